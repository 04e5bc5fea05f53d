//! SLS220 unknown-logical-id: a reference to an id that neither the generated template,
//! `resources:` nor the pseudo parameters define, reported only when the whole template is known.
//!
//! The generated ids come from the model first (cheap); only when some reference is not among
//! them is the service compiled, and the compiled template is then the judge.

use std::collections::HashSet;

use sls_diagnostics::{Code, Diagnostic, Edit};
use sls_model::value::is_variable_text;
use sls_model::Model;
use sls_syntax::{Node, NodeKind, TextRange, Tree};

use super::references::{references, RefKind, Reference};
use super::{defined, generated::generated, Kind, PSEUDO_PARAMETERS};

/// Event types the compiler turns into resources (others may add ids it cannot know).
const COVERED_EVENTS: &[&str] = &["websocket", "http"];
/// Keys of an `http` event the compiler covers (others may add resources).
const COVERED_HTTP_KEYS: &[&str] = &["method", "path", "private"];
/// Function settings that make the framework add resources the compiler does not produce.
const UNCOVERED_FUNCTION_KEYS: &[&str] = &[
    "url",
    "destinations",
    "maximumEventAge",
    "maximumRetryAttempts",
];
/// Top-level keys that add resources the compiler does not produce.
const UNCOVERED_TOP_LEVEL_KEYS: &[&str] = &["layers"];

/// The SLS220 diagnostics of a file. `compiled_ids` compiles the service and lists its
/// template's `Resources` ids, or `None` when it does not compile.
pub(crate) fn unknown_logical_ids(
    text: &str,
    tree: &Tree,
    model: &Model,
    compiled_ids: impl FnOnce() -> Option<Vec<String>>,
) -> Vec<Diagnostic> {
    if !whole_template_known(tree, model) {
        return Vec::new();
    }
    let found = references(text, tree);
    if found.refs.is_empty() {
        return Vec::new();
    }
    let generated = generated(tree, model);
    let defined = defined(tree, model);
    let exact: HashSet<&str> = generated
        .iter()
        .filter(|g| !g.kind.is_prefix_only())
        .map(|g| g.id.as_str())
        .chain(defined.iter().map(|d| d.id()))
        .chain(PSEUDO_PARAMETERS.iter().copied())
        .collect();
    let prefixes: Vec<&str> = generated
        .iter()
        .filter(|g| g.kind.is_prefix_only())
        .map(|g| g.id.as_str())
        .collect();
    let known = |id: &str| exact.contains(id) || prefixes.iter().any(|p| id.starts_with(p));
    let existing_apis = provider_api_gateway(tree, model);
    let unknown: Vec<&Reference> = found
        .refs
        .iter()
        .filter(|r| !known(&r.id) && !existing_apis.is_some_and(|a| a.contains_range(r.range)))
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let Some(compiled) = compiled_ids() else {
        return Vec::new();
    };
    let compiled: HashSet<&str> = compiled.iter().map(String::as_str).collect();
    let candidates: Vec<&str> = generated
        .iter()
        .filter(|g| !g.kind.is_prefix_only() && g.kind != Kind::LambdaVersion)
        .map(|g| g.id.as_str())
        .chain(defined.iter().map(|d| d.id()))
        .collect();
    unknown
        .into_iter()
        .filter(|r| !compiled.contains(r.id.as_str()))
        .map(|r| diagnostic(r, &candidates))
        .collect()
}

/// `provider.apiGateway`: ids of existing APIs there (`websocketApiId: !Ref SharedApi`) are
/// taken as the user's business (the oracle packages such a service as is), not reported.
fn provider_api_gateway(tree: &Tree, model: &Model) -> Option<TextRange> {
    let provider = tree.node(model.provider.node?).resolve();
    Some(provider.get("apiGateway")?.range())
}

fn diagnostic(reference: &Reference, candidates: &[&str]) -> Diagnostic {
    let what = match reference.kind {
        RefKind::Ref => "Ref",
        RefKind::GetAtt => "Fn::GetAtt",
        RefKind::Sub => "Fn::Sub",
        RefKind::DependsOn => "DependsOn",
    };
    let pseudo = matches!(reference.kind, RefKind::Ref | RefKind::Sub);
    let pool = candidates
        .iter()
        .copied()
        .chain(PSEUDO_PARAMETERS.iter().copied().filter(|_| pseudo));
    let closest = closest(&reference.id, pool);
    let mut message = format!(
        "Unknown logical id '{}' in {what}: neither the generated template, resources.Resources, \
         Parameters nor the pseudo parameters define it",
        reference.id
    );
    let Some(closest) = closest else {
        return Diagnostic::new(Code::UnknownLogicalId, reference.range, message);
    };
    message.push_str(&format!("; did you mean '{closest}'?"));
    Diagnostic::new(Code::UnknownLogicalId, reference.range, message).with_fix(
        format!("Change to '{closest}'"),
        vec![Edit {
            range: reference.range,
            new_text: closest.to_owned(),
        }],
    )
}

