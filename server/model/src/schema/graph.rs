//! The framework's JSON Schema as an arena graph of static data, generated at build time.
//!
//! The build script reads `schema/serverless-3.40.0.json` (generated from Serverless Framework
//! v3.40.0, see `schema/generate/README.md`) with `graph_build` and writes the graph as static
//! tables: `schema()` costs nothing at start-up. `Schema::from_json` builds the same graph from
//! a document at run time (the relaxed schema, tests); a test keeps both in step. Nodes are
//! addressed by `SchemaId`; a `$ref` points at its definition's node, as the framework inlines
//! definitions before validating.

use std::sync::OnceLock;

use serde_json::Value;

use super::graph_build::{self, Built, BuiltAdditional, BuiltItems, BuiltNode};
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

    /// The type a `type` name stands for (`None` for a name JSON Schema does not have).
    pub fn parse(name: &str) -> Option<JsonType> {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Items {
    #[default]
    None,
    All(SchemaId),
    Tuple(&'static [SchemaId]),
}

/// String formats the framework's validator checks (`ajv-formats`, full mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Uri,
    DateTime,
    /// A format this build does not check (always passes).
    Other,
}

impl Format {
    pub fn parse(name: &str) -> Format {
        match name {
            "uri" => Format::Uri,
            "date-time" => Format::DateTime,
            _ => Format::Other,
        }
    }
}

/// A JSON value of the schema (`enum`, `const`), kept as JSON text and parsed when first used.
#[derive(Debug, Clone, Copy)]
pub struct Literal {
    json: &'static str,
    parsed: &'static LiteralCache,
}

/// The parsed form of one literal.
#[derive(Debug)]
pub struct LiteralCache(OnceLock<Value>);

impl LiteralCache {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> LiteralCache {
        LiteralCache(OnceLock::new())
    }
}

impl Literal {
    /// A literal of the generated graph.
    pub const fn from_static(json: &'static str, parsed: &'static LiteralCache) -> Literal {
        Literal { json, parsed }
    }

    /// A literal made at run time; it lives as long as the process.
    fn new(value: &Value) -> Literal {
        Literal {
            json: leak_str(value.to_string()),
            parsed: Box::leak(Box::new(LiteralCache::new())),
        }
    }

    pub fn value(&self) -> &'static Value {
        self.parsed
            .0
            .get_or_init(|| serde_json::from_str(self.json).unwrap_or(Value::Null))
    }
}

impl PartialEq for Literal {
    fn eq(&self, other: &Literal) -> bool {
        self.json == other.json
    }
}

/// One schema object. Absent keywords are empty or `None`.
#[derive(Debug, PartialEq)]
pub struct SchemaNode {
    /// JSON pointer of the object in the committed file (`/definitions/awsArn`).
    pub pointer: &'static str,
    pub types: &'static [JsonType],
    /// `properties`, in the file's order.
    pub properties: &'static [(&'static str, SchemaId)],
    /// Indices into `properties`, sorted by name (for lookups).
    pub by_name: &'static [u32],
    pub pattern_properties: &'static [(Pattern, SchemaId)],
    pub additional: Additional,
    pub property_names: Option<SchemaId>,
    pub required: &'static [&'static str],
    /// `dependencies` (property lists only): when the key is present, these must be too.
    pub dependencies: &'static [(&'static str, &'static [&'static str])],
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    pub items: Items,
    /// `additionalItems: false` after a tuple `items`.
    pub no_additional_items: bool,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub any_of: &'static [SchemaId],
    pub one_of: &'static [SchemaId],
    pub all_of: &'static [SchemaId],
    pub not: Option<SchemaId>,
    /// `enum`: the list, as one literal (see `enum_values`).
    pub enum_literal: Option<Literal>,
    /// `const` (see `const_value`).
    pub const_literal: Option<Literal>,
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
    /// A node without keywords (it accepts everything): what generated nodes start from.
    pub const EMPTY: SchemaNode = SchemaNode {
        pointer: "",
        types: &[],
        properties: &[],
        by_name: &[],
        pattern_properties: &[],
        additional: Additional::Allowed,
        property_names: None,
        required: &[],
        dependencies: &[],
        min_properties: None,
        max_properties: None,
        items: Items::None,
        no_additional_items: false,
        min_items: None,
        max_items: None,
        unique_items: false,
        any_of: &[],
        one_of: &[],
        all_of: &[],
        not: None,
        enum_literal: None,
        const_literal: None,
        pattern: None,
        regexp: None,
        format: None,
        min_length: None,
        max_length: None,
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
        multiple_of: None,
    };

    /// The `enum` values.
    pub fn enum_values(&self) -> Option<&'static [Value]> {
        self.enum_literal
            .map(|l| l.value().as_array().map_or(&[][..], Vec::as_slice))
    }

    /// The `const` value.
    pub fn const_value(&self) -> Option<&'static Value> {
        self.const_literal.map(|l| l.value())
    }
}

