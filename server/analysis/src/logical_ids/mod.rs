//! CloudFormation logical ids in the editor: which ids the framework generates (and from what),
//! which the user defines in `resources:`, where the file references them; inlay hints, go to
//! definition, completion items and SLS220 (unknown logical id) are built on that.

pub(crate) mod completion;
pub(crate) mod definition;
pub(crate) mod diagnostics;
pub(crate) mod generated;
pub(crate) mod hints;
pub(crate) mod references;

use sls_model::Model;
use sls_syntax::{Node, NodeId, Tree};

pub(crate) use generated::{Generated, Kind, Source};

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
pub(crate) fn section<'t>(tree: &'t Tree, model: &Model, name: &str) -> Option<Node<'t>> {
    let root = tree.node(model.root?);
    let resources = root.get("resources")?.resolve();
    Some(resources.get(name)?.resolve()).filter(|n| n.is_mapping())
}

/// The ids of `resources.Resources` then `resources.Parameters`, in file order.
pub(crate) fn defined<'t>(tree: &'t Tree, model: &Model) -> Vec<Defined<'t>> {
    let mut out = Vec::new();
    for (name, is_parameter) in [("Resources", false), ("Parameters", true)] {
        let Some(section) = section(tree, model, name) else {
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

/// The node an editor should jump to for a generated id: the event's route (or its `http`
/// value), the authorizer, or the function's key. Service-level ids have none.
pub(crate) fn source_node(model: &Model, source: Source) -> Option<NodeId> {
    match source {
        Source::Service => None,
        Source::Function(f) => Some(model.functions.get(f)?.key),
        Source::Event(f, e) | Source::Authorizer(f, e) => {
            let event = model.functions.get(f)?.events.get(e)?;
            match (&event.websocket, source) {
                (Some(ws), Source::Authorizer(..)) => {
                    ws.authorizer.as_ref().map(|a| a.node()).or(ws.route)
                }
                (Some(ws), _) => ws.route.or(Some(ws.key)),
                (None, _) => event.value.or(event.kind_key),
            }
        }
    }
}

/// Markdown saying which function or event generates an id, and how to override it.
pub(crate) fn describe(tree: &Tree, model: &Model, generated: &Generated) -> String {
    let function = |f: usize| model.functions.get(f).map_or("?", |f| f.name.as_str());
    let route = |f: usize, e: usize| {
        let event = model.functions.get(f).and_then(|f| f.events.get(e));
        let ws = event.and_then(|e| e.websocket.as_ref());
        match ws.and_then(|ws| ws.route_text(tree)) {
            Some(route) => format!("websocket route `{route}`"),
            None => {
                let value = event.and_then(|e| e.value).map(|id| tree.node(id));
                let text = value.and_then(Node::as_str).unwrap_or("event");
                format!("`http` event `{text}`")
            }
        }
    };
    let from = match generated.source {
        Source::Service => "Generated for the service.".to_owned(),
        Source::Function(f) => format!("Generated for function `{}`.", function(f)),
        Source::Event(f, e) => format!(
            "Generated for the {} of function `{}`.",
            route(f, e),
            function(f)
        ),
        Source::Authorizer(f, e) => format!(
            "Generated for the authorizer of the {} of function `{}`.",
            route(f, e),
            function(f)
        ),
    };
    let ty = generated.kind.resource_type();
    if generated.kind.is_prefix_only() {
        return format!(
            "`{}<hash>` — `{ty}`\n\n{from} The end of the id is only known when packaging.",
            generated.id
        );
    }
    format!(
        "`{}` — `{ty}`\n\n{from}\n\n{}",
        generated.id,
        override_note(&generated.id)
    )
}

/// How to override or reference a generated resource.
pub(crate) fn override_note(id: &str) -> String {
    format!(
        "Override it under `resources.Resources.{id}` (properties are deep-merged into the \
         generated resource); reference it with `!Ref {id}` or `!GetAtt {id}.<Attribute>`."
    )
}

#[cfg(test)]
mod tests;
