//! The framework's JSON Schema as an arena graph, built once (lazily) from the committed file.
//!
//! `schema()` parses `schema/serverless-3.40.0.json` (generated from Serverless Framework
//! v3.40.0, see `schema/generate/README.md`) into `SchemaNode`s addressed by `SchemaId`. A
//! `$ref` is resolved while building: the referencing slot points at the definition's node, as
//! the framework inlines definitions before validating (keywords beside a `$ref` are dropped).
//! Every keyword the file uses is understood; `unknown_keywords` lists any that is not, so a
//! test keeps the file and the graph in step.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use super::pattern::Pattern;

/// The committed schema file.
pub const SCHEMA_JSON: &str = include_str!("../../schema/serverless-3.40.0.json");

/// The framework version the schema comes from.
pub const FRAMEWORK_VERSION: &str = "3.40.0";

/// Index of a node in the schema arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaId(pub u32);

/// A JSON Schema `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    Null,
}

impl JsonType {
    pub fn name(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Null => "null",
        }
    }

    fn parse(name: &str) -> Option<JsonType> {
        Some(match name {
            "string" => JsonType::String,
            "number" => JsonType::Number,
            "integer" => JsonType::Integer,
            "boolean" => JsonType::Boolean,
            "object" => JsonType::Object,
            "array" => JsonType::Array,
            "null" => JsonType::Null,
            _ => return None,
        })
    }
}

/// `additionalProperties`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Additional {
    #[default]
    Allowed,
    Forbidden,
    Schema(SchemaId),
}

/// `items`: one schema for every item, or one per position (a tuple).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Items {
    #[default]
    None,
    All(SchemaId),
    Tuple(Vec<SchemaId>),
}

/// String formats the framework's validator checks (`ajv-formats`, full mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Uri,
    DateTime,
    /// A format this build does not check (always passes).
    Other,
}

/// One schema object. Absent keywords are empty or `None`.
#[derive(Debug, Default)]
pub struct SchemaNode {
    /// JSON pointer of the object in the committed file (`/definitions/awsArn`).
    pub pointer: String,
    pub types: Vec<JsonType>,
    /// `properties`, in the file's order.
    pub properties: Vec<(String, SchemaId)>,
    /// Indices into `properties`, sorted by name (for lookups).
    by_name: Vec<u32>,
    pub pattern_properties: Vec<(Pattern, SchemaId)>,
    pub additional: Additional,
    pub property_names: Option<SchemaId>,
    pub required: Vec<String>,
    /// `dependencies` (property lists only): when the key is present, these must be too.
    pub dependencies: Vec<(String, Vec<String>)>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    pub items: Items,
    /// `additionalItems: false` after a tuple `items`.
    pub no_additional_items: bool,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub any_of: Vec<SchemaId>,
    pub one_of: Vec<SchemaId>,
    pub all_of: Vec<SchemaId>,
    pub not: Option<SchemaId>,
    pub enum_values: Option<Vec<Value>>,
    pub const_value: Option<Value>,
    pub pattern: Option<Pattern>,
    /// The framework's `regexp` keyword (`/source/flags`).
    pub regexp: Option<Pattern>,
    pub format: Option<Format>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub multiple_of: Option<f64>,
}

impl SchemaNode {
    /// Where the object sits, written as its docs are keyed: `functions.*.events[].sqs`,
    /// `#awsLambdaVpcConfig` for a definition (composites and their indices left out).
    /// Computed when asked (hover, completion): building the graph does not pay for it.
    pub fn doc_path(&self) -> String {
        doc_path(&self.pointer)
    }

    /// The schema of a declared property.
    pub fn property(&self, name: &str) -> Option<SchemaId> {
        let props = &self.properties;
        self.by_name
            .binary_search_by(|i| props[*i as usize].0.as_str().cmp(name))
            .ok()
            .map(|at| props[self.by_name[at] as usize].1)
    }

    /// Whether the node has keywords that apply to objects (AJV then reports a wrong type
    /// among the object keywords rather than first).
    pub fn has_object_keywords(&self) -> bool {
        !self.properties.is_empty()
            || !self.pattern_properties.is_empty()
            || self.additional != Additional::Allowed
            || self.property_names.is_some()
            || !self.required.is_empty()
            || !self.dependencies.is_empty()
            || self.min_properties.is_some()
            || self.max_properties.is_some()
    }

    /// Whether the node has keywords that apply to arrays.
    pub fn has_array_keywords(&self) -> bool {
        self.items != Items::None
            || self.no_additional_items
            || self.min_items.is_some()
            || self.max_items.is_some()
            || self.unique_items
    }

    /// The type of the `const` value.
    pub fn const_type(&self) -> Option<JsonType> {
        Some(match self.const_value.as_ref()? {
            Value::String(_) => JsonType::String,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::Null => JsonType::Null,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        })
    }