impl SchemaNode {
    /// Where the object sits, written as its docs are keyed: `functions.*.events[].sqs`,
    /// `#awsLambdaVpcConfig` for a definition (composites and their indices left out).
    /// Computed when asked (hover, completion): building the graph does not pay for it.
    pub fn doc_path(&self) -> String {
        doc_path(self.pointer)
    }

    /// The schema of a declared property.
    pub fn property(&self, name: &str) -> Option<SchemaId> {
        let props = self.properties;
        self.by_name
            .binary_search_by(|i| props[*i as usize].0.cmp(name))
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
        Some(match self.const_value()? {
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
        let value = self.const_value()?;
        Some(
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned),
        )
    }

    /// The `enum` values as text, comma-separated.
    pub fn enum_text(&self) -> String {
        let parts: Vec<String> = self
            .enum_values()
            .into_iter()
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
        self.const_value().is_some_and(is_truthy)
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
    nodes: &'static [SchemaNode],
    root: SchemaId,
    /// The definitions by name, sorted.
    definitions: &'static [(&'static str, SchemaId)],
    /// Keywords found in the file that the graph does not model, with their pointers (the
    /// build fails on any in the committed file).
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
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|at| self.definitions[at].1)
    }

    pub fn definitions(&self) -> &'static [(&'static str, SchemaId)] {
        self.definitions
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
            .filter(|(name, _)| *name != "__schemaWorkaround__")
            .map(|(name, id)| (*name, *id))
            .collect()
    }

    /// Builds the graph from a schema document at run time (what the build script does for
    /// the committed file). The graph lives as long as the process.
    pub fn from_json(text: &str) -> Result<Schema, String> {
        graph_build::build(text).map(leak_built)
    }
}

/// The generated graph of the committed file: `NODES`, `ROOT`, `DEFINITIONS` and the caches
/// of its patterns and literals.
mod generated {
    use super::{Additional, Format, Items, JsonType, Literal, LiteralCache, SchemaId, SchemaNode};
    use crate::schema::pattern::{Pattern, PatternCache};

    include!(concat!(env!("OUT_DIR"), "/schema_graph.rs"));
}

/// The framework's schema for the AWS provider: static data, nothing to build.
pub fn schema() -> &'static Schema {
    static SCHEMA: Schema = Schema {
        nodes: &generated::NODES,
        root: generated::ROOT,
        definitions: &generated::DEFINITIONS,
        unknown_keywords: Vec::new(),
    };
    &SCHEMA
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
        nodes: &[SchemaNode::EMPTY],
        root: SchemaId(0),
        definitions: &[],
        unknown_keywords: vec![format!("the committed schema does not load: {error}")],
    }
}

