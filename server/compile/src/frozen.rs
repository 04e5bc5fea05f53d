//! The template's `Resources` while it is rendered: each resource a JSON tree, or frozen — its
//! final text, written on a rendering thread as soon as the step that made it was done.
//!
//! A service of thousands of functions makes tens of thousands of resources that no later step
//! touches. Kept as trees until the template is written, they take about four times the
//! memory of their text, and most of a large `compile` goes to the kernel handing that memory
//! out. A frozen resource is written once, on the thread that rendered it; a later step that
//! does need it (a merge, the user's `resources:`, an extension) gets its tree back by parsing
//! the text (thawing), which gives the tree that was frozen. Only resources that the final
//! stripping of `null` properties leaves unchanged are frozen, so their text is final.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::fast_hash::FastHasher;
use crate::merge;

/// Resources in the order they were added, each a tree or frozen text.
#[derive(Default)]
pub(crate) struct Resources {
    entries: IndexMap<String, Slot, std::hash::BuildHasherDefault<FastHasher>>,
}

/// One resource.
pub(crate) enum Slot {
    Tree(Value),
    Frozen(Frozen),
}

/// A resource's final text.
#[derive(PartialEq, Eq)]
pub(crate) struct Frozen {
    /// As the template writes it: indented for the depth of a resource (see `pretty`); empty
    /// when the resource is frozen to be weighed ([`Form::Compact`]).
    pub pretty: Box<[u8]>,
    /// `JSON.stringify` of the resource, kept when it belongs to the websocket API (the
    /// Deployment's hash is taken of that text), and always in the [`Form::Compact`].
    pub compact: Option<Box<str>>,
    /// Whether the resource belongs to the websocket API (is one the Deployment's hash reads).
    pub in_api: bool,
}

/// What a resource is frozen to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// The indented text the template is written with.
    Pretty,
    /// Only the `JSON.stringify` text, for a template that is weighed, never written.
    Compact,
}

/// The buffers a rendering thread writes frozen texts in, kept from one resource to the next.
pub(crate) struct Buffers {
    form: Form,
    pretty: Vec<u8>,
    compact: String,
}

impl Buffers {
    pub fn new(form: Form) -> Buffers {
        Buffers {
            form,
            pretty: Vec::new(),
            compact: String::new(),
        }
    }
}

impl Default for Buffers {
    fn default() -> Buffers {
        Buffers::new(Form::Pretty)
    }
}

/// How deep a resource's value is in the template (`{"Resources": {"Id": value}}`).
pub(crate) const RESOURCE_DEPTH: usize = 2;

impl Frozen {
    /// The frozen text of `resource`, or `None` when the final stripping of `null` properties
    /// would change it (it stays a tree, to be stripped with the others).
    pub fn of(id: &str, resource: &Value, buffers: &mut Buffers) -> Option<Frozen> {
        if crate::render::needs_stripping(resource) {
            return None;
        }
        // Written in a buffer kept from one resource to the next, then copied once: no
        // allocation grows with the text.
        let pretty = match buffers.form {
            Form::Pretty => {
                buffers.pretty.clear();
                crate::pretty::write_at_depth(&mut buffers.pretty, resource, RESOURCE_DEPTH);
                Box::from(buffers.pretty.as_slice())
            }
            Form::Compact => Box::default(),
        };
        let in_api = crate::events::websocket::deployment::belongs_to_api(id, resource);
        let compact = (in_api || buffers.form == Form::Compact).then(|| {
            buffers.compact.clear();
            crate::js_json::write_value(&mut buffers.compact, resource);
            Box::from(buffers.compact.as_str())
        });
        Some(Frozen {
            pretty,
            compact,
            in_api,
        })
    }

    /// The `JSON.stringify` text of a resource of the websocket API (`None` for the others).
    pub fn api_text(&self) -> Option<&str> {
        self.compact.as_deref().filter(|_| self.in_api)
    }

