//! CloudFormation logical ids in the editor: which ids the framework generates (the compiler's
//! plan: id, type and source of every resource), which the user defines in `resources:`,
//! where the file references them; inlay hints, go to definition, completion items and
//! SLS220 (unknown logical id) are built on that.

pub(crate) mod completion;
pub(crate) mod definition;
pub(crate) mod diagnostics;
pub(crate) mod hints;
pub(crate) mod references;

use sls_compile::{Item, Listing, Origin, Section};
use sls_model::value::coerced_string;
use sls_model::{Authorizer, Model};
use sls_syntax::{Node, NodeId, View};

/// The pseudo parameters `Ref` accepts.
pub(crate) const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// An id the user defines: a key of `resources.Resources` or `resources.Parameters`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Defined<'t> {
    pub key: Node<'t>,
    pub value: Node<'t>,
    pub is_parameter: bool,
}

impl<'t> Defined<'t> {
    pub fn id(&self) -> &'t str {
        self.key.as_str().unwrap_or_default()
    }

    /// The resource's `Type` (or the parameter's).
    pub fn type_text(&self) -> Option<&'t str> {
        self.value.resolve().get("Type").and_then(Node::as_str)
    }
}

/// `resources.<section>` when `resources` and the section are mappings.
pub(crate) fn section<'t>(view: View<'t>, model: &Model, name: &str) -> Option<Node<'t>> {
    let root = view.node(model.root?);
    let resources = root.get("resources")?.resolve();
    Some(resources.get(name)?.resolve()).filter(|n| n.is_mapping())
}

/// The ids of `resources.Resources` then `resources.Parameters`, in file order.
pub(crate) fn defined<'t>(view: View<'t>, model: &Model) -> Vec<Defined<'t>> {
    let mut out = Vec::new();
    for (name, is_parameter) in [("Resources", false), ("Parameters", true)] {
        let Some(section) = section(view, model, name) else {
            continue;
        };
        out.extend(
            section
                .entries()
                .filter(|(k, _)| k.as_str().is_some())
                .map(|(key, value)| Defined {
                    key,
                    value,
                    is_parameter,
                }),
        );
    }
    out
}

/// The resources the framework generates (the plan's resources that are not the user's own).
pub(crate) fn generated(plan: &Listing) -> impl Iterator<Item = &Item> {
    plan.resources()
        .filter(|item| item.origin != Origin::UserResource && item.section == Section::Resources)
}

/// The node an editor should jump to for a generated id: the function's key, the event (its
/// route, its `http` value, ...) or the authorizer it comes from. Service-level ids have none.
pub(crate) fn source_node(origin: Origin, source: NodeId) -> Option<NodeId> {
    match origin {
        Origin::Service | Origin::UserResource => None,
        _ => Some(source),
    }
}

/// Markdown saying which function or event generates an id, and how to override it.
pub(crate) fn describe(view: View<'_>, model: &Model, plan: &Listing, item: &Item) -> String {
    let function = |f: usize| plan.functions().nth(f).map_or("?", |(key, _, _)| key);
    let event = |f: usize, e: usize| {
        let event = model.functions.get(f).and_then(|f| f.events.get(e));
        let ws = event.and_then(|e| e.websocket.as_ref());
        match ws.and_then(|ws| ws.route_text(view)) {
            Some(route) => format!("websocket route `{route}`"),
            None => {
                let kind = event.and_then(|e| e.kind.as_deref()).unwrap_or("event");
                let value = event.and_then(|e| e.value).map(|id| view.node(id));
                match value.and_then(Node::as_str) {
                    Some(text) => format!("`{kind}` event `{text}`"),
                    None => format!("`{kind}` event"),
                }
            }
        }
    };
    let from = match item.origin {
        Origin::Service | Origin::UserResource => "Generated for the service.".to_owned(),
        Origin::Layer(_) => "Generated for a layer of `layers:`.".to_owned(),
        Origin::Function(f) => format!("Generated for function `{}`.", function(f)),
        Origin::Event {
            function: f,
            event: e,
        } => format!(
            "Generated for the {} of function `{}`.",
            event(f, e),
            function(f)
        ),
        Origin::Authorizer {
            function: f,
            event: e,
        } => format!(
            "Generated for the authorizer of the {} of function `{}`.",
            event(f, e),
            function(f)
        ),
    };
    let ty = &item.resource_type;
    if item.is_prefix_only() {
        return format!(
            "`{}<hash>` — `{ty}`\n\n{from} The end of the id is only known when packaging.",
            item.prefix()
        );
    }
    format!(
        "`{}` — `{ty}`\n\n{from}\n\n{}",
        item.id,
        override_note(&item.id)
    )
}

/// How to override or reference a generated resource.
pub(crate) fn override_note(id: &str) -> String {
    format!(
        "Override it under `resources.Resources.{id}` (properties are deep-merged into the \
         generated resource); reference it with `!Ref {id}` or `!GetAtt {id}.<Attribute>`."
    )
}

/// The function a websocket authorizer invokes, when it names one of this service's functions:
/// the name's node and the function's key node.
pub(crate) fn authorizer_function(
    view: View<'_>,
    model: &Model,
    authorizer: &Authorizer,
) -> Option<(NodeId, NodeId)> {
    let name_node = match authorizer {
        Authorizer::String(id) => *id,
        Authorizer::Object(object) if object.arn.is_none() => object.name?.1,
        _ => return None,
    };
    let name = coerced_string(view.node(name_node))?;
    if name.contains(':') {
        return None;
    }
    Some((name_node, model.function(name)?.key))
}

#[cfg(test)]
mod tests;
