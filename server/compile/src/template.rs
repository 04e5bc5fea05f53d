//! The rendered template: its sections in order, with `Resources` kept as the rendering left
//! them (trees and frozen text, see `frozen`) until the template is written or turned into
//! one JSON value.

use std::io::Write;

use serde_json::{Map, Value};

use crate::frozen::{Resources, Slot};
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