    /// The `const` value as text (a string without quotes).
    pub fn const_text(&self) -> Option<String> {
        let value = self.const_value.as_ref()?;
        Some(
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned),
        )
    }

    /// The `enum` values as text, comma-separated.
    pub fn enum_text(&self) -> String {
        let parts: Vec<String> = self
            .enum_values
            .iter()
            .flatten()
            .map(|v| {
                v.as_str()
                    .map_or_else(|| v.to_string(), |s| format!("'{s}'"))
            })
            .collect();
        parts.join(", ")
    }

    /// Whether the `const` is truthy (what the framework's error normaliser reads from a
    /// failing branch).
    pub fn is_truthy_const(&self) -> bool {
        self.const_value.as_ref().is_some_and(is_truthy)
    }
}

fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// The whole schema.
#[derive(Debug)]
pub struct Schema {
    nodes: Vec<SchemaNode>,
    root: SchemaId,
    definitions: Vec<(String, SchemaId)>,
    /// Keywords found in the file that the graph does not model, with their pointers.
    pub unknown_keywords: Vec<String>,
}

impl Schema {
    pub fn root(&self) -> SchemaId {
        self.root
    }

    pub fn node(&self, id: SchemaId) -> &SchemaNode {
        &self.nodes[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every node, with its id.
    pub fn nodes(&self) -> impl Iterator<Item = (SchemaId, &SchemaNode)> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (SchemaId(i as u32), node))
    }

    pub fn definition(&self, name: &str) -> Option<SchemaId> {
        self.definitions
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }

    pub fn definitions(&self) -> &[(String, SchemaId)] {
        &self.definitions
    }

    /// The schema of a function (`functions.<name>`).
    pub fn function(&self) -> Option<SchemaId> {
        let functions = self.node(self.root).property("functions")?;
        self.node(functions)
            .pattern_properties
            .first()
            .map(|(_, id)| *id)
    }

    /// The event types, each with the schema of its value (`functions.*.events[].<type>`),
    /// in the framework's order.
    pub fn event_types(&self) -> Vec<(&str, SchemaId)> {
        let Some(events) = self
            .function()
            .and_then(|f| self.node(f).property("events"))
        else {
            return Vec::new();
        };
        let Items::All(item) = &self.node(events).items else {
            return Vec::new();
        };
        self.node(*item)
            .any_of
            .iter()
            .filter_map(|branch| self.node(*branch).properties.first())
            .filter(|(name, _)| name != "__schemaWorkaround__")
            .map(|(name, id)| (name.as_str(), *id))
            .collect()
    }

    /// Builds the graph from a schema document.
    pub fn from_json(text: &str) -> Result<Schema, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let root = value.as_object().ok_or("the schema is not an object")?;
        let mut builder = Builder::default();
        if let Some(Value::Object(definitions)) = root.get("definitions") {
            for name in definitions.keys() {
                let id = builder.alloc(format!("/definitions/{}", escape_pointer(name)));
                builder.definitions.insert(name.clone(), id);
            }
            for (name, definition) in definitions {
                let id = builder.definitions[name];
                builder.fill(id, definition)?;
            }
        }
        let root_id = builder.alloc(String::new());
        builder.fill(root_id, &value)?;
        let mut definitions: Vec<(String, SchemaId)> = builder.definitions.into_iter().collect();
        definitions.sort();
        Ok(Schema {
            nodes: builder.nodes,
            root: root_id,
            definitions,
            unknown_keywords: builder.unknown,
        })
    }
}

/// The framework's schema for the AWS provider, built on first use.
pub fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| load(SCHEMA_JSON.to_owned()))
}

/// The schema the framework validates with when `provider.name` is not `aws` and the
/// provider's plugin defines no schema of its own: the provider, function and event schemas
/// open. The top-level keys the AWS provider and the dashboard plugin add (`resources`,
/// `layers`, `org`, `app`, `outputs`) are accepted unchecked, as another provider's plugin
/// may define them.
pub fn relaxed_schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| match serde_json::from_str::<Value>(SCHEMA_JSON) {
        Ok(mut value) => {
            relax(&mut value);
            load(value.to_string())
        }
        Err(error) => failed(&error.to_string()),
    })
}

fn relax(schema: &mut Value) {
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for key in ["resources", "layers", "org", "app", "outputs"] {
        properties.insert(key.to_owned(), serde_json::json!({}));
    }
    properties.insert(
        "provider".to_owned(),
        serde_json::json!({"type": "object", "properties": {"stage": {"type": "string"}}, "required": ["name"]}),
    );
    if let Some(functions) = properties
        .get_mut("functions")
        .and_then(|f| f.get_mut("patternProperties"))
        .and_then(Value::as_object_mut)
    {
        for function in functions.values_mut() {
            *function = serde_json::json!({
                "type": "object",
                "properties": {"name": {"type": "string"}, "events": {"type": "array", "items": {}}},
            });
        }
    }
}

