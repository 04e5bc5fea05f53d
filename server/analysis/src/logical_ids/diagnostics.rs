//! SLS220 unknown-logical-id: a reference to an id that neither the generated template (the
//! compiler's plan), `resources:` nor the pseudo parameters define, reported only when the whole
//! template is known (no plugin, no event type the compiler leaves out, no variable deciding
//! which resources exist).

use std::collections::HashSet;

use sls_compile::Section;
use sls_diagnostics::{Code, Diagnostic, Edit};
use sls_model::value::is_variable_text;
use sls_model::Model;
use sls_syntax::{Node, NodeKind, TextRange, View};

use super::references::{references, RefKind, Reference, References};
use super::{defined, generated, PSEUDO_PARAMETERS};

/// What the SLS220 check reads of the config alone, without the plan (so it can run beside
/// the planning): the references to ids, `None` when the config leaves the template unknown.
pub(crate) fn template_references(text: &str, view: View<'_>, model: &Model) -> Option<References> {
    config_decides_template(view, model).then(|| references(text, view))
}

/// The SLS220 diagnostics of the references `template_references` found, judged against the
/// compiler's plan.
pub(crate) fn unknown_among(
    found: Option<&References>,
    view: View<'_>,
    model: &Model,
    plan: &sls_compile::Listing,
) -> Vec<Diagnostic> {
    let Some(found) = found else {
        return Vec::new();
    };
    if found.refs.is_empty() || !plan.uncompiled_events().is_empty() {
        return Vec::new();
    }
    let defined = defined(view, model);
    // Generated ids are looked up in the plan's own index; the user's and the pseudo
    // parameters are few.
    let own: HashSet<&str> = defined
        .iter()
        .map(|d| d.id())
        .chain(PSEUDO_PARAMETERS.iter().copied())
        .collect();
    let prefixes: Vec<&str> = generated(plan)
        .filter(|g| g.is_prefix_only())
        .map(|g| g.prefix())
        .collect();
    let known = |id: &str| {
        own.contains(id)
            || plan
                .item(Section::Resources, id)
                .is_some_and(|item| !item.is_prefix_only())
            || prefixes.iter().any(|p| id.starts_with(p))
    };
    let existing_apis = provider_api_gateway(view, model);
    let unknown: Vec<&Reference> = found
        .refs
        .iter()
        .filter(|r| !known(&r.id) && !existing_apis.is_some_and(|a| a.contains_range(r.range)))
        .collect();
    if unknown.is_empty() || !plan.errors().is_empty() {
        return Vec::new();
    }
    let candidates: Vec<&str> = generated(plan)
        .filter(|g| !g.is_prefix_only())
        .map(|g| g.id.as_str())
        .chain(defined.iter().map(|d| d.id()))
        .collect();
    unknown
        .into_iter()
        .map(|r| diagnostic(r, &candidates))
        .collect()
}

/// `provider.apiGateway`: ids of existing APIs there (`websocketApiId: !Ref SharedApi`) are
/// taken as the user's business (the oracle packages such a service as is), not reported.
fn provider_api_gateway(view: View<'_>, model: &Model) -> Option<TextRange> {
    let provider = view.node(model.provider.node?).resolve();
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

/// No plugin, an `aws` provider and no Serverless variable deciding which resources exist
/// (the template is then known unless an event type is one the compiler leaves out).
fn config_decides_template(view: View<'_>, model: &Model) -> bool {
    if model.has_plugins || model.provider_name.as_deref() != Some("aws") {
        return false;
    }
    let Some(root) = model.root.map(|id| view.node(id)) else {
        return false;
    };
    let top_level_ok = root
        .entries()
        .all(|(key, _)| key.as_str().is_some_and(|k| k != "<<"));
    top_level_ok && functions_known(view, model) && resources_known(root)
}

fn functions_known(view: View<'_>, model: &Model) -> bool {
    if let Some(node) = model.functions_node.map(|id| view.node(id)) {
        if !node.is_mapping() && !node.is_null() {
            return false;
        }
        if node.entries().count() != model.functions.len() {
            return false;
        }
    }
    model.functions.iter().all(|function| {
        let settings = view.node(function.node);
        let keys_ok = settings
            .entries()
            .all(|(key, _)| key.as_str().is_some_and(|k| k != "<<"));
        let events_ok = match function.events_node.map(|id| view.node(id)) {
            None => true,
            Some(events) if events.is_null() => true,
            Some(events) => events.is_sequence() && function.events.len() == events.items().count(),
        };
        let deciding = settings.entries().any(|(key, value)| {
            key.as_str().is_some_and(|k| DECIDING_KEYS.contains(&k)) && has_variable(value, true)
        });
        keys_ok && events_ok && !deciding
    })
}

/// Function settings whose value decides which resources exist (a variable there leaves the
/// template unknown until it is resolved).
const DECIDING_KEYS: &[&str] = &[
    "events",
    "role",
    "provisionedConcurrency",
    "snapStart",
    "versionFunction",
    "disableLogs",
    "url",
    "destinations",
    "maximumEventAge",
    "maximumRetryAttempts",
];

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
