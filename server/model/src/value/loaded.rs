//! What a YAML node is once the framework has loaded it (js-yaml with the CloudFormation
//! short-form tags): its JavaScript type, numbers as JavaScript reads and prints them, and
//! property access the way JavaScript sees the loaded object (the last of repeated keys wins,
//! merge keys `<<` fill in the keys not written).

use std::borrow::Cow;

use sls_syntax::{Node, NodeKind, ScalarKind, ScalarStyle};

/// The JavaScript value a node loads as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Loaded<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String(&'a str),
    /// A sequence.
    Array,
    /// A mapping, or a CloudFormation short form (`!Ref x` loads as `{Ref: x}`).
    Object,
}

/// The CloudFormation function a short-form tag stands for (`!Ref` → `Ref`, `!Sub` → `Fn::Sub`).
pub fn cf_function_key(tag: &str) -> Option<&'static str> {
    Some(match tag.strip_prefix('!')? {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "And" => "Fn::And",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "Equals" => "Fn::Equals",
        "FindInMap" => "Fn::FindInMap",
        "GetAtt" => "Fn::GetAtt",
        "GetAZs" => "Fn::GetAZs",
        "If" => "Fn::If",
        "ImportValue" => "Fn::ImportValue",
        "Join" => "Fn::Join",
        "Not" => "Fn::Not",
        "Or" => "Fn::Or",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "Sub" => "Fn::Sub",
        "Transform" => "Fn::Transform",
        _ => return None,
    })
}

/// Whether a tag forces a string (`!!str`).
pub fn is_str_tag(tag: &str) -> bool {
    matches!(tag, "!!str" | "tag:yaml.org,2002:str")
}

