//! Writes the schema graph of the committed file as static tables (`$OUT_DIR/schema_graph.rs`,
//! included by `src/schema/graph.rs`): nodes as `SchemaNode` literals, each pattern and each
//! `enum`/`const` literal with a static slot for its compiled or parsed form.

use std::fmt::Write as _;
use std::path::Path;

use crate::graph_build::{self, BuiltAdditional, BuiltItems, BuiltNode};

const SCHEMA_FILE: &str = "schema/serverless-3.40.0.json";

/// The JSON Schema types, as `type` names them (the `JsonType` variants, capitalised).
const TYPE_NAMES: &[&str] = &[
    "string", "number", "integer", "boolean", "object", "array", "null",
];

pub fn write(out_dir: &Path) {
    println!("cargo:rerun-if-changed={SCHEMA_FILE}");
    println!("cargo:rerun-if-changed=src/schema/graph_build.rs");
    let text = std::fs::read_to_string(SCHEMA_FILE).expect("the committed schema");
    let built = graph_build::build(&text).unwrap_or_else(|e| panic!("{SCHEMA_FILE}: {e}"));
    assert!(
        built.unknown.is_empty(),
        "{SCHEMA_FILE}: keywords the schema graph does not model: {:?}",
        built.unknown
    );
    let mut slots = Slots::default();
    let mut nodes = String::new();
    for node in &built.nodes {
        let _ = writeln!(nodes, "    {},", node_literal(node, &mut slots));
    }
    let mut out = String::new();
    let (patterns, literals, count) = (slots.patterns, slots.literals, built.nodes.len());
    let _ = writeln!(
        out,
        "pub static PATTERNS: [PatternCache; {patterns}] = [const {{ PatternCache::new() }}; {patterns}];"
    );
    let _ = writeln!(
        out,
        "pub static LITERALS: [LiteralCache; {literals}] = [const {{ LiteralCache::new() }}; {literals}];"
    );
    let _ = writeln!(out, "pub const ROOT: SchemaId = SchemaId({});", built.root);
    let definitions: Vec<String> = built
        .definitions
        .iter()
        .map(|(name, id)| format!("({name:?}, SchemaId({id}))"))
        .collect();
    let _ = writeln!(
        out,
        "pub static DEFINITIONS: [(&str, SchemaId); {}] = [{}];",
        definitions.len(),
        definitions.join(", ")
    );
    let _ = writeln!(
        out,
        "pub static NODES: [SchemaNode; {count}] = [\n{nodes}];"
    );
    std::fs::write(out_dir.join("schema_graph.rs"), out).expect("write schema_graph.rs");
}

/// The static slots handed out so far.
#[derive(Default)]
struct Slots {
    patterns: usize,
    literals: usize,
}

impl Slots {
    fn pattern(&mut self, source: &str, flags: &str) -> String {
        self.patterns += 1;
        format!(
            "Pattern::from_static({source:?}, {flags:?}, &PATTERNS[{}])",
            self.patterns - 1
        )
    }

    fn literal(&mut self, value: &serde_json::Value) -> String {
        self.literals += 1;
        format!(
            "Literal::from_static({:?}, &LITERALS[{}])",
            value.to_string(),
            self.literals - 1
        )
    }
}

fn ids(list: &[u32]) -> String {
    let ids: Vec<String> = list.iter().map(|id| format!("SchemaId({id})")).collect();
    format!("&[{}]", ids.join(", "))
}

fn strs(list: &[String]) -> String {
    let items: Vec<String> = list.iter().map(|s| format!("{s:?}")).collect();
    format!("&[{}]", items.join(", "))
}

