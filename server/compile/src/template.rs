//! The rendered template: its sections in order, with `Resources` kept as the rendering left
//! them (trees and frozen text, see `frozen`) until the template is written or turned into
//! one JSON value.

use std::io::Write;

use serde_json::{Map, Value};

use crate::frozen::{Resources, Slot};
use crate::js_json;
use crate::pretty::{self, Entry, Writer};

/// The template the framework would write.
pub struct CompiledTemplate {
    /// The sections in order; while `resources` is set, the `Resources` entry here only holds
    /// its place.
    sections: Map<String, Value>,
    resources: Option<Resources>,
}

/// The key of the resources' section.
pub(crate) const RESOURCES: &str = "Resources";

impl CompiledTemplate {
    /// A template of these sections, `resources` in the place of `Resources`.
    pub(crate) fn new(mut sections: Map<String, Value>, resources: Resources) -> Self {
        sections.insert(RESOURCES.into(), Value::Null);
        CompiledTemplate {
            sections,
            resources: Some(resources),
        }
    }

    /// The sections, `Resources` apart while it is kept apart.
    pub(crate) fn parts_mut(&mut self) -> (&mut Map<String, Value>, Option<&mut Resources>) {
        (&mut self.sections, self.resources.as_mut())
    }

    /// The sections, `Resources` among them as one JSON value (every resource thawed).
    pub(crate) fn sections_mut(&mut self) -> &mut Map<String, Value> {
        if let Some(resources) = self.resources.take() {
            if let Some(slot) = self.sections.get_mut(RESOURCES) {
                *slot = Value::Object(resources.into_map());
            }
        }
        &mut self.sections
    }

    /// The tree of `Resources[id]` (thawed when frozen).
    pub(crate) fn resource_mut(&mut self, id: &str) -> Option<&mut Value> {
        match (&mut self.resources, self.sections.get_mut(RESOURCES)) {
            (Some(resources), _) => resources.get_mut(id),
            (None, Some(Value::Object(resources))) => resources.get_mut(id),
            (None, _) => None,
        }
    }

    /// Deep-merges a copy of `resource` into `Resources[id]` (appended when new), when
    /// `Resources` is an object.
    pub(crate) fn merge_resource(&mut self, id: &str, resource: &Value) {
        match (&mut self.resources, self.sections.get_mut(RESOURCES)) {
            (Some(resources), _) => resources.merge(id, resource),
            (None, Some(Value::Object(resources))) => {
                crate::merge::merge_entry(resources, id, resource)
            }
            (None, _) => {}
        }
    }

    /// The template as one JSON value.
    pub fn into_value(mut self) -> Value {
        self.sections_mut();
        Value::Object(self.sections)
    }

    /// Writes the template as indented JSON (what `serde_json::to_string_pretty` writes of
    /// [`CompiledTemplate::into_value`]), then a line break, to `sink`, a piece at a time.
    pub fn write_pretty_to(&self, sink: &mut dyn Write) -> std::io::Result<()> {
        pretty::write_entry_to(sink, self)
    }

    /// The length of the template's `JSON.stringify` text.
    pub(crate) fn compact_len(&self) -> usize {
        let mut count = js_json::ByteCount::default();
        self.write_compact(&mut count);
        count.0
    }

    /// Writes the template's `JSON.stringify` text (what [`CompiledTemplate::into_value`]
    /// gives, frozen resources copied as their compact text).
    pub(crate) fn write_compact(&self, out: &mut impl js_json::Sink) {
        out.push_str("{");
        for (i, (key, value)) in self.sections.iter().enumerate() {
            match (&self.resources, key.as_str()) {
                (Some(resources), RESOURCES) => {
                    if i > 0 {
                        out.push_str(",");
                    }
                    js_json::write_string(out, key);
                    out.push_str(":{");
                    for (j, (id, slot)) in resources.iter().enumerate() {
                        if j > 0 {
                            out.push_str(",");
                        }
                        js_json::write_string(out, id);
                        out.push_str(":");
                        match slot {
                            Slot::Tree(resource) => js_json::write_value(out, resource),
                            Slot::Frozen(frozen) => frozen.write_compact(out),
                        }
                    }
                    out.push_str("}");
                }
                _ => js_json::write_entry(out, i == 0, key, value),
            }
        }
        out.push_str("}");
    }

    /// The indented JSON text of the template (no final line break).
    pub fn to_pretty_string(&self) -> String {
        let mut out = Vec::new();
        pretty::write_entry(&mut out, self);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// A section's value as written: a tree, or the resources kept apart.
enum Section<'t> {
    Value(&'t Value),
    Resources(&'t Resources),
}

impl Entry for Section<'_> {
    fn write(&self, writer: &mut Writer<'_, '_>, out: &mut Vec<u8>, depth: usize) {
        match self {
            Section::Value(value) => writer.value(out, value, depth),
            Section::Resources(resources) => {
                writer.object(out, resources.iter(), resources.len(), depth)
            }
        }
    }
}

impl Entry for Slot {
    fn write(&self, writer: &mut Writer<'_, '_>, out: &mut Vec<u8>, depth: usize) {
        match self {
            Slot::Tree(value) => writer.value(out, value, depth),
            // Written for a resource's depth, the only place a frozen text goes.
            Slot::Frozen(frozen) => out.extend_from_slice(&frozen.pretty),
        }
    }
}

impl Entry for CompiledTemplate {
    fn write(&self, writer: &mut Writer<'_, '_>, out: &mut Vec<u8>, depth: usize) {
        let sections: Vec<(&String, Section<'_>)> = self
            .sections
            .iter()
            .map(|(key, value)| match (&self.resources, key.as_str()) {
                (Some(resources), RESOURCES) => (key, Section::Resources(resources)),
                _ => (key, Section::Value(value)),
            })
            .collect();
        let entries = sections.iter().map(|(key, section)| (*key, section));
        writer.object(out, entries, sections.len(), depth);
    }
}

impl std::fmt::Debug for CompiledTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_pretty_string())
    }
}

#[cfg(test)]
mod tests {
    use crate::frozen::Form;
    use crate::render::{render_beside, Threads};

    /// A template weighed (its resources frozen to their compact text) writes the text of the
    /// template rendered as a tree, in the same order.
    #[test]
    fn a_weighed_template_writes_the_rendered_text() {
        let services = [
            "bench/n100",
            "oracle/authorizer-object-name",
            "corpus-compile/gh-zn-team-serverless-chat-backend",
        ];
        for service in services {
            let path = sls_test_support::fixtures()
                .join(service)
                .join("serverless.yml");
            let text = std::fs::read_to_string(&path).expect("a fixture");
            let parse = sls_syntax::parse(&text);
            let plan = crate::plan(parse.tree.view(), &crate::CompileOptions::default());
            let rendered = plan.render().expect("renders");
            let (weighed, ()) = render_beside(&plan, Threads::Two, Some(Form::Compact), || ());
            let mut written = String::new();
            weighed.expect("renders").write_compact(&mut written);
            let expected = crate::js_json_stringify(&rendered);
            let at = written
                .bytes()
                .zip(expected.bytes())
                .position(|(a, b)| a != b);
            let around = |t: &str| {
                t.get(at.unwrap_or(0).saturating_sub(200)..)
                    .map(|t| t.chars().take(400).collect::<String>())
            };
            // The texts are hundreds of kilobytes: the message shows where they part.
            assert!(
                written == expected,
                "{service}: they differ from byte {at:?}\n{:?}\n{:?}",
                around(&written),
                around(&expected)
            );
        }
    }
}
