//! Provider-level websocket rules: SLS213 route selection expression, SLS215 logs ignored
//! with an existing API, SLS217 tags not applied.

use sls_diagnostics::{Code, Diagnostic, DiagnosticTag};
use sls_model::value::{coerced_bool, coerced_string, is_dynamic, is_truthy};
use sls_model::WebsocketForm;
use sls_syntax::Node;

use crate::context::Ctx;

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    check_existing_api_id(ctx);
    check_route_selection(ctx);
    check_logs_with_existing_api(ctx);
    check_tags(ctx);
}

/// SLS104: an empty `websocketApiId` is treated as absent: a new API is created.
fn check_existing_api_id(ctx: &mut Ctx<'_>) {
    let Some(id) = ctx.model.provider.websocket_api_id else {
        return;
    };
    let node = ctx.node(id).resolve();
    if node.as_str() == Some("") && !node.is_null() {
        ctx.emit(
            Code::InvalidValue,
            node.id,
            "websocketApiId is empty: the framework ignores it and creates a new websocket API",
        );
    }
}

fn check_route_selection(ctx: &mut Ctx<'_>) {
    let Some(id) = ctx.model.provider.websockets_api_route_selection_expression else {
        return;
    };
    let node = ctx.node(id);
    let Some(text) = coerced_string(node) else {
        return;
    };
    if selects_from_body(text) {
        return;
    }
    ctx.emit(
        Code::SuspiciousRouteSelectionExpression,
        node.resolve().id,
        format!("'{text}' selects nothing from the request body: use $request.body.<field> (e.g. $request.body.action)"),
    );
}

/// `$request.body.<path>`, or literal text with `${request.body.<path>}` parts.
fn selects_from_body(text: &str) -> bool {
    if let Some(path) = text.strip_prefix("$request.body.") {
        return is_body_path(path);
    }
    let mut rest = text;
    let mut parts = 0;
    while let Some(start) = rest.find("${") {
        let Some(end) = rest[start..].find('}') else {
            return false;
        };
        let inner = &rest[start + 2..start + end];
        match inner.strip_prefix("request.body.") {
            Some(path) if is_body_path(path) => parts += 1,
            _ => return false,
        }
        rest = &rest[start + end + 1..];
    }
    parts > 0 && dollar_only_in_parts(text)
}

fn dollar_only_in_parts(text: &str) -> bool {
    text.match_indices('$')
        .all(|(i, _)| text[i..].starts_with("${"))
}

fn is_body_path(path: &str) -> bool {
    !path.is_empty()
        && path.split('.').all(|segment| {
            !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

fn check_logs_with_existing_api(ctx: &mut Ctx<'_>) {
    let provider = &ctx.model.provider;
    let (Some(api_id), Some(logs)) = (provider.websocket_api_id, provider.logs) else {
        return;
    };
    if !is_truthy(ctx.node(api_id)) {
        return;
    }
    let Some((key, value)) = ctx.node(logs).resolve().get_entry("websocket") else {
        return;
    };
    if !is_truthy(value) {
        return;
    }
    let diagnostic = Diagnostic::new(
        Code::LogsIgnoredWithExistingApi,
        key.range(),
        "websocket logs are ignored with provider.apiGateway.websocketApiId: the framework creates no stage, so nothing is logged",
    )
    .with_related(ctx.range(api_id), "the existing API is set here")
    .with_tag(DiagnosticTag::Unnecessary);
    ctx.report(diagnostic);
}

fn check_tags(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    let provider = &model.provider;
    let Some(tags) = provider.tags else { return };
    if provider
        .websocket_api_id
        .is_some_and(|id| is_truthy(ctx.node(id)))
    {
        return;
    }
    let has_api = model.websocket_events().any(|(_, event)| {
        event.form != WebsocketForm::Null && event.route_text(ctx.view) != Some("")
    });
    if !has_api {
        return;
    }
    let uses_tags = provider
        .websocket
        .and_then(|ws| ctx.node(ws).resolve().get("useProviderTags"))
        .is_some_and(|value| is_dynamic(value) || coerced_bool(value) == Some(true));
    if uses_tags {
        return;
    }
    let Some(key) = ctx
        .node(provider.node.unwrap_or(tags))
        .resolve()
        .get_entry("tags")
        .map(|(key, _)| key)
    else {
        return;
    };
    report_tags(ctx, key);
}

fn report_tags(ctx: &mut Ctx<'_>, key: Node<'_>) {
    ctx.emit(
        Code::WebsocketTagsNotApplied,
        key.id,
        "provider.tags are not applied to the websocket API: set provider.websocket.useProviderTags: true to tag it",
    );
}
