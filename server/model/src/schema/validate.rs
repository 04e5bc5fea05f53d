//! The framework's schema validation, reproduced: AJV 8 with `allErrors` and
//! `coerceTypes: "array"` over the schema graph, giving the same raw errors in the same order.
//!
//! Keywords run in AJV's order: the type check (with coercion), then `const`, `enum`, `not`,
//! `anyOf`, `oneOf`, `allOf`, then the number, string, array and object keywords when the
//! value has that type. `anyOf` stops at the first passing branch and `oneOf` needs exactly
//! one; a composite that passes drops the errors of its branches. Branches are first tried
//! quietly (no error details); only a failing composite is run again from the saved state to
//! record its errors, so valid configs pay for no messages. `normalize` then turns the raw
//! errors into the framework's warnings.

use std::fmt::Write;

use sls_syntax::{NodeId, View};

use super::graph::{schema, Additional, Format, Items, JsonType, Schema, SchemaId, SchemaNode};
use super::instance::{
    js_number_to_string, js_string_to_number, Inst, Instance, Js, JsKind, Scalar, Slot,
};
use super::{deep_equal, PathSeg};
use memo::Memo;
pub use memo::{FunctionMemo, Reuse};

/// An AJV keyword that can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    Type,
    Const,
    Enum,
    Not,
    AnyOf,
    OneOf,
    Maximum,
    Minimum,
    ExclusiveMaximum,
    ExclusiveMinimum,
    MultipleOf,
    MaxLength,
    MinLength,
    Pattern,
    Format,
    Regexp,
    MaxItems,
    MinItems,
    UniqueItems,
    AdditionalItems,
    MaxProperties,
    MinProperties,
    Required,
    PropertyNames,
    AdditionalProperties,
    Dependencies,
}

impl Keyword {
    pub fn name(self) -> &'static str {
        match self {
            Keyword::Type => "type",
            Keyword::Const => "const",
            Keyword::Enum => "enum",
            Keyword::Not => "not",
            Keyword::AnyOf => "anyOf",
            Keyword::OneOf => "oneOf",
            Keyword::Maximum => "maximum",
            Keyword::Minimum => "minimum",
            Keyword::ExclusiveMaximum => "exclusiveMaximum",
            Keyword::ExclusiveMinimum => "exclusiveMinimum",
            Keyword::MultipleOf => "multipleOf",
            Keyword::MaxLength => "maxLength",
            Keyword::MinLength => "minLength",
            Keyword::Pattern => "pattern",
            Keyword::Format => "format",
            Keyword::Regexp => "regexp",
            Keyword::MaxItems => "maxItems",
            Keyword::MinItems => "minItems",
            Keyword::UniqueItems => "uniqueItems",
            Keyword::AdditionalItems => "additionalItems",
            Keyword::MaxProperties => "maxProperties",
            Keyword::MinProperties => "minProperties",
            Keyword::Required => "required",
            Keyword::PropertyNames => "propertyNames",
            Keyword::AdditionalProperties => "additionalProperties",
            Keyword::Dependencies => "dependencies",
        }
    }
}

/// One raw validation error, as AJV reports it.
#[derive(Debug, Clone)]
pub struct RawError {
    pub keyword: Keyword,
    /// AJV's `schemaPath` (`#/properties/provider/.../type`), definitions inlined.
    pub schema_path: String,
    /// Where in the config (`functions`, `hello`, `events`, `0`).
    pub path: Vec<PathSeg>,
    /// The schema object holding the keyword.
    pub schema: SchemaId,
    /// The value's node (the object for `required` and `additionalProperties`).
    pub node: Option<NodeId>,
    /// The key concerned: the unknown key, the invalid property name.
    pub key_node: Option<NodeId>,
    /// The property named by the error (`additionalProperty`, `missingProperty`, ...).
    pub property: Option<String>,
    /// AJV's message.
    pub message: String,
    /// The value's text, for the `regexp` message.
    pub data: Option<String>,
}

/// Validates a parsed config against the framework's schema; the raw errors in AJV's order.
pub fn validate_view(view: View<'_>) -> Vec<RawError> {
    validate_with(schema(), view)
}

