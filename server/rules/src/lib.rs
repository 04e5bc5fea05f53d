//! The rule catalogue: every lint rule, run over the service model.
//!
//! `check` is the only entry point: syntax errors (SLS0xx), schema-level rules (SLS1xx),
//! websocket semantics (SLS2xx) and function rules (SLS3xx), then the `configValidationMode`
//! escalation. Rules read the tree and the model; other files are seen only through
//! `FileProbe`, which the front-end implements.

mod authorizer;
mod context;
mod events;
mod functions;
mod identity_source;
mod provider;
mod routes;
mod schema_keys;
mod severity;
mod syntax;

use sls_diagnostics::Diagnostic;
use sls_model::Model;
use sls_syntax::Parse;

pub use context::FileProbe;

/// Runs every rule over a parsed file and returns the diagnostics, sorted.
pub fn check(text: &str, parse: &Parse, model: &Model, files: &dyn FileProbe) -> Vec<Diagnostic> {
    let mut ctx = context::Ctx::new(text, &parse.tree, model, files);
    syntax::check(&mut ctx, parse);
    functions::check_names(&mut ctx);
    if model.is_aws() {
        schema_keys::check(&mut ctx);
        events::check(&mut ctx);
        routes::check(&mut ctx);
        authorizer::check(&mut ctx);
        identity_source::check(&mut ctx);
        provider::check(&mut ctx);
        functions::check_handlers(&mut ctx);
    }
    let mut diagnostics = ctx.finish();
    severity::apply_validation_mode(&mut diagnostics, model.validation_mode);
    sls_diagnostics::sort(&mut diagnostics);
    diagnostics
}
