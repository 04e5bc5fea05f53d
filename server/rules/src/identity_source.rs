//! SLS206 identity-source-invalid and SLS207 identity-source-empty.

use sls_diagnostics::{Code, Diagnostic};
use sls_model::schema::identity_source_prefixes;
use sls_model::value::{coerced_string, is_dynamic};
use sls_model::Authorizer;
use sls_syntax::Node;

use crate::context::{replace_scalar, Ctx};

/// Prefixes of REST API identity sources, and the websocket equivalent each maps to.
const REST_PREFIXES: &[(&str, &str)] = &[
    ("method.request.header.", "route.request.header."),
    ("method.request.querystring.", "route.request.querystring."),
];

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    for (_, event) in model.websocket_events() {
        let Some(Authorizer::Object(object)) = &event.authorizer else {
            continue;
        };
        let Some((_, value)) = object.identity_source else {
            continue;
        };
        let value = ctx.node(value).resolve();
        if is_dynamic(value) {
            continue;
        }
        if value.is_sequence() {
            if value.items().next().is_none() {
                ctx.emit(
                    Code::IdentitySourceEmpty,
                    value.id,
                    "`identitySource` is empty: API Gateway needs at least one source (omit the key for the default route.request.header.Auth)",
                );
            }
            for item in value.items() {
                check_entry(ctx, item);
            }
        } else {
            check_entry(ctx, value);
        }
    }
}

fn check_entry(ctx: &mut Ctx<'_>, entry: Node<'_>) {
    let Some(text) = coerced_string(entry) else {
        return;
    };
    if identity_source_prefixes()
        .iter()
        .any(|(prefix, _)| text.starts_with(prefix) && text.len() > prefix.len())
    {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Code::IdentitySourceInvalid,
        entry.range(),
        format!("'{text}' is not a websocket identity source: use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name> (the deploy fails otherwise)"),
    );
    if let Some((rest, websocket)) = REST_PREFIXES
        .iter()
        .find(|(rest, _)| text.starts_with(rest))
    {
        let fixed = format!("{websocket}{}", &text[rest.len()..]);
        diagnostic = diagnostic.with_fix(
            format!("Change to '{fixed}'"),
            vec![replace_scalar(entry, &fixed)],
        );
    }
    ctx.report(diagnostic);
}