/// Validates against a given schema graph.
pub fn validate_with(schema: &Schema, view: View<'_>) -> Vec<RawError> {
    run(schema, view, None).0
}

/// `validate_with`, reusing what the validation of the previous version of the document found
/// for the functions the parse copied unchanged; also returns what this validation found, for
/// the next one. The errors are exactly those of `validate_with`.
pub fn validate_reusing<'a>(
    schema: &'a Schema,
    view: View<'_>,
    reuse: Reuse<'a>,
) -> (Vec<RawError>, FunctionMemo) {
    let (errors, memo) = run(schema, view, Some(Memo::new(reuse, schema)));
    (errors, memo.map(Memo::finish).unwrap_or_default())
}

fn run<'s>(
    schema: &'s Schema,
    view: View<'_>,
    memo: Option<Memo<'s>>,
) -> (Vec<RawError>, Option<Memo<'s>>) {
    let mut instance = Instance::new(view);
    let Some((slot, root)) = instance.root() else {
        return (Vec::new(), memo);
    };
    let mut validator = Validator {
        schema,
        instance: &mut instance,
        errors: Vec::new(),
        failures: 0,
        quiet: 0,
        schema_path: String::from("#"),
        path: Vec::new(),
        memo,
    };
    validator.validate(schema.root(), slot, root);
    (validator.errors, validator.memo)
}

/// A step of the path being validated (borrowed; owned only in recorded errors).
#[derive(Debug, Clone, Copy)]
enum Seg<'t> {
    Key(&'t str),
    Index(usize),
}

struct Validator<'s, 'i, 't> {
    schema: &'s Schema,
    instance: &'i mut Instance<'t>,
    errors: Vec<RawError>,
    /// Errors so far, recorded or not (validity is "no new failure").
    failures: usize,
    /// Inside a quiet trial: count failures, record nothing.
    quiet: u32,
    schema_path: String,
    path: Vec<Seg<'t>>,
    /// Results of the previous validation to reuse, and this one's for the next.
    memo: Option<Memo<'s>>,
}

/// What an error is about, beyond its keyword.
#[derive(Default)]
struct Detail {
    node: Option<NodeId>,
    key_node: Option<NodeId>,
    property: Option<String>,
    data: Option<String>,
}

impl<'t> Validator<'_, '_, 't> {
    fn fail(&mut self, id: SchemaId, keyword: Keyword, message: String, detail: Detail) {
        self.failures += 1;
        if self.quiet > 0 {
            return;
        }
        let schema_path = format!("{}/{}", self.schema_path, keyword.name());
        self.errors.push(RawError {
            keyword,
            schema_path,
            path: self
                .path
                .iter()
                .map(|seg| match seg {
                    Seg::Key(key) => PathSeg::Key((*key).to_owned()),
                    Seg::Index(index) => PathSeg::Index(*index),
                })
                .collect(),
            schema: id,
            node: detail.node,
            key_node: detail.key_node,
            property: detail.property,
            message,
            data: detail.data,
        });
    }

    /// Validates `value` (sitting at `slot`) against schema `id`; whether it passed.
    fn validate(&mut self, id: SchemaId, slot: Slot, value: Inst) -> bool {
        let before = self.failures;
        let schema = self.schema;
        let node = schema.node(id);
        let kind = self.instance.js(value).kind();
        if kind == JsKind::Unknown {
            return true;
        }
        let (value, kind, deferred_type) = self.check_type(id, node, slot, value, kind);
        self.untyped(id, node, slot, value);
        let at = self.instance.node_id(value);
        match kind {
            JsKind::Number(n) => self.number(id, node, n, at),
            JsKind::String => self.string(id, node, value, at),
            JsKind::Array => self.array(id, node, value, at),
            JsKind::Object => self.object(id, node, value, at),
            _ => {}
        }
        if deferred_type && kind != JsKind::Object {
            self.type_error(id, node, value);
        }
        self.failures == before
    }

    /// In a quiet trial, counts a failure and says so: the caller skips building the error.
    fn failed_quietly(&mut self) -> bool {
        if self.quiet > 0 {
            self.failures += 1;
        }
        self.quiet > 0
    }

