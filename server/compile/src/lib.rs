//! Compiles a Serverless service to the CloudFormation template the framework writes.
//!
//! [`plan`] lists, from the config (a `sls_syntax::View`, so variables are resolved when the
//! view has them), every resource and output Serverless Framework v3.40.0 would emit — logical
//! id, CloudFormation type, the config node it comes from — without rendering anything: the
//! editor builds it on every change. [`Plan::render`] turns the plan into the template the
//! framework writes to `.serverless/cloudformation-template-update-stack.json` (same
//! structure, same key order). Pure and deterministic. What only packaging can know is a fixed
//! placeholder (see [`naming`]): the S3 artifact folder, Lambda version hashes, `CodeSha256`,
//! the REST deployment timestamp. The websocket Deployment hash is computed exactly.

mod coerced;
mod config_value;
mod core;
mod custom_resources;
mod events;
mod fast_hash;
mod frozen;
mod functions;
mod iam;
mod js_json;
mod json_literal;
mod layers;
mod listing_moved;
mod merge;
pub mod naming;
mod plan;
mod pretty;
mod render;
mod render_split;
mod resources;
mod service;
mod size;
mod statements;
mod template;

use serde_json::Value;
/// Two pieces of work on two threads (the syntax layer's helper, used across the engine).
pub use sls_syntax::parallel;
use sls_syntax::{NodeId, View};

pub use config_value::{config_value, MAX_DEPTH, NODE_BUDGET};
/// The `<hash>` of `WebsocketsDeployment<hash>` for a `Resources` map (oracle README 3.6).
pub use events::websocket::deployment::deployment_hash;
pub use events::KNOWN_EVENT_TYPES;
/// `JSON.stringify(value)` byte for byte (what the Deployment hash is taken of).
pub use js_json::stringify as js_json_stringify;
pub use listing_moved::RENDER_ONLY_FUNCTION_SETTINGS;
/// lodash `_.merge` on JSON values (objects by key, arrays by index).
pub use merge::merge as lodash_merge;
pub use plan::{Collision, Item, Listing, Origin, Plan, Section, UncompiledEvent};
/// The template as indented JSON text (what `serde_json::to_string_pretty` writes, faster).
pub use pretty::{write_pretty, write_pretty_to};
pub use render::Threads;
pub use size::min_item_bytes;
pub use template::CompiledTemplate;

/// What a rendered template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateUse {
    /// Written as indented JSON ([`CompiledTemplate::write_pretty_to`]).
    WrittenAsJson,
    /// Read as a JSON value ([`CompiledTemplate::into_value`]), e.g. to write it as YAML.
    Read,
}

/// Command-line overrides; unset means `provider.stage`/`provider.region`, else `dev`/`us-east-1`.
/// (The region never appears in a template: resources use `{"Ref": "AWS::Region"}`.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompileOptions {
    pub stage: Option<String>,
    pub region: Option<String>,
}

/// What kind of problem stops the framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompileErrorKind {
    /// A reference to a function the service does not have (an authorizer, a destination).
    MissingFunction,
    /// A CloudFormation `arn` without `name`.
    ArnNeedsName,
    /// A function with neither (or both) `handler` and `image`.
    MissingHandler,
    /// A setting outside its allowed values.
    InvalidValue,
    /// A key the compiler cannot do without (a websocket `route`, an authorizer's name/arn).
    MissingKey,
    /// A value of a shape the compiler cannot use.
    WrongType,
}

/// Where the framework would fail: its message and the config node it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub kind: CompileErrorKind,
    pub message: String,
    /// The node of the view the problem is about (`None`: the file as a whole).
    pub node: Option<NodeId>,
}

impl CompileError {
    pub(crate) fn new(
        kind: CompileErrorKind,
        message: impl Into<String>,
        node: Option<NodeId>,
    ) -> Self {
        CompileError {
            kind,
            message: message.into(),
            node,
        }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

/// The plan of the service in `view` (see the crate docs). Never panics.
pub fn plan<'a>(view: View<'a>, options: &CompileOptions) -> Plan<'a> {
    Plan::build(view, options, true)
}

/// What [`plan`] lists, without what only rendering needs (the editor's analysis of each
/// version).
pub fn listing(view: View<'_>, options: &CompileOptions) -> Listing {
    Plan::build(view, options, false).into_listing()
}

impl Plan<'_> {
    /// The template the framework would write, or the errors that stop it (a large plan is
    /// rendered on two threads).
    pub fn render(&self) -> Result<Value, Vec<CompileError>> {
        render::render(self, Threads::Auto)
    }

    /// [`Plan::render`] on as many threads as asked (the template is the same).
    pub fn render_on(&self, threads: Threads) -> Result<Value, Vec<CompileError>> {
        render::render(self, threads)
    }

    /// [`Plan::render`], and what `beside` returns: it runs on another thread while a large
    /// plan's steps are replayed in order (the part of the rendering that has one thread),
    /// else after the rendering.
    pub fn render_beside<T: Send>(
        &self,
        beside: impl FnOnce() -> T + Send,
    ) -> (Result<Value, Vec<CompileError>>, T) {
        let (template, beside) = render::render_beside(self, Threads::Auto, None, beside);
        (template.map(CompiledTemplate::into_value), beside)
    }

    /// [`Plan::render_beside`], for `usage`: for a template written as JSON, the resources a
    /// large plan renders on two threads are written to their final text there, which takes a
    /// quarter of the memory of their trees (the text is the same).
    pub fn render_template_beside<T: Send>(
        &self,
        usage: TemplateUse,
        beside: impl FnOnce() -> T + Send,
    ) -> (Result<CompiledTemplate, Vec<CompileError>>, T) {
        let freeze = (usage == TemplateUse::WrittenAsJson).then_some(frozen::Form::Pretty);
        render::render_beside(self, Threads::Auto, freeze, beside)
    }

    /// The template written as JSON, rendered on as many threads as asked (see
    /// [`Plan::render_template_beside`]).
    pub fn render_to_write_on(
        &self,
        threads: Threads,
    ) -> Result<CompiledTemplate, Vec<CompileError>> {
        render::render_beside(self, threads, Some(frozen::Form::Pretty), || ()).0
    }

    /// The size in bytes of the template as CloudFormation is sent it (its `JSON.stringify`
    /// text), or the errors that stop the compiler. The template is rendered but never kept
    /// whole: each resource rendered on two threads is weighed there and only its compact text
    /// kept, which costs far less than a template to read or write.
    pub fn template_bytes(&self) -> Result<usize, Vec<CompileError>> {
        let rendered =
            render::render_beside(self, Threads::Two, Some(frozen::Form::Compact), || ());
        rendered.0.map(|template| template.compact_len())
    }
}

/// Plans and renders in one go.
pub fn compile(view: View<'_>, options: &CompileOptions) -> Result<Value, Vec<CompileError>> {
    plan(view, options).render()
}
