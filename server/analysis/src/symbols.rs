//! The document outline: provider, functions with their events and websocket routes, resources.

use sls_model::{Authorizer, Event, Function, Model};
use sls_syntax::{Node, TextRange, View};

use crate::describe;
use crate::ide::{DocumentSymbol, SymbolKind};

pub(crate) fn document_symbols(view: View<'_>, model: &Model) -> Vec<DocumentSymbol> {
    let root = model.root.map(|id| view.node(id));
    let mut out = Vec::new();
    if let Some((key, value)) = root.and_then(|r| r.get_entry("provider")) {
        let name = model.provider_name.clone();
        out.push(symbol("provider", name, SymbolKind::Provider, key, value));
    }
    out.extend(model.functions.iter().map(|f| function(f, view)));
    if let Some((key, value)) = root.and_then(|r| r.get_entry("resources")) {
        let mut resources = symbol("resources", None, SymbolKind::Resource, key, value);
        let cfn = value.resolve().get("Resources").map(Node::resolve);
        resources.children = cfn
            .into_iter()
            .flat_map(|r| r.entries())
            .filter_map(|(k, v)| {
                let name = k.as_str()?;
                let ty = v
                    .resolve()
                    .get("Type")
                    .and_then(Node::as_str)
                    .map(str::to_owned);
                Some(symbol(name, ty, SymbolKind::Resource, k, v))
            })
            .collect();
        out.push(resources);
    }
    out
}

fn function(function: &Function, view: View<'_>) -> DocumentSymbol {
    let key = view.node(function.key);
    let value = view.node(function.node);
    let detail = describe::handler(function, view).map(str::to_owned);
    let mut sym = symbol(&function.name, detail, SymbolKind::Function, key, value);
    sym.children = function
        .events
        .iter()
        .filter_map(|e| event(e, view))
        .collect();
    sym
}

fn event(event: &Event, view: View<'_>) -> Option<DocumentSymbol> {
    let item = view.node(event.item);
    let key = view.node(event.kind_key?);
    let Some(ws) = &event.websocket else {
        let kind = event.kind.clone()?;
        return Some(DocumentSymbol {
            name: kind,
            detail: None,
            kind: SymbolKind::Event,
            range: item.range(),
            selection_range: key.range(),
            children: Vec::new(),
        });
    };
    let name = ws.route_text(view).unwrap_or("websocket").to_owned();
    // A route a variable brings from elsewhere is not selected where it is defined.
    let selection = ws
        .route
        .map(|id| view.node(id).range())
        .filter(|route| item.range().contains_range(*route))
        .unwrap_or(key.range());
    let detail = ws.authorizer.as_ref().map(|a| {
        let text = match a {
            Authorizer::Object(object) => object
                .name
                .or(object.arn)
                .and_then(|(_, v)| view.node(v).as_str()),
            Authorizer::String(id) | Authorizer::Other(id) => view.node(*id).as_str(),
        };
        format!("authorizer: {}", text.unwrap_or("…"))
    });
    Some(DocumentSymbol {
        name,
        detail,
        kind: SymbolKind::Route,
        range: item.range(),
        selection_range: selection,
        children: Vec::new(),
    })
}

fn symbol(
    name: &str,
    detail: Option<String>,
    kind: SymbolKind,
    key: Node<'_>,
    value: Node<'_>,
) -> DocumentSymbol {
    DocumentSymbol {
        name: name.to_owned(),
        detail,
        kind,
        range: TextRange::new(
            key.range().start(),
            value.range().end().max(key.range().end()),
        ),
        selection_range: key.range(),
        children: Vec::new(),
    }
}