    fn type_error(&mut self, id: SchemaId, node: &SchemaNode, value: Inst) {
        if self.failed_quietly() {
            return;
        }
        let names: Vec<&str> = node.types.iter().map(|t| t.name()).collect();
        let detail = Detail {
            node: self.instance.node_id(value),
            ..Detail::default()
        };
        self.fail(
            id,
            Keyword::Type,
            format!("must be {}", names.join(",")),
            detail,
        );
    }

    /// The type check with AJV's coercion. Returns the (maybe coerced) value, and whether the
    /// error of a wrong type comes later, among the object keywords (AJV does so for a single
    /// `type: object` with object keywords).
    fn check_type(
        &mut self,
        id: SchemaId,
        node: &SchemaNode,
        slot: Slot,
        value: Inst,
        kind: JsKind,
    ) -> (Inst, JsKind, bool) {
        if node.types.is_empty() || node.types.iter().any(|ty| matches_kind(*ty, kind)) {
            return (value, kind, false);
        }
        let coercible: Vec<JsonType> = node
            .types
            .iter()
            .copied()
            .filter(|t| !matches!(t, JsonType::Object))
            .collect();
        if coercible.is_empty() {
            if node.types.len() == 1 && node.has_object_keywords() {
                return (value, kind, true);
            }
            self.type_error(id, node, value);
            return (value, kind, false);
        }
        match self.coerce(node.types, &coercible, value) {
            Some(coerced) => {
                self.instance.replace(slot, coerced);
                (coerced, self.instance.js(coerced).kind(), false)
            }
            None => {
                self.type_error(id, node, value);
                (value, kind, false)
            }
        }
    }

    fn type_matches(&self, types: &[JsonType], value: Inst) -> bool {
        let js = self.instance.js(value);
        types.iter().any(|ty| matches_type(*ty, js))
    }

    /// AJV's `coerceData` for `coerceTypes: "array"`.
    fn coerce(&mut self, types: &[JsonType], to: &[JsonType], value: Inst) -> Option<Inst> {
        let mut data = value;
        if self.instance.js(data) == Js::Array {
            let items = self.instance.items(data);
            if let [(_, only)] = items.as_slice() {
                data = *only;
                if self.type_matches(types, data) {
                    return Some(data);
                }
            }
        }
        let js = self.instance.js(data);
        for ty in to {
            let scalar = match (ty, js) {
                (JsonType::String, Js::Number(n)) => Scalar::String(js_number_to_string(n)),
                (JsonType::String, Js::Bool(b)) => Scalar::String(b.to_string()),
                (JsonType::String, Js::Null) => Scalar::String(String::new()),
                (JsonType::Number | JsonType::Integer, Js::Bool(b)) => {
                    Scalar::Number(if b { 1.0 } else { 0.0 })
                }
                (JsonType::Number | JsonType::Integer, Js::Null) => Scalar::Number(0.0),
                (JsonType::Number | JsonType::Integer, Js::String(text)) if !text.is_empty() => {
                    match js_string_to_number(text) {
                        Some(n) if *ty == JsonType::Number || n.fract() == 0.0 => Scalar::Number(n),
                        _ => continue,
                    }
                }
                (JsonType::Boolean, Js::String("false") | Js::Null) => Scalar::Bool(false),
                (JsonType::Boolean, Js::Number(0.0)) => Scalar::Bool(false),
                (JsonType::Boolean, Js::String("true")) => Scalar::Bool(true),
                (JsonType::Boolean, Js::Number(1.0)) => Scalar::Bool(true),
                (JsonType::Null, Js::String("") | Js::Bool(false)) => Scalar::Null,
                (JsonType::Null, Js::Number(0.0)) => Scalar::Null,
                (JsonType::Array, Js::String(_) | Js::Number(_) | Js::Bool(_) | Js::Null) => {
                    return Some(self.instance.wrap(data))
                }
                _ => continue,
            };
            return Some(self.instance.scalar(data, scalar));
        }
        None
    }

