//! The one table of known keys: types, allowed values, defaults, docs and AWS limits.
//!
//! Validation (rules), completion and hover (analysis) all read this table; nothing else lists
//! keys. Only the mappings the websocket work covers are described here; every other mapping is
//! open (unknown keys there are not reported).

mod docs;
mod tables;

pub use tables::{EVENT_TYPES, IDENTITY_SOURCE_PREFIXES, LOG_RETENTION_DAYS, ROUTE_KEYS};

/// The kinds of value a key accepts, as the framework's schema declares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    String,
    Boolean,
    Number,
    /// A list of strings (a single string is coerced to a one-item list).
    StringList,
    Object,
    /// `true`/`false` or an object (`logs.websocket`).
    BooleanOrObject,
    /// A string or an object (`authorizer`, the websocket event itself).
    StringOrObject,
    /// Anything (free-form objects such as `tags`, `environment`).
    Any,
}

impl ValueType {
    pub fn describe(self) -> &'static str {
        match self {
            ValueType::String => "string",
            ValueType::Boolean => "boolean",
            ValueType::Number => "number",
            ValueType::StringList => "list of strings",
            ValueType::Object => "object",
            ValueType::BooleanOrObject => "boolean or object",
            ValueType::StringOrObject => "string or object",
            ValueType::Any => "any",
        }
    }
}

/// The mappings the schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectId {
    Root,
    Provider,
    ProviderWebsocket,
    ProviderLogs,
    ProviderLogsWebsocket,
    ProviderApiGateway,
    Function,
    WebsocketEvent,
    WebsocketAuthorizer,
}

/// One key of a described mapping.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    pub name: &'static str,
    pub ty: ValueType,
    /// The only values allowed, when the schema has an enum or a constant.
    pub allowed: &'static [&'static str],
    pub default: Option<&'static str>,
    /// What the key does, in Markdown.
    pub docs: &'static str,
    /// The AWS or framework limit behind the key, if any.
    pub limit: Option<&'static str>,
    pub required: bool,
    /// The mapping this key's value is, when it is described too.
    pub object: Option<ObjectId>,
    /// A snippet for the value, inserted by completion after `key: `.
    pub value_snippet: Option<&'static str>,
}

/// A described mapping.
#[derive(Debug, Clone, Copy)]
pub struct ObjectSpec {
    pub id: ObjectId,
    /// Where the mapping sits, for messages: `a websocket event`.
    pub title: &'static str,
    /// Unknown keys are reported (the framework's `additionalProperties: false`).
    pub closed: bool,
    pub keys: &'static [KeySpec],
}

impl ObjectSpec {
    pub fn key(&self, name: &str) -> Option<&'static KeySpec> {
        self.keys.iter().find(|k| k.name == name)
    }
}

/// The description of a mapping.
pub fn object(id: ObjectId) -> &'static ObjectSpec {
    tables::object(id)
}

/// A step of a path from the root of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index,
}

/// Which described mapping sits at `path` (keys from the root; `Index` for list items).
pub fn object_at(path: &[PathSegment<'_>]) -> Option<ObjectId> {
    use PathSegment::{Index, Key};
    match path {
        [] => Some(ObjectId::Root),
        [Key("provider")] => Some(ObjectId::Provider),
        [Key("provider"), Key("websocket")] => Some(ObjectId::ProviderWebsocket),
        [Key("provider"), Key("logs")] => Some(ObjectId::ProviderLogs),
        [Key("provider"), Key("logs"), Key("websocket")] => Some(ObjectId::ProviderLogsWebsocket),
        [Key("provider"), Key("apiGateway")] => Some(ObjectId::ProviderApiGateway),
        [Key("functions"), Key(_)] => Some(ObjectId::Function),
        [Key("functions"), Key(_), Key("events"), Index, Key("websocket")] => {
            Some(ObjectId::WebsocketEvent)
        }
        [Key("functions"), Key(_), Key("events"), Index, Key("websocket"), Key("authorizer")] => {
            Some(ObjectId::WebsocketAuthorizer)
        }
        _ => None,
    }
}

/// The known key closest to `name` among `candidates`, when it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = edit_distance(&lower, &candidate.to_ascii_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, candidate)| {
            let longest = name.chars().count().max(candidate.chars().count());
            *distance <= 2.max(longest / 3) && *distance < longest
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Hover and completion text for a key: docs, type, allowed values, default and limit.
pub fn key_markdown(spec: &KeySpec) -> String {
    let mut out = format!(
        "**{}** — {}\n\n{}",
        spec.name,
        spec.ty.describe(),
        spec.docs
    );
    if !spec.allowed.is_empty() {
        let values: Vec<String> = spec.allowed.iter().map(|v| format!("`{v}`")).collect();
        out.push_str(&format!("\n\nAllowed values: {}.", values.join(", ")));
    }
    if let Some(default) = spec.default {
        out.push_str(&format!("\n\nDefault: `{default}`."));
    }
    if spec.required {
        out.push_str("\n\nRequired.");
    }
    if let Some(limit) = spec.limit {
        out.push_str(&format!("\n\n**Limit:** {limit}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_only_typos() {
        let keys = ["route", "routeResponseSelectionExpression", "authorizer"];
        assert_eq!(closest("rout", keys), Some("route"));
        assert_eq!(closest("authoriser", keys), Some("authorizer"));
        assert_eq!(closest("cors", keys), None);
        assert_eq!(closest("notAKey", keys), None);
    }

    #[test]
    fn every_described_object_resolves_its_nested_objects() {
        for id in [
            ObjectId::Root,
            ObjectId::Provider,
            ObjectId::ProviderWebsocket,
            ObjectId::ProviderLogs,
            ObjectId::ProviderLogsWebsocket,
            ObjectId::ProviderApiGateway,
            ObjectId::Function,
            ObjectId::WebsocketEvent,
            ObjectId::WebsocketAuthorizer,
        ] {
            let spec = object(id);
            assert_eq!(spec.id, id);
            for key in spec.keys {
                assert!(!key.docs.is_empty(), "{} has no docs", key.name);
            }
        }
    }
}