/// The graph of a built document, its data leaked: schemas live as long as the process.
fn leak_built(built: Built) -> Schema {
    let nodes: Vec<SchemaNode> = built.nodes.into_iter().map(leak_node).collect();
    let definitions: Vec<(&'static str, SchemaId)> = built
        .definitions
        .into_iter()
        .map(|(name, id)| (leak_str(name), SchemaId(id)))
        .collect();
    Schema {
        nodes: leak_slice(nodes),
        root: SchemaId(built.root),
        definitions: leak_slice(definitions),
        unknown_keywords: built.unknown,
    }
}

fn leak_node(node: BuiltNode) -> SchemaNode {
    let ids = |list: Vec<u32>| leak_slice(list.into_iter().map(SchemaId).collect());
    let by_name = graph_build::by_name(&node.properties);
    SchemaNode {
        pointer: leak_str(node.pointer),
        types: leak_slice(
            node.types
                .iter()
                .filter_map(|name| JsonType::parse(name))
                .collect(),
        ),
        properties: leak_slice(
            node.properties
                .into_iter()
                .map(|(name, id)| (leak_str(name), SchemaId(id)))
                .collect(),
        ),
        by_name: leak_slice(by_name),
        pattern_properties: leak_slice(
            node.pattern_properties
                .iter()
                .map(|(source, id)| (Pattern::new(source, "u"), SchemaId(*id)))
                .collect(),
        ),
        additional: match node.additional {
            BuiltAdditional::Allowed => Additional::Allowed,
            BuiltAdditional::Forbidden => Additional::Forbidden,
            BuiltAdditional::Schema(id) => Additional::Schema(SchemaId(id)),
        },
        property_names: node.property_names.map(SchemaId),
        required: leak_slice(node.required.into_iter().map(leak_str).collect()),
        dependencies: leak_slice(
            node.dependencies
                .into_iter()
                .map(|(name, needs)| {
                    let needs = leak_slice(needs.into_iter().map(leak_str).collect());
                    (leak_str(name), needs)
                })
                .collect(),
        ),
        min_properties: node.min_properties,
        max_properties: node.max_properties,
        items: match node.items {
            BuiltItems::None => Items::None,
            BuiltItems::All(id) => Items::All(SchemaId(id)),
            BuiltItems::Tuple(list) => Items::Tuple(ids(list)),
        },
        no_additional_items: node.no_additional_items,
        min_items: node.min_items,
        max_items: node.max_items,
        unique_items: node.unique_items,
        any_of: ids(node.any_of),
        one_of: ids(node.one_of),
        all_of: ids(node.all_of),
        not: node.not.map(SchemaId),
        enum_literal: node
            .enum_values
            .map(|values| Literal::new(&Value::Array(values))),
        const_literal: node.const_value.as_ref().map(Literal::new),
        pattern: node.pattern.as_deref().map(|p| Pattern::new(p, "u")),
        regexp: node.regexp.as_deref().and_then(Pattern::from_slashed),
        format: node.format.as_deref().map(Format::parse),
        min_length: node.min_length,
        max_length: node.max_length,
        minimum: node.minimum,
        maximum: node.maximum,
        exclusive_minimum: node.exclusive_minimum,
        exclusive_maximum: node.exclusive_maximum,
        multiple_of: node.multiple_of,
    }
}

fn leak_str(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
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
        assert_eq!(schema.node(service).types, [JsonType::String]);
    }

    #[test]
    fn the_generated_graph_is_the_graph_of_the_committed_file() {
        let built = Schema::from_json(SCHEMA_JSON).expect("the committed schema loads");
        assert!(
            built.unknown_keywords.is_empty(),
            "{:?}",
            built.unknown_keywords
        );
        let generated = schema();
        assert_eq!(built.root(), generated.root());
        assert_eq!(built.definitions(), generated.definitions());
        assert_eq!(built.len(), generated.len());
        for ((id, made), (_, static_node)) in built.nodes().zip(generated.nodes()) {
            assert_eq!(made, static_node, "node {id:?}");
        }
    }
}