    /// `const`, `enum`, `not`, `anyOf`, `oneOf`, `allOf`.
    fn untyped(&mut self, id: SchemaId, node: &SchemaNode, slot: Slot, value: Inst) {
        let at = self.instance.node_id(value);
        if let Some(expected) = node.const_value() {
            if !deep_equal(&mut *self.instance, value, expected) && !self.failed_quietly() {
                let detail = Detail {
                    node: at,
                    ..Detail::default()
                };
                self.fail(
                    id,
                    Keyword::Const,
                    "must be equal to constant".into(),
                    detail,
                );
            }
        }
        if let Some(allowed) = node.enum_values() {
            if !allowed
                .iter()
                .any(|v| deep_equal(&mut *self.instance, value, v))
            {
                let detail = Detail {
                    node: at,
                    ..Detail::default()
                };
                let message = "must be equal to one of the allowed values".to_owned();
                self.fail(id, Keyword::Enum, message, detail);
            }
        }
        if let Some(not) = node.not {
            self.quiet += 1;
            let len = self.schema_path.len();
            self.schema_path.push_str("/not");
            let before = self.failures;
            let passed = self.validate(not, slot, value);
            self.failures = before;
            self.schema_path.truncate(len);
            self.quiet -= 1;
            if passed {
                let detail = Detail {
                    node: at,
                    ..Detail::default()
                };
                self.fail(id, Keyword::Not, "must NOT be valid".into(), detail);
            }
        }
        if !node.any_of.is_empty() {
            self.composite(id, node.any_of, Keyword::AnyOf, slot, value);
        }
        if !node.one_of.is_empty() {
            self.composite(id, node.one_of, Keyword::OneOf, slot, value);
        }
        for (i, branch) in node.all_of.iter().enumerate() {
            let len = self.schema_path.len();
            let _ = write!(self.schema_path, "/allOf/{i}");
            let value = self.instance.at(slot, value);
            self.validate(*branch, slot, value);
            self.schema_path.truncate(len);
        }
    }

    /// `anyOf` / `oneOf`: a quiet trial, and a recorded run only when it fails.
    fn composite(
        &mut self,
        id: SchemaId,
        branches: &[SchemaId],
        keyword: Keyword,
        slot: Slot,
        value: Inst,
    ) {
        let before = self.failures;
        let saved = self.instance.save();
        self.quiet += 1;
        let passed = self.run_branches(branches, keyword, slot, value);
        self.quiet -= 1;
        self.failures = before;
        if passed {
            return;
        }
        if self.quiet == 0 {
            self.instance.restore(saved);
            self.run_branches(branches, keyword, slot, value);
        } else {
            self.failures += 1;
        }
        let message = match keyword {
            Keyword::AnyOf => "must match a schema in anyOf",
            _ => "must match exactly one schema in oneOf",
        };
        let detail = Detail {
            node: self.instance.node_id(value),
            ..Detail::default()
        };
        self.fail(id, keyword, message.into(), detail);
    }

    /// Runs the branches as AJV does; whether the composite passes.
    fn run_branches(
        &mut self,
        branches: &[SchemaId],
        keyword: Keyword,
        slot: Slot,
        value: Inst,
    ) -> bool {
        let mut passing = 0;
        let keys: Option<Vec<&'t str>> = (self.quiet > 0 && self.instance.js(value) == Js::Object)
            .then(|| self.instance.entries(value).iter().map(|e| e.key).collect());
        for (i, branch) in branches.iter().enumerate() {
            if let Some(keys) = &keys {
                if fails_untouched(self.schema.node(*branch), keys) {
                    self.failures += 1;
                    continue;
                }
            }
            let len = self.schema_path.len();
            let _ = write!(self.schema_path, "/{}/{i}", keyword.name());
            let value = self.instance.at(slot, value);
            let passed = self.validate(*branch, slot, value);
            self.schema_path.truncate(len);
            if passed {
                passing += 1;
                if keyword == Keyword::AnyOf {
                    return true;
                }
            }
        }
        passing == 1
    }

