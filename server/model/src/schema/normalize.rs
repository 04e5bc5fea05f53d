//! The framework's error normaliser (`normalize-ajv-errors.js` of v3.40.0), reproduced: from
//! AJV's raw errors to the warnings the framework prints.
//!
//! For each event item it keeps only the errors of the event type that was meant (or
//! `unsupported function event`); for every other `anyOf`/`oneOf` it keeps the errors of the
//! one branch that remains after dropping branches failing on their own type and branches
//! whose errors do not go deepest, or else only the composite's error, worded
//! `unsupported <type> format` when the remaining branches agree on a type. Messages are then
//! reworded and duplicates dropped. The steps follow the original's, quirks included (a path
//! prefix test that also matches `events/10` for `events/1`).

use super::graph::{schema, Schema};
use super::validate::{Keyword, RawError};
use super::PathSeg;

/// One warning the framework prints: `at '<path>': <message>`.
#[derive(Debug, Clone)]
pub struct Warning {
    pub error: RawError,
    /// The framework's message, without the `at '<path>': ` prefix.
    pub message: String,
}

impl Warning {
    /// The dotted path the framework prints (`root` for the document itself).
    pub fn location(&self) -> String {
        if self.error.path.is_empty() {
            "root".to_owned()
        } else {
            super::dotted(&self.error.path)
        }
    }

    /// The line as the framework prints it.
    pub fn framework_text(&self) -> String {
        let location = if self.error.path.is_empty() {
            "root".to_owned()
        } else {
            format!("'{}'", super::dotted(&self.error.path))
        };
        format!("at {location}: {}", self.message)
    }

    /// Whether the warning is the framework's "unsupported function event".
    pub fn is_unsupported_event(&self) -> bool {
        self.error.keyword == Keyword::AnyOf && is_event_path(&pointer(&self.error.path))
    }
}

/// The warnings the framework prints for these raw errors, in its order.
pub fn normalize(errors: Vec<RawError>) -> Vec<Warning> {
    normalize_with(schema(), errors)
}

struct Item {
    error: RawError,
    pointer: String,
    alive: bool,
    /// `Some(None)`: the branches agreed on "no type".
    common_type: Option<Option<&'static str>>,
}

pub fn normalize_with(schema: &Schema, errors: Vec<RawError>) -> Vec<Warning> {
    let mut items: Vec<Item> = errors
        .into_iter()
        .map(|error| Item {
            pointer: pointer(&error.path),
            error,
            alive: true,
            common_type: None,
        })
        .collect();
    filter_event_errors(&mut items);
    filter_any_of_errors(schema, &mut items);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for item in items.into_iter().filter(|i| i.alive) {
        let message = improve(schema, &item);
        let line = format!("{}\u{0}{message}", item.pointer);
        if seen.insert(line) {
            out.push(Warning {
                error: item.error,
                message,
            });
        }
    }
    out
}

/// AJV's `instancePath`: `/functions/hello/events/0`.
fn pointer(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        out.push('/');
        out.push_str(&seg.to_string().replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// `/functions/<name>/events/<n>`.
fn is_event_path(pointer: &str) -> bool {
    let parts: Vec<&str> = pointer.split('/').collect();
    matches!(parts.as_slice(), ["", "functions", name, "events", index]
        if !name.is_empty() && !index.is_empty() && index.chars().all(|c| c.is_ascii_digit()))
}

fn is_composite(keyword: Keyword) -> bool {
    matches!(keyword, Keyword::AnyOf | Keyword::OneOf)
}

/// `groupBy` that keeps groups in first-seen order.
fn group_by(indices: &[usize], mut key: impl FnMut(usize) -> String) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for &i in indices {
        let k = key(i);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, members)) => members.push(i),
            None => groups.push((k, vec![i])),
        }
    }
    groups
}

fn filter_event_errors(items: &mut [Item]) {
    let event_errors: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].alive && is_event_path(&items[i].pointer))
        .collect();
    for (event, errors) in group_by(&event_errors, |i| items[i].pointer.clone()) {
        let Some(no_match) = errors
            .iter()
            .copied()
            .find(|&i| is_composite(items[i].error.keyword))
        else {
            continue;
        };
        let root_path = items[no_match].error.schema_path.clone();
        let by_type = group_by(&errors, |i| {
            let path = &items[i].error.schema_path;
            if *path == root_path {
                return "root".to_owned();
            }
            match path
                .get(root_path.len() + 1..)
                .and_then(|rest| rest.find('/'))
            {
                Some(end) => path[..root_path.len() + 1 + end + 1].to_owned(),
                None => String::new(),
            }
        });
        let configured = by_type
            .iter()
            .filter(|(key, _)| key != "root")
            .find(|(_, members)| {
                members
                    .iter()
                    .all(|&i| items[i].error.keyword != Keyword::Required)
            })
            .map(|(key, _)| key.clone());
        match configured {
            None => {
                let deeper = items
                    .iter()
                    .any(|e| e.alive && e.pointer.starts_with(&event) && e.pointer != event);
                for &i in &errors {
                    if deeper || i != no_match {
                        items[i].alive = false;
                    }
                }
            }
            Some(meaningful) => {
                for item in items.iter_mut() {
                    if !item.pointer.starts_with(&event) {
                        continue;
                    }
                    if item.pointer == event && item.error.schema_path.starts_with(&meaningful) {
                        continue;
                    }
                    item.alive = false;
                }
            }
        }
    }
}

/// `/(anyOf|oneOf)(/<n>/|$)` in a schema path: where each composite ends.
fn composite_prefixes(schema_path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = schema_path.as_bytes();
    let mut from = 0;
    while let Some(found) = find_composite(&schema_path[from..]) {
        let end = from + found + "/anyOf".len();
        out.push(schema_path[..end].to_owned());
        from = end;
        if from >= bytes.len() {
            break;
        }
    }
    out
}