/// The JavaScript value of a node (aliases followed).
pub fn loaded(node: Node<'_>) -> Loaded<'_> {
    let node = node.resolve();
    if node
        .tag()
        .is_some_and(|tag| cf_function_key(&tag.text).is_some())
    {
        return Loaded::Object;
    }
    untagged(node)
}

/// The value of a node as if a CloudFormation short-form tag on it were not there: what the
/// tag's constructor receives (`!GetAtt [a, b]` → the list).
pub fn untagged(node: Node<'_>) -> Loaded<'_> {
    let node = node.resolve();
    if let Some(tag) = node.tag() {
        if is_str_tag(&tag.text) {
            if let Some(scalar) = node.as_scalar() {
                return Loaded::String(&scalar.value);
            }
        }
    }
    match node.kind() {
        NodeKind::Scalar(scalar) => scalar_loaded(&scalar.value, scalar.style, scalar.kind()),
        NodeKind::Sequence { .. } => Loaded::Array,
        NodeKind::Mapping { .. } => Loaded::Object,
        NodeKind::Alias { .. } => Loaded::Null,
    }
}

fn scalar_loaded(text: &str, style: ScalarStyle, kind: ScalarKind) -> Loaded<'_> {
    if style != ScalarStyle::Plain {
        return Loaded::String(text);
    }
    match kind {
        ScalarKind::Null => Loaded::Null,
        ScalarKind::Bool(b) => Loaded::Bool(b),
        ScalarKind::Int => parse_int(text).map_or(Loaded::String(text), Loaded::Number),
        ScalarKind::Float => parse_float(text).map_or(Loaded::String(text), Loaded::Number),
        ScalarKind::String => Loaded::String(text),
    }
}

/// A YAML integer (`12`, `-0x1F`, `0o17`, `1_000`) as the JavaScript number it loads as.
pub fn parse_int(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = digits.strip_prefix("0o") {
        (8, oct)
    } else if let Some(bin) = digits.strip_prefix("0b") {
        (2, bin)
    } else {
        (10, digits)
    };
    let magnitude = u128::from_str_radix(digits, radix).ok()? as f64;
    Some(if negative { -magnitude } else { magnitude })
}

/// A YAML float (`1.5`, `1e3`, `.inf`, `.nan`) as the JavaScript number it loads as.
pub fn parse_float(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    if lower.ends_with(".nan") {
        return Some(f64::NAN);
    }
    if lower.ends_with(".inf") {
        return Some(if lower.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    cleaned.parse::<f64>().ok()
}

/// JavaScript's `String(number)` (one printer for the whole engine: `sls_syntax::js_number_text`).
pub fn number_text(f: f64) -> String {
    sls_syntax::js_number_text(f)
}

/// A mapping key as the JavaScript property name it becomes (`String(key)`).
pub fn key_text(key: Node<'_>) -> Cow<'_, str> {
    let key = key.resolve();
    match key.kind() {
        NodeKind::Scalar(_) => match loaded(key) {
            Loaded::String(s) => Cow::Borrowed(s),
            Loaded::Null => Cow::Borrowed("null"),
            Loaded::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
            Loaded::Number(n) => Cow::Owned(number_text(n)),
            Loaded::Array | Loaded::Object => Cow::Borrowed("[object Object]"),
        },
        // `String(array)`; nested collections are not expanded (keeps alias bombs cheap).
        NodeKind::Sequence { .. } => Cow::Owned(
            key.items()
                .map(|item| {
                    let item = item.resolve();
                    match item.kind() {
                        NodeKind::Scalar(_) => key_text(item).into_owned(),
                        NodeKind::Mapping { .. } => "[object Object]".to_owned(),
                        _ => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => Cow::Borrowed("[object Object]"),
    }
}

/// Whether an entry is a merge key (`<<: *base`).
fn is_merge_key(key: Node<'_>) -> bool {
    key.tag().is_none()
        && key
            .as_scalar()
            .is_some_and(|s| s.style == ScalarStyle::Plain && s.value == "<<")
}

/// The mappings a merge value brings in (`*a` or `[*a, *b]`), earlier ones first.
fn merge_sources(value: Node<'_>) -> Vec<Node<'_>> {
    let value = value.resolve();
    if value.is_sequence() {
        value.items().map(Node::resolve).collect()
    } else {
        vec![value]
    }
}

/// `object[key]` of a loaded mapping: the last entry written with that key, else the key from
/// the first merge source that has it. `None` for absent keys and for non-mappings (CloudFormation
/// short forms included: their one key is not in the tree).
pub fn get<'a>(node: Node<'a>, key: &str) -> Option<Node<'a>> {
    get_in(node, key, 0)
}

fn get_in<'a>(node: Node<'a>, key: &str, depth: usize) -> Option<Node<'a>> {
    let node = node.resolve();
    let NodeKind::Mapping { entries, .. } = node.kind() else {
        return None;
    };
    if depth > 16 {
        return None;
    }
    let view = node.view();
    let mut has_merge = false;
    for entry in entries.iter().rev() {
        let k = view.node(entry.key);
        if is_merge_key(k) {
            has_merge = true;
        } else if k.as_scalar().is_some_and(|s| s.value == key) {
            return Some(view.step(entry.value));
        }
    }
    if !has_merge {
        return None;
    }
    node.entries()
        .filter(|(k, _)| is_merge_key(*k))
        .flat_map(|(_, v)| merge_sources(v))
        .find_map(|source| get_in(source, key, depth + 1))
}

/// Repeated [`get`] on one mapping, answered from its keys read once: the same answers, without
/// scanning the mapping at every look-up (a function's or the provider's settings are read
/// dozens of times while compiling).
#[derive(Debug, Clone, Default)]
pub struct Lookup<'a> {
    node: Option<Node<'a>>,
    /// The written keys, the last of repeated keys first: the first of them here, the others
    /// in `rest` (most event mappings have one key, and a plan reads thousands of them).
    first: Option<(&'a str, Node<'a>)>,
    rest: Vec<(&'a str, Node<'a>)>,
    has_merge: bool,
}

impl<'a> Lookup<'a> {
    /// The look-up of a node (of nothing when it is not a mapping).
    pub fn new(node: Option<Node<'a>>) -> Lookup<'a> {
        let Some(mapping) = node.map(Node::resolve).filter(|n| n.is_mapping()) else {
            return Lookup::default();
        };
        let view = mapping.view();
        let mut lookup = Lookup {
            node: Some(mapping),
            ..Lookup::default()
        };
        if let NodeKind::Mapping { entries, .. } = mapping.kind() {
            lookup.rest.reserve(entries.len().saturating_sub(1));
            for entry in entries.iter().rev() {
                let key = view.node(entry.key);
                if is_merge_key(key) {
                    lookup.has_merge = true;
                } else if let Some(scalar) = key.as_scalar() {
                    let written = (scalar.value.as_str(), view.step(entry.value));
                    if lookup.first.is_none() {
                        lookup.first = Some(written);
                    } else {
                        lookup.rest.push(written);
                    }
                }
            }
        }
        lookup
    }

    /// The written keys and their values, in look-up order.
    fn written(&self) -> impl Iterator<Item = &(&'a str, Node<'a>)> + '_ {
        self.first.iter().chain(&self.rest)
    }

    /// `get(node, key)`.
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        let written = self.written().find(|(k, _)| *k == key).map(|(_, v)| *v);
        match (written, self.node) {
            (Some(found), _) => Some(found),
            (None, Some(node)) if self.has_merge => get(node, key),
            _ => None,
        }
    }

    /// The mapping (resolved), if the node was one.
    pub fn node(&self) -> Option<Node<'a>> {
        self.node
    }

    /// The keys written in the mapping itself (each once per writing).
    pub fn written_keys(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.written().map(|(key, _)| *key)
    }

    /// Whether the mapping merges others (`<<`): their keys answer too.
    pub fn merges(&self) -> bool {
        self.has_merge
    }
}

/// One property of a loaded mapping.
#[derive(Debug, Clone, Copy)]
pub struct Property<'a> {
    pub key: Node<'a>,
    pub value: Node<'a>,
}

impl<'a> Property<'a> {
    pub fn name(&self) -> Cow<'a, str> {
        key_text(self.key)
    }
}

