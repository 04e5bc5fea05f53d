//! The object keywords of the validator, in AJV's order: `maxProperties`, `minProperties`,
//! `required`, `propertyNames`, `additionalProperties`, `dependencies`, `properties`,
//! `patternProperties`.

use sls_syntax::NodeId;

use super::{Detail, Keyword, Seg, Validator};
use crate::schema::graph::{Additional, SchemaId, SchemaNode};
use crate::schema::instance::{Entry, Inst, Slot};
use crate::value::is_variable_text;

impl<'t> Validator<'_, '_, 't> {
    pub(super) fn object(
        &mut self,
        id: SchemaId,
        node: &SchemaNode,
        value: Inst,
        at: Option<NodeId>,
    ) {
        let entries = self.instance.entries(value);
        let count = entries.len() as u64;
        let on_object = |property: Option<String>| Detail {
            node: at,
            property,
            ..Detail::default()
        };
        if let Some(max) = node.max_properties.filter(|max| count > *max) {
            let message = format!("must NOT have more than {max} properties");
            self.fail(id, Keyword::MaxProperties, message, on_object(None));
        }
        if let Some(min) = node.min_properties.filter(|min| count < *min) {
            let message = format!("must NOT have fewer than {min} properties");
            self.fail(id, Keyword::MinProperties, message, on_object(None));
        }
        // A key still holding a variable may resolve to any name: it satisfies what it might.
        let variable_key = entries.iter().any(|e| is_variable_text(e.key));
        for &name in node.required {
            if variable_key {
                break;
            }
            if !entries.iter().any(|e| e.key == name) && !self.failed_quietly() {
                let message = format!("must have required property '{name}'");
                self.fail(
                    id,
                    Keyword::Required,
                    message,
                    on_object(Some(name.to_owned())),
                );
            }
        }
        if let Some(names) = node.property_names {
            self.property_names(id, names, &entries, at);
        }
        self.additional(id, node, &entries, at);
        for &(name, needs) in node.dependencies {
            if !entries.iter().any(|e| e.key == name) {
                continue;
            }
            for &need in needs {
                if entries.iter().any(|e| e.key == need) {
                    continue;
                }
                let property = if needs.len() == 1 {
                    "property"
                } else {
                    "properties"
                };
                let message = format!(
                    "must have {property} {} when property {name} is present",
                    needs.join(", ")
                );
                self.fail(
                    id,
                    Keyword::Dependencies,
                    message,
                    on_object(Some(need.to_owned())),
                );
            }
        }
        if self.quiet > 0 {
            // Order only matters for the recorded errors: look each entry up instead.
            for entry in &entries {
                if let Some(property_schema) = node.property(entry.key) {
                    self.child(property_schema, entry);
                }
            }
        } else {
            for &(name, property_schema) in node.properties {
                if let Some(entry) = entries.iter().find(|e| e.key == name) {
                    let len = self.schema_path.len();
                    self.schema_path.push_str("/properties/");
                    self.schema_path.push_str(&escape_segment(name));
                    self.child(property_schema, entry);
                    self.schema_path.truncate(len);
                }
            }
        }
        for (pattern, property_schema) in node.pattern_properties {
            for entry in entries.iter().filter(|e| pattern.is_match(e.key)) {
                let len = self.schema_path.len();
                self.schema_path.push_str("/patternProperties/");
                self.schema_path.push_str(&escape_segment(pattern.source()));
                self.child(*property_schema, entry);
                self.schema_path.truncate(len);
            }
        }
    }

    /// Validates an entry's value with the entry's key on the path.
    fn child(&mut self, id: SchemaId, entry: &Entry<'t>) {
        self.path.push(Seg::Key(entry.key));
        let value = self.instance.at(entry.slot, entry.value);
        if !self.validate_function(id, entry.slot, value) {
            self.validate(id, entry.slot, value);
        }
        self.path.pop();
    }

    fn additional(
        &mut self,
        id: SchemaId,
        node: &SchemaNode,
        entries: &[Entry<'t>],
        at: Option<NodeId>,
    ) {
        if node.additional == Additional::Allowed {
            return;
        }
        for entry in entries.iter().filter(|e| !is_variable_text(e.key)) {
            let declared = node.property(entry.key).is_some()
                || node
                    .pattern_properties
                    .iter()
                    .any(|(pattern, _)| pattern.is_match(entry.key));
            if declared {
                continue;
            }
            match node.additional {
                Additional::Forbidden if self.failed_quietly() => {}
                Additional::Forbidden => {
                    let detail = Detail {
                        node: at,
                        key_node: entry.key_node,
                        property: Some(entry.key.to_owned()),
                        data: None,
                    };
                    let message = "must NOT have additional properties".to_owned();
                    self.fail(id, Keyword::AdditionalProperties, message, detail);
                }
                Additional::Schema(schema) => {
                    let len = self.schema_path.len();
                    self.schema_path.push_str("/additionalProperties");
                    self.child(schema, entry);
                    self.schema_path.truncate(len);
                }
                Additional::Allowed => {}
            }
        }
    }

    fn property_names(
        &mut self,
        id: SchemaId,
        names: SchemaId,
        entries: &[Entry<'t>],
        at: Option<NodeId>,
    ) {
        for entry in entries {
            let Some(key_node) = entry.key_node else {
                continue;
            };
            let len = self.schema_path.len();
            self.schema_path.push_str("/propertyNames");
            let errors_before = self.errors.len();
            let passed = self.validate(names, Slot::Key(key_node), Inst::Key(key_node));
            for error in &mut self.errors[errors_before..] {
                error.key_node = Some(key_node);
                error.property = Some(entry.key.to_owned());
            }
            self.schema_path.truncate(len);
            if !passed {
                let detail = Detail {
                    node: at,
                    key_node: Some(key_node),
                    property: Some(entry.key.to_owned()),
                    data: None,
                };
                let message = "property name must be valid".to_owned();
                self.fail(id, Keyword::PropertyNames, message, detail);
            }
        }
    }
}

/// A schema path segment as AJV writes it (JSON pointer escaping, then URI encoding of the
/// characters that would break the path's structure).
fn escape_segment(segment: &str) -> std::borrow::Cow<'_, str> {
    if !segment.contains(['~', '/', '%']) {
        return std::borrow::Cow::Borrowed(segment);
    }
    let escaped = segment
        .replace('%', "%25")
        .replace('~', "~0")
        .replace('/', "~1");
    std::borrow::Cow::Owned(escaped)
}