fn load(text: String) -> Schema {
    Schema::from_json(&text).unwrap_or_else(|error| failed(&error))
}

fn failed(error: &str) -> Schema {
    Schema {
        nodes: vec![SchemaNode::default()],
        root: SchemaId(0),
        definitions: Vec::new(),
        unknown_keywords: vec![format!("the committed schema does not load: {error}")],
    }
}

/// `/properties/functions/patternProperties/<p>/properties/events/items/anyOf/3` →
/// `functions.*.events[]`.
pub fn doc_path(pointer: &str) -> String {
    let segments: Vec<std::borrow::Cow<'_, str>> = pointer
        .split('/')
        .skip(1)
        .map(|s| match s.contains('~') {
            true => std::borrow::Cow::Owned(s.replace("~1", "/").replace("~0", "~")),
            false => std::borrow::Cow::Borrowed(s),
        })
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        match segments[i].as_ref() {
            "properties" if i + 1 < segments.len() => {
                parts.push(segments[i + 1].to_string());
                i += 2;
            }
            "patternProperties" => {
                parts.push("*".to_owned());
                i += 2;
            }
            "additionalProperties" => {
                parts.push("*".to_owned());
                i += 1;
            }
            "definitions" if i + 1 < segments.len() => {
                parts.push(format!("#{}", segments[i + 1]));
                i += 2;
            }
            "items" => {
                match parts.last_mut() {
                    Some(last) => last.push_str("[]"),
                    None => parts.push("[]".to_owned()),
                }
                let tuple = segments
                    .get(i + 1)
                    .is_some_and(|s| s.parse::<usize>().is_ok());
                i += if tuple { 2 } else { 1 };
            }
            "anyOf" | "oneOf" | "allOf" => i += 2,
            _ => i += 1,
        }
    }
    parts.join(".")
}

/// The docs path of a key declared by an object at `owner` (`provider` + `runtime`).
pub fn key_doc_path(owner: &str, key: &str) -> String {
    if owner.is_empty() {
        key.to_owned()
    } else {
        format!("{owner}.{key}")
    }
}

/// A JSON-pointer segment: `~` and `/` escaped (borrowed when there is nothing to escape, as
/// for almost every key of the schema).
fn escape_pointer(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        std::borrow::Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(segment)
    }
}

#[derive(Default)]
struct Builder {
    nodes: Vec<SchemaNode>,
    definitions: HashMap<String, SchemaId>,
    unknown: Vec<String>,
}

/// Keywords that carry no validation (or are handled with another one).
const IGNORED_KEYWORDS: &[&str] = &["definitions", "$schema", "$id", "title", "description"];

impl Builder {
    fn alloc(&mut self, pointer: String) -> SchemaId {
        let id = SchemaId(self.nodes.len() as u32);
        self.nodes.push(SchemaNode {
            pointer,
            ..SchemaNode::default()
        });
        id
    }

    /// A subschema at `pointer`: a `$ref` resolves to its definition, anything else is a new
    /// node (`true`/`{}` accept everything, `false` accepts nothing).
    fn sub(&mut self, value: &Value, pointer: String) -> Result<SchemaId, String> {
        if let Some(target) = value.get("$ref").and_then(Value::as_str) {
            let name = target
                .strip_prefix("#/definitions/")
                .ok_or_else(|| format!("unsupported reference {target} at {pointer}"))?;
            return self
                .definitions
                .get(name)
                .copied()
                .ok_or_else(|| format!("unknown definition {target} at {pointer}"));
        }
        let id = self.alloc(pointer);
        self.fill(id, value)?;
        Ok(id)
    }

    fn subs(&mut self, value: &Value, pointer: &str) -> Result<Vec<SchemaId>, String> {
        let list = value
            .as_array()
            .ok_or_else(|| format!("{pointer} is not a list"))?;
        list.iter()
            .enumerate()
            .map(|(i, item)| self.sub(item, format!("{pointer}/{i}")))
            .collect()
    }

    fn fill(&mut self, id: SchemaId, value: &Value) -> Result<(), String> {
        let pointer = self.nodes[id.0 as usize].pointer.clone();
        let object = match value {
            Value::Object(object) => object,
            Value::Bool(true) => return Ok(()),
            Value::Bool(false) => {
                self.nodes[id.0 as usize].not = Some(self.alloc(format!("{pointer}/false")));
                return Ok(());
            }
            _ => return Err(format!("{pointer} is not a schema")),
        };
        let mut node = std::mem::take(&mut self.nodes[id.0 as usize]);
        node.pointer = pointer.clone();
        for (keyword, value) in object {
            let at = format!("{pointer}/{}", escape_pointer(keyword));
            self.keyword(&mut node, keyword, value, &at)?;
        }
        let mut by_name: Vec<u32> = (0..node.properties.len() as u32).collect();
        by_name.sort_by(|a, b| {
            node.properties[*a as usize]
                .0
                .cmp(&node.properties[*b as usize].0)
        });
        node.by_name = by_name;
        self.nodes[id.0 as usize] = node;
        Ok(())
    }