    /// Writes the resource's `JSON.stringify` text.
    pub fn write_compact(&self, out: &mut impl crate::js_json::Sink) {
        match &self.compact {
            Some(compact) => out.push_str(compact),
            None => crate::js_json::write_value(out, &self.thaw()),
        }
    }

    /// The tree the text was written from.
    fn thaw(&self) -> Value {
        // The text was written from a tree by this crate: it always parses.
        let thawed = match &self.compact {
            Some(compact) => serde_json::from_str(compact),
            None => serde_json::from_slice(&self.pretty),
        };
        thawed.unwrap_or(Value::Null)
    }
}

impl Slot {
    /// The slot as a tree (thawed when frozen).
    fn tree(&mut self) -> &mut Value {
        loop {
            match self {
                Slot::Tree(value) => return value,
                Slot::Frozen(frozen) => *self = Slot::Tree(frozen.thaw()),
            }
        }
    }

    fn into_tree(self) -> Value {
        match self {
            Slot::Tree(value) => value,
            Slot::Frozen(frozen) => frozen.thaw(),
        }
    }
}

impl Resources {
    pub fn with_capacity(capacity: usize) -> Resources {
        Resources {
            entries: IndexMap::with_capacity_and_hasher(capacity, Default::default()),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// The tree of `Resources[id]` (thawed when frozen).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.entries.get_mut(id).map(Slot::tree)
    }

    /// The tree of `Resources[id]`, made by `make` when the id is new.
    pub fn or_insert_with(&mut self, id: &str, make: impl FnOnce() -> Value) -> &mut Value {
        self.entries
            .entry(id.to_owned())
            .or_insert_with(|| Slot::Tree(make()))
            .tree()
    }

    /// Replaces `Resources[id]`, keeping its position when it exists.
    pub fn insert(&mut self, id: String, resource: Value) {
        self.entries.insert(id, Slot::Tree(resource));
    }

    /// [`Resources::insert`] of a frozen resource.
    pub fn insert_frozen(&mut self, id: String, resource: Frozen) {
        self.entries.insert(id, Slot::Frozen(resource));
    }

    /// Deep-merges `resource` into `Resources[id]` (appended when new).
    pub fn merge_owned(&mut self, id: String, resource: Value) {
        match self.entries.entry(id) {
            indexmap::map::Entry::Occupied(mut slot) => {
                merge::merge_owned(slot.get_mut().tree(), resource)
            }
            indexmap::map::Entry::Vacant(slot) => {
                slot.insert(Slot::Tree(resource));
            }
        }
    }

    /// [`Resources::merge_owned`] of a frozen resource: it stays frozen when its id is new or
    /// holds the same resource (a merge into an equal value changes nothing: the permission of
    /// a function with several websocket routes is merged once per route).
    pub fn merge_frozen(&mut self, id: String, resource: Frozen) {
        match self.entries.get_mut(&id) {
            Some(Slot::Frozen(existing)) if *existing == resource => {}
            Some(slot) => merge::merge_owned(slot.tree(), resource.thaw()),
            None => self.insert_frozen(id, resource),
        }
    }

    /// Deep-merges a copy of `resource` into `Resources[id]` (appended when new).
    pub fn merge(&mut self, id: &str, resource: &Value) {
        match self.entries.get_mut(id) {
            Some(slot) => merge::merge(slot.tree(), resource),
            None => self.insert(id.to_owned(), resource.clone()),
        }
    }

    /// Every resource as a tree (all thawed), in order.
    pub fn trees_mut(&mut self) -> impl Iterator<Item = (&String, &mut Value)> {
        self.entries.iter_mut().map(|(id, slot)| (id, slot.tree()))
    }

    /// The resources that are trees (the frozen ones left as they are), in order.
    pub fn unfrozen_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.entries.values_mut().filter_map(|slot| match slot {
            Slot::Tree(value) => Some(value),
            Slot::Frozen(_) => None,
        })
    }

