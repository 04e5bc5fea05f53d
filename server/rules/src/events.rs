//! SLS105 unknown-event: event types the framework does not know, and null events.

use sls_diagnostics::{Code, Diagnostic, DiagnosticTag};
use sls_model::schema::{self, event_type_names};
use sls_model::Event;
use sls_syntax::NodeKind;

use crate::context::{replace_scalar, Ctx};

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    for function in &model.functions {
        for event in &function.events {
            check_event(ctx, event);
        }
    }
}

fn check_event(ctx: &mut Ctx<'_>, event: &Event) {
    let item = ctx.node(event.item);
    let (Some(kind), Some(key)) = (event.kind.as_deref(), event.kind_key) else {
        if matches!(item.kind(), NodeKind::Scalar(_)) && !item.is_null() {
            let text = item.as_str().unwrap_or_default();
            ctx.emit(
                Code::UnknownEvent,
                event.item,
                format!("'{text}' is not an event definition: write it as a mapping, e.g. `- websocket: $connect`"),
            );
        }
        return;
    };
    let types = event_type_names();
    let known = types.contains(&kind);
    if !known {
        let suggestion = schema::closest(kind, types.iter().copied());
        if ctx.model.has_plugins && suggestion.is_none() {
            return; // a plugin may define it
        }
        let mut message = format!("unknown event type '{kind}'");
        if let Some(suggestion) = suggestion {
            message.push_str(&format!(": did you mean '{suggestion}'?"));
        }
        message.push_str(" The framework ignores this event");
        let mut diagnostic = Diagnostic::new(Code::UnknownEvent, ctx.range(key), message)
            .with_tag(DiagnosticTag::Unnecessary);
        if let Some(suggestion) = suggestion {
            diagnostic = diagnostic.with_fix(
                format!("Rename to '{suggestion}'"),
                vec![replace_scalar(ctx.node(key), suggestion)],
            );
        }
        ctx.report(diagnostic);
        return;
    }
    let value_is_null = event.value.is_none_or(|v| ctx.node(v).resolve().is_null());
    if value_is_null {
        let siblings: Vec<&str> = item
            .entries()
            .skip(1)
            .filter_map(|(k, _)| k.as_str())
            .collect();
        let mut message = format!("this {kind} event has no value: the framework ignores it");
        if !siblings.is_empty() {
            message.push_str(&format!(
                " (are {} meant to be indented under '{kind}'?)",
                siblings
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        ctx.report(
            Diagnostic::new(Code::UnknownEvent, ctx.range(key), message)
                .with_tag(DiagnosticTag::Unnecessary),
        );
    }
}
