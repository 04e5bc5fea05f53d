//! Reads the positioned tree into the typed `Model`.

use sls_syntax::{Node, NodeKind, View};

use crate::model::{
    id, Authorizer, AuthorizerObject, Event, Function, Model, Provider, ValidationMode,
    WebsocketEvent, WebsocketForm,
};
use crate::value::{coerced_string, is_dynamic};

impl Model {
    /// Builds the model of a config as the view shows it (resolved values, when the view has
    /// an overlay). Works on partial trees; anything missing or
    /// mis-shaped is simply absent from the model (the tree still has it).
    pub fn build(view: View<'_>) -> Model {
        let Some(root) = view.root().map(Node::resolve).filter(|n| n.is_mapping()) else {
            return Model::default();
        };
        let provider_node = root.get("provider").map(Node::resolve);
        let provider_name = provider_node
            .and_then(|p| p.get("name"))
            .and_then(coerced_string)
            .map(str::to_owned);
        let validation_mode = match root.get("configValidationMode").and_then(Node::as_str) {
            Some("error") => ValidationMode::Error,
            Some("off") => ValidationMode::Off,
            _ => ValidationMode::Warn,
        };
        let functions_node = root.get("functions").map(Node::resolve);
        Model {
            root: Some(root.id),
            provider_name,
            validation_mode,
            provider: build_provider(root, provider_node),
            functions_node: id(functions_node),
            functions: functions_node.map(build_functions).unwrap_or_default(),
            has_plugins: root.get("plugins").is_some(),
        }
    }
}

fn build_provider(root: Node<'_>, provider: Option<Node<'_>>) -> Provider {
    let get = |key: &str| provider.and_then(|p| p.get(key)).map(Node::resolve);
    let logs = get("logs");
    let api_gateway = get("apiGateway");
    Provider {
        node: id(provider),
        runtime: id(get("runtime")),
        stage: id(get("stage")),
        region: id(get("region")),
        websockets_api_name: id(get("websocketsApiName")),
        websockets_api_route_selection_expression: id(get("websocketsApiRouteSelectionExpression")),
        websockets_description: id(get("websocketsDescription")),
        websocket: id(get("websocket")),
        websocket_api_id: id(api_gateway.and_then(|a| a.get("websocketApiId"))),
        logs: id(logs),
        logs_websocket: id(logs.and_then(|l| l.get("websocket")).map(Node::resolve)),
        log_retention_in_days: id(get("logRetentionInDays")),
        tags: id(get("tags")),
        package_artifact: id(root
            .get("package")
            .map(Node::resolve)
            .and_then(|p| p.get("artifact"))),
    }
}

fn build_functions(functions: Node<'_>) -> Vec<Function> {
    functions
        .entries()
        .filter_map(|(key, value)| {
            let name = key.as_str()?.to_owned();
            let value = value.resolve();
            let get = |k: &str| value.get(k);
            let events_node = get("events").map(Node::resolve);
            Some(Function {
                key: key.id,
                name,
                node: value.id,
                handler: id(get("handler")),
                image: id(get("image")),
                runtime: id(get("runtime")),
                package_artifact: id(get("package")
                    .map(Node::resolve)
                    .and_then(|p| p.get("artifact"))),
                events_node: id(events_node),
                events: events_node
                    .map(|events| events.items().map(build_event).collect())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

fn build_event(item: Node<'_>) -> Event {
    let item = item.resolve();
    let mut entries = item.entries();
    let first = entries.next();
    let (kind_key, value) = match first {
        Some((key, value)) => (Some(key), Some(value)),
        None => (None, None),
    };
    let kind = kind_key.and_then(Node::as_str).map(str::to_owned);
    let websocket = match (kind.as_deref(), kind_key, value) {
        (Some("websocket"), Some(key), Some(value)) => Some(build_websocket(key, value)),
        _ => None,
    };
    Event {
        item: item.id,
        kind_key: id(kind_key),
        kind,
        value: id(value),
        websocket,
    }
}

fn build_websocket(key: Node<'_>, value: Node<'_>) -> WebsocketEvent {
    let value = value.resolve();
    let mut event = WebsocketEvent {
        key: key.id,
        node: value.id,
        form: WebsocketForm::Other,
        route_key: None,
        route: None,
        route_response_selection_expression: None,
        authorizer_key: None,
        authorizer: None,
    };
    match value.kind() {
        NodeKind::Scalar(_) if value.is_null() => event.form = WebsocketForm::Null,
        NodeKind::Scalar(_) => {
            event.form = WebsocketForm::String;
            event.route = Some(value.id);
        }
        NodeKind::Mapping { .. } if !is_dynamic(value) => {
            event.form = WebsocketForm::Object;
            if let Some((route_key, route)) = value.get_entry("route") {
                event.route_key = Some(route_key.id);
                event.route = Some(route.id);
            }
            event.route_response_selection_expression =
                id(value.get("routeResponseSelectionExpression"));
            if let Some((auth_key, auth)) = value.get_entry("authorizer") {
                event.authorizer_key = Some(auth_key.id);
                event.authorizer = Some(build_authorizer(auth));
            }
        }
        _ => {}
    }
    event
}

fn build_authorizer(node: Node<'_>) -> Authorizer {
    let node = node.resolve();
    if is_dynamic(node) {
        return Authorizer::Other(node.id);
    }
    match node.kind() {
        NodeKind::Scalar(_) if !node.is_null() => Authorizer::String(node.id),
        NodeKind::Mapping { .. } => {
            let pair = |k: &str| node.get_entry(k).map(|(key, value)| (key.id, value.id));
            Authorizer::Object(AuthorizerObject {
                node: node.id,
                name: pair("name"),
                arn: pair("arn"),
                identity_source: pair("identitySource"),
            })
        }
        _ => Authorizer::Other(node.id),
    }
}
