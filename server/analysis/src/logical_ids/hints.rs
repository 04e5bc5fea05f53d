//! Inlay hints: the logical ids the compiler's plan generates for each function (its Lambda
//! function and websocket integration, after its key's colon) and for each websocket event
//! (its route, route response and authorizer, after its route value).

use std::collections::{HashMap, HashSet};

use sls_compile::{Listing, Origin};
use sls_model::Model;
use sls_syntax::{NodeId, TextSize, View};

use super::override_note;
use crate::ide::InlayHint;

/// The rank of a hint among those at the same place, for the item types that get one.
fn rank(resource_type: &str, origin: Origin) -> Option<u8> {
    Some(match (resource_type, origin) {
        ("AWS::Lambda::Function", Origin::Function(_)) => 0,
        ("AWS::ApiGatewayV2::Integration", Origin::Function(_)) => 1,
        ("AWS::ApiGatewayV2::Route", Origin::Event { .. }) => 2,
        ("AWS::ApiGatewayV2::RouteResponse", Origin::Event { .. }) => 3,
        ("AWS::ApiGatewayV2::Authorizer", Origin::Authorizer { .. }) => 4,
        _ => return None,
    })
}

pub(crate) fn inlay_hints(
    text: &str,
    view: View<'_>,
    model: &Model,
    plan: &Listing,
) -> Vec<InlayHint> {
    let routes: HashMap<(usize, usize), NodeId> = plan
        .contributions()
        .filter(|(item, _, _)| item.resource_type == "AWS::ApiGatewayV2::Route")
        .filter_map(|(_, origin, source)| match origin {
            Origin::Event { function, event } => Some(((function, event), source)),
            _ => None,
        })
        .collect();
    let keys: Vec<&str> = plan.functions().map(|(key, _, _)| key).collect();
    let mut seen: HashSet<(TextSize, &str)> = HashSet::new();
    let mut out: Vec<(TextSize, u8, InlayHint)> = Vec::new();
    for (item, origin, source) in plan.contributions() {
        let Some(rank) = rank(&item.resource_type, origin) else {
            continue;
        };
        let (at, what) = match origin {
            Origin::Function(f) => {
                let key = keys.get(f).copied().unwrap_or("?");
                let at = after_colon(text, view.data(source).range.end());
                let what = if rank == 0 {
                    format!("the `AWS::Lambda::Function` of function `{key}`")
                } else {
                    format!("the websocket integration of function `{key}`")
                };
                (at, what)
            }
            Origin::Event { function, event } => {
                let route = route_text(view, model, function, event);
                let what = if rank == 2 {
                    format!("the route `{route}`")
                } else {
                    format!("the route response of `{route}`")
                };
                (view.data(source).range.end(), what)
            }
            Origin::Authorizer { function, event } => {
                let Some(&route) = routes.get(&(function, event)) else {
                    continue;
                };
                let what = format!(
                    "the authorizer of route `{}`",
                    route_text(view, model, function, event)
                );
                (view.data(route).range.end(), what)
            }
            _ => continue,
        };
        if !seen.insert((at, item.id.as_str())) {
            continue;
        }
        out.push((at, rank, hint(at, &item.id, &what)));
    }
    out.sort_by_key(|(offset, rank, _)| (*offset, *rank));
    out.into_iter().map(|(_, _, hint)| hint).collect()
}

/// The route of a websocket event, as written.
fn route_text(view: View<'_>, model: &Model, function: usize, event: usize) -> String {
    model
        .functions
        .get(function)
        .and_then(|f| f.events.get(event))
        .and_then(|e| e.websocket.as_ref())
        .and_then(|ws| ws.route_text(view))
        .unwrap_or_default()
        .to_owned()
}

fn hint(offset: TextSize, id: &str, what: &str) -> InlayHint {
    InlayHint {
        offset,
        label: format!("→ {id}"),
        tooltip: Some(format!(
            "`{id}`: CloudFormation logical id of {what}.\n\n{}",
            override_note(id)
        )),
    }
}

/// Just after the `:` that follows a key (or the key's end when no colon follows on its line).
fn after_colon(text: &str, key_end: TextSize) -> TextSize {
    let start = usize::from(key_end);
    let rest = text.get(start..).unwrap_or_default();
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '"', '\'']).len();
    match rest.as_bytes().get(skipped) {
        Some(b':') => key_end + TextSize::from(skipped as u32 + 1),
        _ => key_end,
    }
}
