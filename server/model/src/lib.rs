//! The typed Serverless service model over the positioned YAML tree, and the schema table.
//!
//! `Model::build` reads a `sls_syntax::Tree` into a typed view (service, provider settings,
//! functions, events, websocket events with their authorizers) that keeps the `NodeId` of every
//! piece, so rules and editor features can point back at exact ranges. Unknown keys are kept in
//! the tree; the model only indexes what it knows. `schema` is the one table of known keys,
//! types, allowed values and docs used by validation, completion and hover alike.

mod build;
mod model;
pub mod schema;
pub mod value;

pub use model::{
    Authorizer, AuthorizerObject, Event, Function, Model, Provider, ValidationMode, WebsocketEvent,
    WebsocketForm,
};