/// A `SchemaNode { ... }` literal with the keywords the node has, the rest from `EMPTY`.
fn node_literal(node: &BuiltNode, slots: &mut Slots) -> String {
    let mut fields = vec![format!("pointer: {:?}", node.pointer)];
    let mut field = |name: &str, value: String| fields.push(format!("{name}: {value}"));
    if !node.types.is_empty() {
        let types: Vec<String> = node
            .types
            .iter()
            .filter(|name| TYPE_NAMES.contains(&name.as_str()))
            .map(|name| format!("JsonType::{}{}", name[..1].to_uppercase(), &name[1..]))
            .collect();
        field("types", format!("&[{}]", types.join(", ")));
    }
    if !node.properties.is_empty() {
        let properties: Vec<String> = node
            .properties
            .iter()
            .map(|(name, id)| format!("({name:?}, SchemaId({id}))"))
            .collect();
        field("properties", format!("&[{}]", properties.join(", ")));
        field(
            "by_name",
            format!("&{:?}", graph_build::by_name(&node.properties)),
        );
    }
    if !node.pattern_properties.is_empty() {
        let patterns: Vec<String> = node
            .pattern_properties
            .iter()
            .map(|(source, id)| format!("({}, SchemaId({id}))", slots.pattern(source, "u")))
            .collect();
        field("pattern_properties", format!("&[{}]", patterns.join(", ")));
    }
    match node.additional {
        BuiltAdditional::Allowed => {}
        BuiltAdditional::Forbidden => field("additional", "Additional::Forbidden".to_owned()),
        BuiltAdditional::Schema(id) => {
            field("additional", format!("Additional::Schema(SchemaId({id}))"));
        }
    }
    let optional_id = |id: Option<u32>| id.map(|id| format!("Some(SchemaId({id}))"));
    if let Some(value) = optional_id(node.property_names) {
        field("property_names", value);
    }
    if !node.required.is_empty() {
        field("required", strs(&node.required));
    }
    if !node.dependencies.is_empty() {
        let dependencies: Vec<String> = node
            .dependencies
            .iter()
            .map(|(name, needs)| format!("({name:?}, {})", strs(needs)))
            .collect();
        field("dependencies", format!("&[{}]", dependencies.join(", ")));
    }
    match &node.items {
        BuiltItems::None => {}
        BuiltItems::All(id) => field("items", format!("Items::All(SchemaId({id}))")),
        BuiltItems::Tuple(list) => field("items", format!("Items::Tuple({})", ids(list))),
    }
    for (name, flag) in [
        ("no_additional_items", node.no_additional_items),
        ("unique_items", node.unique_items),
    ] {
        if flag {
            field(name, "true".to_owned());
        }
    }
    for (name, list) in [
        ("any_of", &node.any_of),
        ("one_of", &node.one_of),
        ("all_of", &node.all_of),
    ] {
        if !list.is_empty() {
            field(name, ids(list));
        }
    }
    if let Some(value) = optional_id(node.not) {
        field("not", value);
    }
    if let Some(values) = &node.enum_values {
        let list = serde_json::Value::Array(values.clone());
        field("enum_literal", format!("Some({})", slots.literal(&list)));
    }
    if let Some(value) = &node.const_value {
        field("const_literal", format!("Some({})", slots.literal(value)));
    }
    if let Some(source) = &node.pattern {
        field("pattern", format!("Some({})", slots.pattern(source, "u")));
    }
    if let Some((source, flags)) = node.regexp.as_deref().and_then(graph_build::split_slashed) {
        field("regexp", format!("Some({})", slots.pattern(source, flags)));
    }
    if let Some(format) = &node.format {
        let variant = match format.as_str() {
            "uri" => "Uri",
            "date-time" => "DateTime",
            _ => "Other",
        };
        field("format", format!("Some(Format::{variant})"));
    }
    for (name, count) in [
        ("min_properties", node.min_properties),
        ("max_properties", node.max_properties),
        ("min_items", node.min_items),
        ("max_items", node.max_items),
        ("min_length", node.min_length),
        ("max_length", node.max_length),
    ] {
        if let Some(count) = count {
            field(name, format!("Some({count})"));
        }
    }
    for (name, number) in [
        ("minimum", node.minimum),
        ("maximum", node.maximum),
        ("exclusive_minimum", node.exclusive_minimum),
        ("exclusive_maximum", node.exclusive_maximum),
        ("multiple_of", node.multiple_of),
    ] {
        if let Some(number) = number {
            field(name, format!("Some({number:?}_f64)"));
        }
    }
    format!(
        "SchemaNode {{ {}, ..SchemaNode::EMPTY }}",
        fields.join(", ")
    )
}
