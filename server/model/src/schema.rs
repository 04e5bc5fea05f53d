//! The framework's schema as data: the graph generated from Serverless Framework v3.40.0
//! (`graph`), its validation as the framework does it (`validate`, `normalize`), the path
//! resolver completion and hover use (`resolve`), and our docs overlay (`docs_overlay`).
//!
//! Rules, completion and hover all read this one schema; nothing else lists keys.

mod compare;
pub mod docs_overlay;
pub mod graph;
mod graph_build;
pub mod instance;
pub mod normalize;
pub mod pattern;
pub mod resolve;
pub mod validate;

pub use compare::{deep_equal, insts_equal};

/// The predefined websocket route keys, with their docs (from the docs overlay).
pub fn route_keys() -> &'static [(&'static str, &'static str)] {
    docs_overlay::doc("functions.*.events[].websocket.route").map_or(&[], |d| d.values)
}

/// The prefixes API Gateway accepts in a websocket authorizer's `identitySource`, with docs.
pub fn identity_source_prefixes() -> &'static [(&'static str, &'static str)] {
    docs_overlay::doc("functions.*.events[].websocket.authorizer.identitySource")
        .map_or(&[], |d| d.prefixes)
}

/// The event types the framework knows (AWS provider), in its order.
pub fn event_type_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        graph::schema()
            .event_types()
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    })
}

/// The schema warnings Serverless Framework v3.40.0 prints for a config, in its order: the
/// AWS schema, or the relaxed one when `provider.name` names another provider.
pub fn framework_warnings(view: sls_syntax::View<'_>) -> Vec<normalize::Warning> {
    let schema = schema_for(view);
    normalize::normalize_with(schema, validate::validate_with(schema, view))
}

/// `framework_warnings`, reusing the previous validation's results for the functions the
/// parse copied unchanged (see `validate::validate_reusing`); also returns this validation's
/// results, for the next one.
pub fn framework_warnings_reusing(
    view: sls_syntax::View<'_>,
    reuse: validate::Reuse<'_>,
) -> (Vec<normalize::Warning>, validate::FunctionMemo) {
    let schema = schema_for(view);
    let (errors, memo) = validate::validate_reusing(schema, view, reuse);
    (normalize::normalize_with(schema, errors), memo)
}

/// The AWS schema, or the relaxed one when `provider.name` names another provider.
fn schema_for(view: sls_syntax::View<'_>) -> &'static graph::Schema {
    if is_aws_view(view) {
        graph::schema()
    } else {
        graph::relaxed_schema()
    }
}

/// `provider.name` is `aws`, absent, or not a plain string (a variable).
fn is_aws_view(view: sls_syntax::View<'_>) -> bool {
    let provider = view
        .root()
        .map(sls_syntax::Node::resolve)
        .and_then(|root| root.get("provider"))
        .map(sls_syntax::Node::resolve);
    let name = match provider {
        Some(p) if p.is_mapping() => p.get("name").and_then(crate::value::coerced_string),
        Some(p) => crate::value::coerced_string(p),
        None => None,
    };
    name.is_none_or(|name| name == "aws" || crate::value::is_variable_text(name))
}

/// A step of a path from the root of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index,
}

/// A step of a config path, owned (for errors and resolver results).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl std::fmt::Display for PathSeg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathSeg::Key(key) => f.write_str(key),
            PathSeg::Index(index) => write!(f, "{index}"),
        }
    }
}

/// A config path written the framework's way: `functions.hello.events.0.http`.
pub fn dotted(path: &[PathSeg]) -> String {
    let parts: Vec<String> = path.iter().map(ToString::to_string).collect();
    parts.join(".")
}

/// The known key closest to `name` among `candidates`, when it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = edit_distance(&lower, &candidate.to_ascii_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, candidate)| {
            let longest = name.chars().count().max(candidate.chars().count());
            *distance <= 2.max(longest / 3) && *distance < longest
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_only_typos() {
        let keys = ["route", "routeResponseSelectionExpression", "authorizer"];
        assert_eq!(closest("rout", keys), Some("route"));
        assert_eq!(closest("authoriser", keys), Some("authorizer"));
        assert_eq!(closest("cors", keys), None);
        assert_eq!(closest("notAKey", keys), None);
    }
}