    fn number(&mut self, id: SchemaId, node: &SchemaNode, n: f64, at: Option<NodeId>) {
        let checks = [
            (
                node.maximum,
                Keyword::Maximum,
                "<=",
                n > node.maximum.unwrap_or(f64::MAX),
            ),
            (
                node.minimum,
                Keyword::Minimum,
                ">=",
                n < node.minimum.unwrap_or(f64::MIN),
            ),
            (
                node.exclusive_maximum,
                Keyword::ExclusiveMaximum,
                "<",
                n >= node.exclusive_maximum.unwrap_or(f64::INFINITY),
            ),
            (
                node.exclusive_minimum,
                Keyword::ExclusiveMinimum,
                ">",
                n <= node.exclusive_minimum.unwrap_or(f64::NEG_INFINITY),
            ),
        ];
        for (limit, keyword, op, failed) in checks {
            if let (Some(limit), true) = (limit, failed) {
                let message = format!("must be {op} {}", js_number_to_string(limit));
                self.fail(id, keyword, message, detail_at(at));
            }
        }
        if let Some(step) = node.multiple_of {
            let ratio = n / step;
            if (ratio - ratio.round()).abs() > 1e-9 {
                let message = format!("must be multiple of {}", js_number_to_string(step));
                self.fail(id, Keyword::MultipleOf, message, detail_at(at));
            }
        }
    }

    fn string(&mut self, id: SchemaId, node: &SchemaNode, value: Inst, at: Option<NodeId>) {
        let Js::String(text) = self.instance.js(value) else {
            return;
        };
        let mut failed: Vec<(Keyword, String, Option<String>)> = Vec::new();
        if node.max_length.is_some() || node.min_length.is_some() {
            let length = text.chars().count() as u64;
            if let Some(max) = node.max_length.filter(|max| length > *max) {
                let message = format!("must NOT have more than {max} characters");
                failed.push((Keyword::MaxLength, message, None));
            }
            if let Some(min) = node.min_length.filter(|min| length < *min) {
                let message = format!("must NOT have fewer than {min} characters");
                failed.push((Keyword::MinLength, message, None));
            }
        }
        if let Some(pattern) = node.pattern.as_ref().filter(|p| !p.is_match(text)) {
            let message = format!("must match pattern \"{}\"", pattern.source());
            failed.push((Keyword::Pattern, message, None));
        }
        if let Some(format) = node.format.filter(|f| !format_matches(*f, text)) {
            let name = match format {
                Format::Uri => "uri",
                Format::DateTime => "date-time",
                Format::Other => "",
            };
            failed.push((
                Keyword::Format,
                format!("must match format \"{name}\""),
                None,
            ));
        }
        if let Some(regexp) = node.regexp.as_ref().filter(|p| !p.is_match(text)) {
            let message = format!(
                "value '{text}' does not satisfy pattern {}",
                regexp.slashed()
            );
            failed.push((Keyword::Regexp, message, Some(text.to_owned())));
        }
        for (keyword, message, data) in failed {
            let detail = Detail {
                node: at,
                data,
                ..Detail::default()
            };
            self.fail(id, keyword, message, detail);
        }
    }

    fn array(&mut self, id: SchemaId, node: &SchemaNode, value: Inst, at: Option<NodeId>) {
        let items = self.instance.items(value);
        let count = items.len() as u64;
        if let Some(max) = node.max_items.filter(|max| count > *max) {
            let message = format!("must NOT have more than {max} items");
            self.fail(id, Keyword::MaxItems, message, detail_at(at));
        }
        if let Some(min) = node.min_items.filter(|min| count < *min) {
            let message = format!("must NOT have fewer than {min} items");
            self.fail(id, Keyword::MinItems, message, detail_at(at));
        }
        if node.unique_items {
            self.unique_items(id, &items, at);
        }
        match node.items {
            Items::None => {}
            Items::All(item_schema) => {
                for (index, (slot, item)) in items.iter().enumerate() {
                    self.path.push(Seg::Index(index));
                    let len = self.schema_path.len();
                    self.schema_path.push_str("/items");
                    self.validate(item_schema, *slot, *item);
                    self.schema_path.truncate(len);
                    self.path.pop();
                }
            }
            Items::Tuple(schemas) => {
                if node.no_additional_items && items.len() > schemas.len() {
                    let message = format!("must NOT have more than {} items", schemas.len());
                    self.fail(id, Keyword::AdditionalItems, message, detail_at(at));
                }
                for (index, ((slot, item), item_schema)) in items.iter().zip(schemas).enumerate() {
                    self.path.push(Seg::Index(index));
                    let len = self.schema_path.len();
                    let _ = write!(self.schema_path, "/items/{index}");
                    self.validate(*item_schema, *slot, *item);
                    self.schema_path.truncate(len);
                    self.path.pop();
                }
            }
        }
    }