/// `Object.entries(object)` of a loaded mapping, in the loader's order: keys in the order first
/// written (a repeated key keeps its first place and takes the last value), keys from merge
/// sources appended where the merge key stands when not written. Empty for non-mappings.
pub fn properties(node: Node<'_>) -> Vec<Property<'_>> {
    let mut out = Vec::new();
    let mut index = std::collections::HashMap::new();
    collect_properties(node, &mut out, &mut index, false, 0);
    out
}

/// `properties(node)`'s first property, without collecting the others: the first key written
/// (with the value, and key node, of its last repetition), or the merges' when the mapping
/// merges others.
pub fn first_property(node: Node<'_>) -> Option<Property<'_>> {
    let mapping = node.resolve();
    if !mapping.is_mapping() {
        return None;
    }
    if mapping.entries().any(|(key, _)| is_merge_key(key)) {
        return properties(node).into_iter().next();
    }
    let (first, _) = mapping.entries().next()?;
    let name = key_text(first);
    mapping
        .entries()
        .filter(|(key, _)| key_text(*key) == name)
        .last()
        .map(|(key, value)| Property { key, value })
}

fn collect_properties<'a>(
    node: Node<'a>,
    out: &mut Vec<Property<'a>>,
    index: &mut std::collections::HashMap<Cow<'a, str>, usize>,
    from_merge: bool,
    depth: usize,
) {
    let node = node.resolve();
    if !node.is_mapping() || depth > 16 {
        return;
    }
    for (key, value) in node.entries() {
        if is_merge_key(key) {
            for source in merge_sources(value) {
                collect_properties(source, out, index, true, depth + 1);
            }
            continue;
        }
        let name = key_text(key);
        match index.get(&name) {
            Some(&at) if !from_merge => out[at] = Property { key, value },
            Some(_) => {}
            None => {
                index.insert(name, out.len());
                out.push(Property { key, value });
            }
        }
    }
}

/// The items of a loaded sequence; empty for anything else.
pub fn items(node: Node<'_>) -> impl Iterator<Item = Node<'_>> + '_ {
    node.resolve().items()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> sls_syntax::Tree {
        sls_syntax::parse(text).tree
    }

    #[test]
    fn the_first_property_is_the_first_of_all_properties() {
        let cases = [
            "a: 1\nb: 2\n",
            "a: 1\nb: 2\na: 3\n",
            "<<: {x: 1, a: 2}\na: 3\n",
            "a: 1\n<<: {a: 2, b: 3}\n",
            "<<: [{}, {y: 1}]\n",
            "? [1, 2]\n: v\nb: 1\n",
            "1: one\n1.0: again\n",
            "{}\n",
            "- not a mapping\n",
        ];
        for text in cases {
            let tree = root(text);
            let node = tree.root().expect("root");
            let all = properties(node);
            let first = first_property(node);
            let view =
                |p: Option<&Property<'_>>| p.map(|p| (p.name().into_owned(), p.key.id, p.value.id));
            assert_eq!(view(first.as_ref()), view(all.first()), "{text:?}");
        }
    }

    #[test]
    fn numbers_load_and_print_like_javascript() {
        assert_eq!(parse_int("0x1F"), Some(31.0));
        assert_eq!(parse_int("-12"), Some(-12.0));
        assert_eq!(parse_float("1.0"), Some(1.0));
        assert_eq!(parse_float("-.inf"), Some(f64::NEG_INFINITY));
        let cases = [
            (1.0, "1"),
            (-2.0, "-2"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e20, "100000000000000000000"),
            (1e-7, "1e-7"),
            (1.25e-7, "1.25e-7"),
            (0.000001, "0.000001"),
            (123.456, "123.456"),
            (-0.0, "0"),
            (f64::NAN, "NaN"),
        ];
        for (f, text) in cases {
            assert_eq!(number_text(f), text, "{f}");
        }
    }

    #[test]
    fn scalars_load_by_the_core_schema_and_tags() {
        let tree = root("a: 1.50\nb: '1'\nc: ~\nd: !Ref X\ne: !!str 12\nf: true\ng: [1]\n");
        let r = tree.root().expect("root");
        let at = |k: &str| loaded(get(r, k).expect(k));
        assert_eq!(at("a"), Loaded::Number(1.5));
        assert_eq!(at("b"), Loaded::String("1"));
        assert_eq!(at("c"), Loaded::Null);
        assert_eq!(at("d"), Loaded::Object);
        assert_eq!(at("e"), Loaded::String("12"));
        assert_eq!(at("f"), Loaded::Bool(true));
        assert_eq!(at("g"), Loaded::Array);
    }

    #[test]
    fn lookup_answers_as_get() {
        let tree = root(
            "base: &base\n  a: 1\n  b: 2\nalias: *base\n\
             m:\n  x: 0\n  <<: *base\n  b: 3\n  x: 9\n  [k]: 1\n  '<<': quoted\n",
        );
        let r = tree.root().expect("root");
        for mapping in ["m", "base", "alias", "missing"] {
            let node = get(r, mapping);
            let lookup = Lookup::new(node);
            for key in ["x", "a", "b", "k", "<<", "[k]", "z"] {
                let direct = node.and_then(|n| get(n, key)).map(|n| n.id);
                assert_eq!(lookup.get(key).map(|n| n.id), direct, "{mapping}.{key}");
            }
        }
        assert!(Lookup::new(get(r, "m").and_then(|m| get(m, "x")))
            .get("x")
            .is_none());
    }

    #[test]
    fn properties_follow_the_loader() {
        let tree = root(
            "base: &base\n  a: 1\n  b: 2\nother: &other\n  b: 20\n  c: 30\n\
             m:\n  x: 0\n  <<: [*base, *other]\n  b: 3\n  x: 9\n",
        );
        let m = get(tree.root().expect("root"), "m").expect("m");
        let names: Vec<String> = properties(m)
            .iter()
            .map(|p| p.name().into_owned())
            .collect();
        assert_eq!(names, ["x", "a", "b", "c"]);
        let value = |k: &str| get(m, k).and_then(|n| n.as_str()).map(str::to_owned);
        assert_eq!(value("x").as_deref(), Some("9"));
        assert_eq!(value("a").as_deref(), Some("1"));
        assert_eq!(value("b").as_deref(), Some("3"));
        assert_eq!(value("c").as_deref(), Some("30"));
        assert_eq!(value("z"), None);
    }
}
