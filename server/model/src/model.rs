//! The model's types: a typed index of the service over the tree's node ids.

use sls_syntax::{Node, NodeId, View};

/// `configValidationMode`: how the framework treats schema problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValidationMode {
    /// The default: schema problems are printed and the run goes on.
    #[default]
    Warn,
    /// Schema problems stop the run.
    Error,
    /// No schema validation output.
    Off,
}

/// The typed view of one service configuration.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The root mapping, when the document is one.
    pub root: Option<NodeId>,
    /// `provider.name`, when given as a plain string.
    pub provider_name: Option<String>,
    pub validation_mode: ValidationMode,
    pub provider: Provider,
    /// The `functions` mapping's value node.
    pub functions_node: Option<NodeId>,
    pub functions: Vec<Function>,
    /// `plugins` is present: other keys and event types may be defined by plugins.
    pub has_plugins: bool,
}

impl Model {
    /// Rules about the AWS provider apply (the framework's default provider is `aws`).
    pub fn is_aws(&self) -> bool {
        self.provider_name
            .as_deref()
            .is_none_or(|name| name == "aws")
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// Every websocket event of the service with its function, in YAML order.
    pub fn websocket_events(&self) -> impl Iterator<Item = (&Function, &WebsocketEvent)> {
        self.functions.iter().flat_map(|function| {
            function
                .events
                .iter()
                .filter_map(move |event| event.websocket.as_ref().map(|ws| (function, ws)))
        })
    }
}

/// The provider settings the websocket rules and compiler care about (value nodes).
#[derive(Debug, Clone, Default)]
pub struct Provider {
    /// The `provider` value node.
    pub node: Option<NodeId>,
    pub runtime: Option<NodeId>,
    pub stage: Option<NodeId>,
    pub region: Option<NodeId>,
    pub websockets_api_name: Option<NodeId>,
    pub websockets_api_route_selection_expression: Option<NodeId>,
    pub websockets_description: Option<NodeId>,
    /// `provider.websocket` (the object holding `useProviderTags`).
    pub websocket: Option<NodeId>,
    /// `provider.apiGateway.websocketApiId`.
    pub websocket_api_id: Option<NodeId>,
    /// `provider.logs` and `provider.logs.websocket`.
    pub logs: Option<NodeId>,
    pub logs_websocket: Option<NodeId>,
    pub log_retention_in_days: Option<NodeId>,
    pub tags: Option<NodeId>,
    /// `package.artifact` at service level (handler files then live in the artifact).
    pub package_artifact: Option<NodeId>,
}

/// One entry of `functions`.
#[derive(Debug, Clone)]
pub struct Function {
    /// The function's key (its name in the service).
    pub key: NodeId,
    pub name: String,
    /// The function's value node (a mapping when well-formed).
    pub node: NodeId,
    pub handler: Option<NodeId>,
    pub image: Option<NodeId>,
    pub runtime: Option<NodeId>,
    pub package_artifact: Option<NodeId>,
    /// The `events` value node.
    pub events_node: Option<NodeId>,
    pub events: Vec<Event>,
}

/// One item of a function's `events` list.
#[derive(Debug, Clone)]
pub struct Event {
    /// The list item node.
    pub item: NodeId,
    /// The event type key (`websocket`, `http`, ...) when the item is a one-key mapping.
    pub kind_key: Option<NodeId>,
    pub kind: Option<String>,
    /// The value under the event type key.
    pub value: Option<NodeId>,
    pub websocket: Option<WebsocketEvent>,
}

/// How a websocket event was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebsocketForm {
    /// `- websocket: $connect` (any scalar).
    String,
    /// `- websocket: { route: ..., ... }`.
    Object,
    /// `- websocket:` with no value: the framework drops the event.
    Null,
    /// A list or other value the framework cannot use.
    Other,
}

/// A websocket event (`- websocket: ...`).
#[derive(Debug, Clone)]
pub struct WebsocketEvent {
    /// The `websocket` key.
    pub key: NodeId,
    /// The value under `websocket`.
    pub node: NodeId,
    pub form: WebsocketForm,
    /// The `route` key, in object form.
    pub route_key: Option<NodeId>,
    /// The node holding the route: the scalar in string form, the `route` value in object form.
    pub route: Option<NodeId>,
    pub route_response_selection_expression: Option<NodeId>,
    /// The `authorizer` key and its parsed value.
    pub authorizer_key: Option<NodeId>,
    pub authorizer: Option<Authorizer>,
}

impl WebsocketEvent {
    /// The route key as the framework compiles it (after coercion), unless dynamic.
    pub fn route_text<'t>(&self, view: View<'t>) -> Option<&'t str> {
        self.route
            .and_then(|id| crate::value::coerced_string(view.node(id)))
    }
}

/// The value of a websocket event's `authorizer`.
#[derive(Debug, Clone)]
pub enum Authorizer {
    /// A string: a function name, or an ARN when it contains `:`.
    String(NodeId),
    Object(AuthorizerObject),
    /// A Serverless variable or intrinsic, or anything else.
    Other(NodeId),
}

impl Authorizer {
    pub fn node(&self) -> NodeId {
        match self {
            Authorizer::String(id) | Authorizer::Other(id) => *id,
            Authorizer::Object(object) => object.node,
        }
    }
}

/// `authorizer: { name, arn, identitySource }`: the key nodes and value nodes present.
#[derive(Debug, Clone)]
pub struct AuthorizerObject {
    pub node: NodeId,
    pub name: Option<(NodeId, NodeId)>,
    pub arn: Option<(NodeId, NodeId)>,
    pub identity_source: Option<(NodeId, NodeId)>,
}

/// Shorthand used by the builders: a node's id from an optional node.
pub(crate) fn id(node: Option<Node<'_>>) -> Option<NodeId> {
    node.map(|n| n.id)
}