    fn unique_items(&mut self, id: SchemaId, items: &[(Slot, Inst)], at: Option<NodeId>) {
        for i in (0..items.len()).rev() {
            for j in (0..i).rev() {
                if super::insts_equal(&mut *self.instance, items[i].1, items[j].1) {
                    let message = format!(
                        "must NOT have duplicate items (items ## {j} and {i} are identical)"
                    );
                    self.fail(id, Keyword::UniqueItems, message, detail_at(at));
                    return;
                }
            }
        }
    }
}

/// Whether an object with these keys fails `branch` on a missing required key without the
/// branch validating (and so coercing) anything inside it: a trial can skip such a branch.
fn fails_untouched(branch: &SchemaNode, keys: &[&str]) -> bool {
    let plain_object = matches!(branch.types, [] | [JsonType::Object])
        && branch.const_literal.is_none()
        && branch.enum_literal.is_none()
        && branch.not.is_none()
        && branch.any_of.is_empty()
        && branch.one_of.is_empty()
        && branch.all_of.is_empty()
        && !matches!(branch.additional, Additional::Schema(_))
        && branch.property_names.is_none();
    plain_object
        && branch.required.iter().any(|name| !keys.contains(name))
        && keys.iter().all(|key| {
            branch.property(key).is_none()
                && !branch
                    .pattern_properties
                    .iter()
                    .any(|(p, _)| p.is_match(key))
        })
}

fn detail_at(node: Option<NodeId>) -> Detail {
    Detail {
        node,
        ..Detail::default()
    }
}

/// Whether a JavaScript value has a JSON Schema type (AJV with `strictNumbers`).
pub fn matches_type(ty: JsonType, js: Js<'_>) -> bool {
    matches_kind(ty, js.kind())
}

fn matches_kind(ty: JsonType, kind: JsKind) -> bool {
    match (ty, kind) {
        (_, JsKind::Unknown) => true,
        (JsonType::String, JsKind::String) => true,
        (JsonType::Number, JsKind::Number(n)) => n.is_finite(),
        (JsonType::Integer, JsKind::Number(n)) => n.is_finite() && n.fract() == 0.0,
        (JsonType::Boolean, JsKind::Bool) => true,
        (JsonType::Null, JsKind::Null) => true,
        (JsonType::Array, JsKind::Array) => true,
        (JsonType::Object, JsKind::Object) => true,
        _ => false,
    }
}

/// `ajv-formats` (full mode), for the formats the schema uses.
fn format_matches(format: Format, text: &str) -> bool {
    match format {
        Format::Uri => {
            let Some((scheme, rest)) = text.split_once(':') else {
                return false;
            };
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.chars().any(char::is_whitespace)
        }
        Format::DateTime => is_date_time(text),
        Format::Other => true,
    }
}

fn is_date_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't', ' ']) else {
        return false;
    };
    let date: Vec<&str> = date.split('-').collect();
    let date_ok = matches!(date.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
        && [y, m, d].iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0)));
    let zone_start = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_start);
    let clock = clock.split('.').next().unwrap_or_default();
    let clock_ok = clock.len() == 8
        && clock
            .split(':')
            .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_digit()));
    let zone_ok = matches!(zone, "Z" | "z")
        || (zone.len() >= 3 && zone[1..].chars().all(|c| c.is_ascii_digit() || c == ':'));
    date_ok && clock_ok && zone_ok
}

#[path = "validate_memo.rs"]
mod memo;
#[path = "validate_object.rs"]
mod object;