    fn keyword(
        &mut self,
        node: &mut SchemaNode,
        keyword: &str,
        value: &Value,
        at: &str,
    ) -> Result<(), String> {
        let number = || value.as_f64();
        let count = || value.as_u64();
        match keyword {
            "type" => {
                let names: Vec<&str> = match value {
                    Value::String(name) => vec![name.as_str()],
                    Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                node.types = names.into_iter().filter_map(JsonType::parse).collect();
            }
            "properties" | "patternProperties" => {
                let map = value
                    .as_object()
                    .ok_or_else(|| format!("{at} is not an object"))?;
                for (name, sub) in map {
                    let id = self.sub(sub, format!("{at}/{}", escape_pointer(name)))?;
                    if keyword == "properties" {
                        node.properties.push((name.clone(), id));
                    } else {
                        node.pattern_properties.push((Pattern::new(name, "u"), id));
                    }
                }
            }
            "additionalProperties" => {
                node.additional = match value {
                    Value::Bool(true) => Additional::Allowed,
                    Value::Bool(false) => Additional::Forbidden,
                    _ => Additional::Schema(self.sub(value, at.to_owned())?),
                }
            }
            "propertyNames" => node.property_names = Some(self.sub(value, at.to_owned())?),
            "required" => {
                node.required = value
                    .as_array()
                    .map(|names| {
                        names
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default()
            }
            "dependencies" => {
                for (name, needs) in value.as_object().into_iter().flatten() {
                    let needs = needs
                        .as_array()
                        .ok_or_else(|| format!("{at}: only property dependencies are supported"))?;
                    let needs = needs
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect();
                    node.dependencies.push((name.clone(), needs));
                }
            }
            "minProperties" => node.min_properties = count(),
            "maxProperties" => node.max_properties = count(),
            "items" => {
                node.items = match value {
                    Value::Array(_) => Items::Tuple(self.subs(value, at)?),
                    _ => Items::All(self.sub(value, at.to_owned())?),
                }
            }
            "additionalItems" => node.no_additional_items = value == &Value::Bool(false),
            "minItems" => node.min_items = count(),
            "maxItems" => node.max_items = count(),
            "uniqueItems" => node.unique_items = value == &Value::Bool(true),
            "anyOf" => node.any_of = self.subs(value, at)?,
            "oneOf" => node.one_of = self.subs(value, at)?,
            "allOf" => node.all_of = self.subs(value, at)?,
            "not" => node.not = Some(self.sub(value, at.to_owned())?),
            "enum" => node.enum_values = value.as_array().cloned(),
            "const" => node.const_value = Some(value.clone()),
            "pattern" => node.pattern = value.as_str().map(|p| Pattern::new(p, "u")),
            "regexp" => node.regexp = value.as_str().and_then(Pattern::from_slashed),
            "format" => {
                node.format = Some(match value.as_str() {
                    Some("uri") => Format::Uri,
                    Some("date-time") => Format::DateTime,
                    _ => Format::Other,
                })
            }
            "minLength" => node.min_length = count(),
            "maxLength" => node.max_length = count(),
            "minimum" => node.minimum = number(),
            "maximum" => node.maximum = number(),
            "exclusiveMinimum" => node.exclusive_minimum = number(),
            "exclusiveMaximum" => node.exclusive_maximum = number(),
            "multipleOf" => node.multiple_of = number(),
            // Resolved by `sub`, which never fills a node holding a `$ref`.
            "$ref" => {}
            _ if IGNORED_KEYWORDS.contains(&keyword) => {}
            _ => self.unknown.push(at.to_owned()),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_schema_loads_and_every_keyword_is_understood() {
        let schema = schema();
        assert!(
            schema.unknown_keywords.is_empty(),
            "{:?}",
            schema.unknown_keywords
        );
        assert!(schema.len() > 1000, "only {} nodes", schema.len());
        let root = schema.node(schema.root());
        for key in ["service", "provider", "functions", "resources", "layers"] {
            assert!(root.property(key).is_some(), "no {key}");
        }
    }

    #[test]
    fn refs_point_at_their_definition() {
        let schema = schema();
        let root = schema.node(schema.root());
        let service = root.property("service").expect("service");
        assert_eq!(Some(service), schema.definition("serviceName"));
        assert_eq!(schema.node(service).types, vec![JsonType::String]);
    }
}