    /// Every resource, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Slot)> {
        self.entries.iter()
    }

    /// The resources as a JSON object (all thawed).
    pub fn into_map(self) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.entries.len());
        for (id, slot) in self.entries {
            map.insert(id, slot.into_tree());
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_literal::json;

    #[test]
    fn a_frozen_resource_thaws_to_the_tree_it_was() {
        let resource = json!({
            "Type": "AWS::Lambda::Function",
            "Properties": { "N": [1, 1.5, -2, 1e300, u64::MAX], "S": "q\"\u{1}é", "E": {}, "A": [] },
            "DependsOn": ["X"]
        });
        let frozen = Frozen::of("F", &resource, &mut Buffers::default()).expect("nothing to strip");
        assert_eq!(frozen.thaw(), resource);
        assert!(frozen.compact.is_none(), "not the websocket API's");
        let mut resources = Resources::default();
        resources.insert_frozen("F".into(), frozen);
        resources.merge("F", &json!({ "Properties": { "S": "t" } }));
        let map = resources.into_map();
        assert_eq!(map["F"]["Properties"]["S"], json!("t"));
        assert_eq!(map["F"]["Properties"]["N"], resource["Properties"]["N"]);
    }

    #[test]
    fn a_resource_the_stripping_changes_is_not_frozen() {
        for resource in [
            json!({ "Type": "T", "Properties": { "A": null } }),
            json!({ "Type": "T", "Properties": { "A": [{ "B": null }] } }),
            json!({ "Type": "T", "Properties": null }),
            json!({ "Type": "T", "Properties": "" }),
        ] {
            assert!(
                Frozen::of("R", &resource, &mut Buffers::default()).is_none(),
                "{resource}"
            );
        }
        // Arrays keep their nulls (JSON.stringify writes the holes as null).
        assert!(Frozen::of(
            "R",
            &json!({ "Type": "T", "Properties": { "A": [null] } }),
            &mut Buffers::default()
        )
        .is_some());
    }

    #[test]
    fn a_websocket_resource_keeps_its_compact_text() {
        let route = json!({ "Type": "R", "Properties": { "ApiId": { "Ref": "WebsocketsApi" } } });
        let frozen =
            Frozen::of("Route", &route, &mut Buffers::default()).expect("nothing to strip");
        assert_eq!(
            frozen.compact.as_deref(),
            Some(r#"{"Type":"R","Properties":{"ApiId":{"Ref":"WebsocketsApi"}}}"#)
        );
    }

    #[test]
    fn a_frozen_merge_stays_frozen_only_when_its_id_is_new() {
        let mut resources = Resources::default();
        let first = json!({ "Type": "T", "Properties": { "A": 1 } });
        let second = json!({ "Type": "T", "Properties": { "B": 2 } });
        for resource in [&first, &second] {
            let frozen =
                Frozen::of("R", resource, &mut Buffers::default()).expect("nothing to strip");
            resources.merge_frozen("R".into(), frozen);
        }
        assert!(matches!(resources.iter().next(), Some((_, Slot::Tree(_)))));
        assert_eq!(
            resources.into_map()["R"],
            json!({ "Type": "T", "Properties": { "A": 1, "B": 2 } })
        );
    }

    #[test]
    fn a_resource_merged_into_its_equal_stays_frozen() {
        let mut resources = Resources::default();
        let permission = json!({ "Type": "P", "Properties": { "A": [1, { "B": 2 }] } });
        for _ in 0..2 {
            let frozen =
                Frozen::of("R", &permission, &mut Buffers::default()).expect("nothing to strip");
            resources.merge_frozen("R".into(), frozen);
        }
        assert!(matches!(
            resources.iter().next(),
            Some((_, Slot::Frozen(_)))
        ));
        let mut merged = permission.clone();
        merge::merge(&mut merged, &permission);
        assert_eq!(resources.into_map()["R"], merged);
    }
}