fn find_composite(text: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(i) = text[start..].find('/') {
        let at = start + i;
        let rest = &text[at + 1..];
        if rest.starts_with("anyOf") || rest.starts_with("oneOf") {
            let after = &rest[5..];
            if after.is_empty() {
                return Some(at);
            }
            if let Some(digits) = after.strip_prefix('/') {
                let n = digits.chars().take_while(char::is_ascii_digit).count();
                if n > 0 && digits[n..].starts_with('/') {
                    return Some(at);
                }
            }
        }
        start = at + 1;
    }
    None
}

fn filter_any_of_errors(schema: &Schema, items: &mut [Item]) {
    let mut by_path: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if !item.alive {
            continue;
        }
        for prefix in composite_prefixes(&item.error.schema_path) {
            match by_path.iter_mut().find(|(p, _)| *p == prefix) {
                Some((_, members)) => members.push(i),
                None => by_path.push((prefix, vec![i])),
            }
        }
    }
    for (composite, mut errors) in by_path {
        if errors.len() == 1 {
            continue;
        }
        errors.sort_by(|&a, &b| items[a].pointer.cmp(&items[b].pointer));
        let mut current = items[errors[0]].pointer.clone();
        let groups = group_by(&errors, |i| {
            let p = &items[i].pointer;
            if *p != current && !p.starts_with(&format!("{current}/")) {
                current = p.clone();
            }
            current.clone()
        });
        for (_, group) in groups {
            filter_variants(schema, items, &composite, &group);
        }
    }
}

fn filter_variants(schema: &Schema, items: &mut [Item], composite: &str, group: &[usize]) {
    if group.len() == 1 {
        return;
    }
    let from = composite.len() + 1;
    let mut by_variant = group_by(group, |i| {
        let path = &items[i].error.schema_path;
        if from > path.len() {
            return "root".to_owned();
        }
        let end = path[from..].find('/').map_or(path.len() - 1, |e| from + e);
        path[from..end.max(from)].to_owned()
    });
    let Some(root_at) = by_variant.iter().position(|(k, _)| k == "root") else {
        return;
    };
    let no_match = by_variant.remove(root_at).1[0];
    // JavaScript orders integer keys numerically.
    by_variant.sort_by_key(|(k, _)| k.parse::<u64>().unwrap_or(u64::MAX));
    let mut variants: Vec<Vec<usize>> = by_variant.into_iter().map(|(_, v)| v).collect();
    if variants.is_empty() {
        return;
    }
    if variants.len() > 1 {
        variants.retain(|variant| {
            let own_type_error = variant.len() == 1 && {
                let error = &items[variant[0]].error;
                error.keyword == Keyword::Type
                    && is_branch_type_path(&error.schema_path[composite.len()..])
            };
            if own_type_error {
                items[variant[0]].alive = false;
            }
            !own_type_error
        });
        if variants.len() > 1 {
            let depth = |i: usize| items[i].pointer.matches('/').count();
            let deepest: Vec<usize> = variants
                .iter()
                .map(|v| v.iter().map(|&i| depth(i)).max().unwrap_or(0))
                .collect();
            let max = deepest.iter().copied().max().unwrap_or(0);
            let mut kept = Vec::new();
            for (variant, d) in variants.into_iter().zip(deepest) {
                if d == max {
                    kept.push(variant);
                } else {
                    for i in variant {
                        items[i].alive = false;
                    }
                }
            }
            variants = kept;
        }
    }
    if variants.is_empty() {
        return;
    }
    if variants.len() == 1 {
        items[no_match].alive = false;
        return;
    }
    for variant in variants {
        let mut types: Vec<Option<&'static str>> = Vec::new();
        for i in variant {
            let node = schema.node(items[i].error.schema);
            let ty = if node.is_truthy_const() {
                Some("const")
            } else if node.types.len() == 1 {
                Some(node.types[0].name())
            } else {
                None
            };
            if !types.contains(&ty) {
                types.push(ty);
            }
            items[i].alive = false;
        }
        if let [only] = types.as_slice() {
            items[no_match].common_type = Some(*only);
        }
    }
}

/// `/<n>/type`.
fn is_branch_type_path(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix('/') else {
        return false;
    };
    let n = rest.chars().take_while(char::is_ascii_digit).count();
    n > 0 && &rest[n..] == "/type"
}

fn improve(schema: &Schema, item: &Item) -> String {
    let error = &item.error;
    match error.keyword {
        Keyword::AdditionalProperties => {
            let property = error.property.as_deref().unwrap_or_default();
            if item.pointer == "/functions" {
                format!("name '{property}' must be alphanumeric")
            } else {
                format!("unrecognized property '{property}'")
            }
        }
        Keyword::AnyOf if is_event_path(&item.pointer) => "unsupported function event".to_owned(),
        Keyword::AnyOf | Keyword::OneOf => match item.common_type {
            Some(Some("const")) => "unsupported value".to_owned(),
            Some(Some(ty)) => format!("unsupported {ty} format"),
            _ => "unsupported configuration format".to_owned(),
        },
        Keyword::Enum => {
            let node = schema.node(error.schema);
            let values = node.enum_values().unwrap_or_default();
            let strings: Option<Vec<&str>> = values.iter().map(|v| v.as_str()).collect();
            match strings {
                Some(strings) => format!("{} [{}]", error.message, strings.join(", ")),
                None => error.message.clone(),
            }
        }
        _ => error.message.clone(),
    }
}
