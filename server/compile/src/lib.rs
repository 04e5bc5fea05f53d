//! Compiles a Serverless service (as plain data) to the CloudFormation template the framework writes.
//!
//! [`config_value`] turns the parsed `serverless.yml` into the data the framework sees;
//! [`compile`] turns that data into the template Serverless Framework v3.40.0 writes to
//! `.serverless/cloudformation-template-update-stack.json` (same structure, same key order).
//! It is pure and deterministic. What only packaging can know is a fixed placeholder (see
//! [`naming`]): the S3 artifact folder, Lambda version hashes, `CodeSha256`, the REST
//! deployment timestamp. The websocket Deployment hash is computed exactly.
//!
//! Covered: deployment bucket, function log groups, `IamRoleLambdaExecution`, Lambda
//! functions/versions/aliases, `websocket` events (completely), `http` events (basic form),
//! output export names, the user's `resources:`. Other event types are ignored.

mod coerce;
mod config_value;
mod custom_resources;
mod events;
mod functions;
mod iam;
mod js_json;
mod merge;
pub mod naming;
mod provider;
mod template;

use serde_json::Value;

pub use config_value::{config_value, MAX_DEPTH, NODE_BUDGET};
/// The `<hash>` of `WebsocketsDeployment<hash>` for a `Resources` map (oracle README 3.6).
pub use events::websocket::deployment::deployment_hash;
/// `JSON.stringify(value)` byte for byte (what the Deployment hash is taken of).
pub use js_json::stringify as js_json_stringify;
/// lodash `_.merge` on JSON values (objects by key, arrays by index).
pub use merge::merge as lodash_merge;

/// Command-line overrides; unset means `provider.stage`/`provider.region`, else `dev`/`us-east-1`.
/// (The region never appears in a template: resources use `{"Ref": "AWS::Region"}`.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompileOptions {
    pub stage: Option<String>,
    pub region: Option<String>,
}

/// Where the framework would fail: its message and the config path it concerns
/// (e.g. `["functions", "connect", "events", "0", "websocket", "authorizer"]`).
/// What kind of problem stops the framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompileErrorKind {
    /// A function-name authorizer names no function of the service.
    MissingFunction,
    /// A CloudFormation `arn` without `name`.
    ArnNeedsName,
    /// A function with neither (or both) `handler` and `image`.
    MissingHandler,
    /// A setting outside its allowed values (the websocket log level).
    InvalidValue,
    /// A key the compiler cannot do without (a websocket `route`, an authorizer's name/arn).
    MissingKey,
    /// A value of a shape the compiler cannot use.
    WrongType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub kind: CompileErrorKind,
    pub message: String,
    pub path: Vec<String>,
}

impl CompileError {
    pub(crate) fn new(kind: CompileErrorKind, message: impl Into<String>, path: &[&str]) -> Self {
        CompileError {
            kind,
            message: message.into(),
            path: path.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{} (at '{}')", self.message, self.path.join("."))
        }
    }
}

impl std::error::Error for CompileError {}

/// Compiles the service config (see [`config_value`]) to the CloudFormation template, or the
/// errors the framework would stop with. Never panics, whatever shape the config has.
pub fn compile(config: &Value, options: &CompileOptions) -> Result<Value, Vec<CompileError>> {
    let service = provider::Service::new(config, options);
    let mut template = template::Template::new(&service);
    functions::compile_log_groups(&service, &mut template);
    iam::compile(&service, &mut template);
    functions::check(&service)?;
    functions::compile(&service, &mut template);
    events::http::compile(&service, &mut template);
    events::websocket::compile(&service, &mut template)?;
    Ok(template.finish(&service))
}
