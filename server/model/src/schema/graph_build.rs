//! Builds the schema graph as plain owned data from a schema document: what the build script
//! turns into the static graph, and what `Schema::from_json` turns into a graph at run time.
//! Depends on `serde_json` only (the build script includes this file).
//!
//! A `$ref` is resolved while building: the referencing slot points at the definition's node,
//! as the framework inlines definitions before validating (keywords beside a `$ref` are
//! dropped). Every keyword the file uses is understood; `unknown` lists any that is not.

use std::collections::HashMap;

use serde_json::Value;

/// `additionalProperties`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BuiltAdditional {
    #[default]
    Allowed,
    Forbidden,
    Schema(u32),
}

/// `items`: one schema for every item, or one per position (a tuple).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum BuiltItems {
    #[default]
    None,
    All(u32),
    Tuple(Vec<u32>),
}

/// One schema object, its subschemas as node indices. Absent keywords are empty or `None`.
#[derive(Debug, Default)]
pub struct BuiltNode {
    /// JSON pointer of the object in the document (`/definitions/awsArn`).
    pub pointer: String,
    /// `type`, as the names written.
    pub types: Vec<String>,
    pub properties: Vec<(String, u32)>,
    /// `patternProperties`: each pattern's source (compiled with the `u` flag).
    pub pattern_properties: Vec<(String, u32)>,
    pub additional: BuiltAdditional,
    pub property_names: Option<u32>,
    pub required: Vec<String>,
    pub dependencies: Vec<(String, Vec<String>)>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    pub items: BuiltItems,
    pub no_additional_items: bool,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub any_of: Vec<u32>,
    pub one_of: Vec<u32>,
    pub all_of: Vec<u32>,
    pub not: Option<u32>,
    pub enum_values: Option<Vec<Value>>,
    pub const_value: Option<Value>,
    /// `pattern`'s source (compiled with the `u` flag).
    pub pattern: Option<String>,
    /// The framework's `regexp` keyword, as written (`/source/flags`).
    pub regexp: Option<String>,
    pub format: Option<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    pub multiple_of: Option<f64>,
}

/// A whole schema document as nodes.
#[derive(Debug, Default)]
pub struct Built {
    pub nodes: Vec<BuiltNode>,
    pub root: u32,
    /// The definitions by name, sorted.
    pub definitions: Vec<(String, u32)>,
    /// Keywords found that the graph does not model, with their pointers.
    pub unknown: Vec<String>,
}

/// Builds the nodes of a schema document.
pub fn build(text: &str) -> Result<Built, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    build_value(&value)
}

/// `build`, from the document parsed already.
pub fn build_value(value: &Value) -> Result<Built, String> {
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
    builder.fill(root_id, value)?;
    let mut definitions: Vec<(String, u32)> = builder.definitions.into_iter().collect();
    definitions.sort();
    Ok(Built {
        nodes: builder.nodes,
        root: root_id,
        definitions,
        unknown: builder.unknown,
    })
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
    nodes: Vec<BuiltNode>,
    definitions: HashMap<String, u32>,
    unknown: Vec<String>,
}

/// Keywords that carry no validation (or are handled with another one).
const IGNORED_KEYWORDS: &[&str] = &["definitions", "$schema", "$id", "title", "description"];

impl Builder {
    fn alloc(&mut self, pointer: String) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(BuiltNode {
            pointer,
            ..BuiltNode::default()
        });
        id
    }

    /// A subschema at `pointer`: a `$ref` resolves to its definition, anything else is a new
    /// node (`true`/`{}` accept everything, `false` accepts nothing).
    fn sub(&mut self, value: &Value, pointer: String) -> Result<u32, String> {
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

    fn subs(&mut self, value: &Value, pointer: &str) -> Result<Vec<u32>, String> {
        let list = value
            .as_array()
            .ok_or_else(|| format!("{pointer} is not a list"))?;
        list.iter()
            .enumerate()
            .map(|(i, item)| self.sub(item, format!("{pointer}/{i}")))
            .collect()
    }

    fn fill(&mut self, id: u32, value: &Value) -> Result<(), String> {
        let pointer = self.nodes[id as usize].pointer.clone();
        let object = match value {
            Value::Object(object) => object,
            Value::Bool(true) => return Ok(()),
            Value::Bool(false) => {
                self.nodes[id as usize].not = Some(self.alloc(format!("{pointer}/false")));
                return Ok(());
            }
            _ => return Err(format!("{pointer} is not a schema")),
        };
        let mut node = std::mem::take(&mut self.nodes[id as usize]);
        for (keyword, value) in object {
            let at = format!("{pointer}/{}", escape_pointer(keyword));
            self.keyword(&mut node, keyword, value, &at)?;
        }
        node.pointer = pointer;
        self.nodes[id as usize] = node;
        Ok(())
    }

    fn keyword(
        &mut self,
        node: &mut BuiltNode,
        keyword: &str,
        value: &Value,
        at: &str,
    ) -> Result<(), String> {
        let number = || value.as_f64();
        let count = || value.as_u64();
        let strings = |value: &Value| -> Vec<String> {
            value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        match keyword {
            "type" => {
                node.types = match value {
                    Value::String(name) => vec![name.clone()],
                    _ => strings(value),
                };
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
                        node.pattern_properties.push((name.clone(), id));
                    }
                }
            }
            "additionalProperties" => {
                node.additional = match value {
                    Value::Bool(true) => BuiltAdditional::Allowed,
                    Value::Bool(false) => BuiltAdditional::Forbidden,
                    _ => BuiltAdditional::Schema(self.sub(value, at.to_owned())?),
                }
            }
            "propertyNames" => node.property_names = Some(self.sub(value, at.to_owned())?),
            "required" => node.required = strings(value),
            "dependencies" => {
                for (name, needs) in value.as_object().into_iter().flatten() {
                    if !needs.is_array() {
                        return Err(format!("{at}: only property dependencies are supported"));
                    }
                    node.dependencies.push((name.clone(), strings(needs)));
                }
            }
            "minProperties" => node.min_properties = count(),
            "maxProperties" => node.max_properties = count(),
            "items" => {
                node.items = match value {
                    Value::Array(_) => BuiltItems::Tuple(self.subs(value, at)?),
                    _ => BuiltItems::All(self.sub(value, at.to_owned())?),
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
            "pattern" => node.pattern = value.as_str().map(str::to_owned),
            "regexp" => node.regexp = value.as_str().map(str::to_owned),
            "format" => node.format = value.as_str().map(str::to_owned),
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

/// The indices of `properties` sorted by name (for lookups).
pub fn by_name(properties: &[(String, u32)]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..properties.len() as u32).collect();
    order.sort_by(|a, b| properties[*a as usize].0.cmp(&properties[*b as usize].0));
    order
}

/// `/source/flags` → `(source, flags)`, when the flags are ECMAScript's (the framework's
/// `regexp` keyword).
pub fn split_slashed(literal: &str) -> Option<(&str, &str)> {
    let body = literal.strip_prefix('/')?;
    let end = body.rfind('/')?;
    let flags = &body[end + 1..];
    if !flags.chars().all(|c| "gimuy".contains(c)) {
        return None;
    }
    Some((&body[..end], flags))
}