/// The candidate nearest to `id` when it is close enough to be a typo.
fn closest<'c>(id: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (id.chars().count() / 4).clamp(2, 5);
    candidates
        .filter(|c| c.len().abs_diff(id.len()) <= limit)
        .map(|c| (distance(&id.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// No plugin, an `aws` provider, only covered event types and settings, and no Serverless
/// variable deciding which resources exist.
fn whole_template_known(tree: &Tree, model: &Model) -> bool {
    if model.has_plugins || model.provider_name.as_deref() != Some("aws") {
        return false;
    }
    let Some(root) = model.root.map(|id| tree.node(id)) else {
        return false;
    };
    let top_level_ok = root.entries().all(|(key, _)| {
        key.as_str()
            .is_some_and(|k| !UNCOVERED_TOP_LEVEL_KEYS.contains(&k) && k != "<<")
    });
    top_level_ok && functions_known(tree, model) && resources_known(root)
}

fn functions_known(tree: &Tree, model: &Model) -> bool {
    if let Some(node) = model.functions_node.map(|id| tree.node(id)) {
        if !node.is_mapping() && !node.is_null() {
            return false;
        }
        if node.entries().count() != model.functions.len() {
            return false;
        }
    }
    model.functions.iter().all(|function| {
        let settings = tree.node(function.node);
        let keys_ok = settings.entries().all(|(key, _)| {
            key.as_str()
                .is_some_and(|k| !UNCOVERED_FUNCTION_KEYS.contains(&k) && k != "<<")
        });
        let events_ok = match function.events_node.map(|id| tree.node(id)) {
            None => true,
            Some(events) if events.is_null() => true,
            Some(events) => events.is_sequence() && function.events.len() == events.items().count(),
        };
        keys_ok
            && events_ok
            && function.events.iter().all(|event| {
                let covered = event
                    .kind
                    .as_deref()
                    .is_some_and(|k| COVERED_EVENTS.contains(&k));
                let one_key = tree.node(event.item).entries().count() == 1;
                let value = event.value.map(|id| tree.node(id));
                covered && one_key && value.is_none_or(|v| static_event(v, event.kind.as_deref()))
            })
    })
}

/// An event value without Serverless variables (and, for `http`, only the covered keys).
fn static_event(value: Node<'_>, kind: Option<&str>) -> bool {
    let value = value.resolve();
    if kind == Some("http") && value.is_mapping() {
        let covered = value
            .entries()
            .all(|(k, _)| k.as_str().is_some_and(|k| COVERED_HTTP_KEYS.contains(&k)));
        if !covered {
            return false;
        }
    }
    !has_variable(value, true)
}

/// Whether a subtree holds a Serverless variable (in keys only, unless `values`).
fn has_variable(node: Node<'_>, values: bool) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node.kind() {
            NodeKind::Scalar(s) if values && is_variable_text(&s.value) => return true,
            NodeKind::Mapping { .. } => {
                for (key, value) in node.entries() {
                    if key.as_str().is_none_or(is_variable_text) {
                        return true;
                    }
                    stack.push(value);
                }
            }
            NodeKind::Sequence { .. } => stack.extend(node.items()),
            _ => {}
        }
    }
    false
}

/// `resources` is absent, or a mapping whose ids are all written out (no variable in a key,
/// no section or resource given by a variable).
fn resources_known(root: Node<'_>) -> bool {
    let Some(resources) = root.get("resources").map(Node::resolve) else {
        return true;
    };
    if resources.is_null() {
        return true;
    }
    if !resources.is_mapping() || has_variable(resources, false) {
        return false;
    }
    resources.entries().all(|(_, section)| {
        let section = section.resolve();
        if section.is_mapping() {
            section.entries().all(|(_, v)| !is_variable_scalar(v))
        } else {
            !is_variable_scalar(section)
        }
    })
}

fn is_variable_scalar(node: Node<'_>) -> bool {
    node.resolve().as_str().is_some_and(is_variable_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(
            closest(
                "SconectWebsocketsRoute",
                ["SconnectWebsocketsRoute", "WebsocketsApi"].into_iter()
            ),
            Some("SconnectWebsocketsRoute")
        );
        assert_eq!(closest("Bucket", ["WebsocketsApi"].into_iter()), None);
    }
}
