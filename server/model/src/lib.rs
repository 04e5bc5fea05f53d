//! The typed Serverless service model over the positioned YAML tree, and the framework's schema.
//!
//! `Model::build` reads a `sls_syntax::Tree` into a thin typed index (service, provider settings,
//! functions, events, websocket events with their authorizers) that keeps the `NodeId` of every
//! piece, so the semantic rules and editor features can point back at exact ranges. `schema` is
//! the framework's own JSON Schema as a graph, its validation, the path resolver and our docs:
//! what schema diagnostics, completion and hover all read.

mod build;
mod model;
pub mod schema;
pub mod value;

pub use model::{
    Authorizer, AuthorizerObject, Event, Function, Model, Provider, ValidationMode, WebsocketEvent,
    WebsocketForm,
};
