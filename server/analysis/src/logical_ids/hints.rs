//! Inlay hints: the logical ids generated for each function (after its key's colon) and for
//! each websocket event (after its route value). From the model and naming rules only.

use sls_compile::naming;
use sls_model::Model;
use sls_syntax::{TextSize, Tree};

use super::generated::{authorizer_name, compiled_route};
use super::override_note;
use crate::ide::InlayHint;

pub(crate) fn inlay_hints(text: &str, tree: &Tree, model: &Model) -> Vec<InlayHint> {
    let mut out = Vec::new();
    for function in &model.functions {
        let at = after_colon(text, tree.data(function.key).range.end());
        let key = &function.name;
        let lambda = naming::lambda_function_id(key);
        let what = format!("the `AWS::Lambda::Function` of function `{key}`");
        out.push(hint(at, &lambda, &what));
        let mut routes = function
            .events
            .iter()
            .filter_map(|e| e.websocket.as_ref())
            .filter(|ws| compiled_route(tree, ws).is_some())
            .peekable();
        if routes.peek().is_some() {
            let id = naming::websocket_integration_id(key);
            let what = format!("the websocket integration of function `{key}`");
            out.push(hint(at, &id, &what));
        }
        for ws in routes {
            let (Some(route), Some(node)) = (compiled_route(tree, ws), ws.route) else {
                continue;
            };
            let at = tree.data(node).range.end();
            let what = format!("the route `{route}`");
            out.push(hint(at, &naming::websocket_route_id(route), &what));
            let response = ws
                .route_response_selection_expression
                .is_some_and(|id| sls_model::value::is_truthy(tree.node(id)));
            if response {
                let id = naming::websocket_route_response_id(route);
                let what = format!("the route response of `{route}`");
                out.push(hint(at, &id, &what));
            }
            if let Some(name) = ws
                .authorizer
                .as_ref()
                .and_then(|a| authorizer_name(tree, a))
            {
                let id = naming::websocket_authorizer_id(&name);
                let what = format!("the authorizer `{name}` of route `{route}`");
                out.push(hint(at, &id, &what));
            }
        }
    }
    out.sort_by_key(|h| h.offset);
    out
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
