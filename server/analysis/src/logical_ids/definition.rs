//! Go to definition: from a logical id (a `resources.Resources` key, or a Ref/GetAtt/Sub/
//! DependsOn value) to what generates it and to the `resources:` entry defining it; from an
//! authorizer's function name to that function's key.

use sls_compile::Listing;
use sls_model::Model;
use sls_syntax::{NodeId, TextRange, TextSize, View};

use super::references::references;
use super::{authorizer_function, defined, section, source_node};
use crate::ide::NavigationTarget;

pub(crate) fn goto_definition(
    text: &str,
    view: View<'_>,
    model: &Model,
    plan: &Listing,
    offset: TextSize,
) -> Vec<NavigationTarget> {
    let touches = |r: TextRange| r.start() <= offset && offset <= r.end();
    if let Some(target) = authorizer_target(view, model, &touches) {
        return vec![target];
    }
    let resource_key = section(view, model, "Resources").and_then(|resources| {
        resources
            .entries()
            .map(|(key, _)| key)
            .find(|key| touches(key.range()))
    });
    let (id, from_key) = match resource_key {
        Some(key) => (key.as_str().unwrap_or_default().to_owned(), Some(key.id)),
        None => {
            let found = references(text, view);
            match found.refs.into_iter().find(|r| touches(r.range)) {
                Some(reference) => (reference.id, None),
                None => return Vec::new(),
            }
        }
    };
    let mut out: Vec<NavigationTarget> = Vec::new();
    for (item, origin, source) in plan.contributions() {
        if item.section != sls_compile::Section::Resources || !item.matches(&id) {
            continue;
        }
        if let Some(node) = source_node(origin, source) {
            push(&mut out, target(view, model, node, &id));
        }
    }
    for d in defined(view, model).iter().filter(|d| d.id() == id) {
        if from_key == Some(d.key.id) {
            continue;
        }
        push(
            &mut out,
            NavigationTarget {
                name: id.clone(),
                file: sls_diagnostics::FileId::MAIN,
                full_range: d.key.range().cover(d.value.range()),
                focus_range: d.key.range(),
            },
        );
    }
    out
}

fn push(out: &mut Vec<NavigationTarget>, target: NavigationTarget) {
    if !out.iter().any(|t| t.focus_range == target.focus_range) {
        out.push(target);
    }
}

/// A node as a target: a function key covers its whole entry; other nodes themselves.
fn target(view: View<'_>, model: &Model, node: NodeId, name: &str) -> NavigationTarget {
    let focus = view.data(node).range;
    let full = model
        .functions
        .iter()
        .find(|f| f.key == node)
        .map_or(focus, |f| focus.cover(view.data(f.node).range));
    NavigationTarget {
        name: name.to_owned(),
        file: sls_diagnostics::FileId::MAIN,
        full_range: full,
        focus_range: focus,
    }
}

/// From `authorizer: auth` or `authorizer.name: auth` to the function `auth`.
fn authorizer_target(
    view: View<'_>,
    model: &Model,
    touches: &dyn Fn(TextRange) -> bool,
) -> Option<NavigationTarget> {
    model.websocket_events().find_map(|(_, ws)| {
        let authorizer = ws.authorizer.as_ref()?;
        let (name_node, function_key) = authorizer_function(view, model, authorizer)?;
        if !touches(view.data(name_node).range) {
            return None;
        }
        let name = view.node(function_key).as_str().unwrap_or_default();
        Some(target(view, model, function_key, name))
    })
}
