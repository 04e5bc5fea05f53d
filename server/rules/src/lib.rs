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
mod schema_walk;
mod severity;
mod syntax;

use sls_diagnostics::Diagnostic;
use sls_model::Model;
use sls_syntax::{Parse, View};

pub use context::FileProbe;
pub use sls_model::schema::validate::FunctionMemo;
use sls_model::schema::validate::Reuse;

/// The syntax rules (SLS001, SLS002) for a YAML or JSON file the config includes through
/// `${file(...)}`, in that file's own ranges.
pub fn check_included(text: &str, parse: &Parse, is_json: bool) -> Vec<Diagnostic> {
    let mut diagnostics = syntax::check_included(text, parse, is_json);
    sls_diagnostics::sort(&mut diagnostics);
    diagnostics
}

/// Runs every rule over a parsed file and returns the diagnostics, sorted. `view` is the
/// document's tree as the rules read it (through the variable-resolution overlay, if any);
/// syntax errors and duplicate keys come from `parse`, the document as written.
pub fn check(
    text: &str,
    parse: &Parse,
    view: View<'_>,
    model: &Model,
    files: &dyn FileProbe,
) -> Vec<Diagnostic> {
    check_reusing(text, parse, view, model, files, None).0
}

/// `check`, reusing the schema validation of the functions the parse copied unchanged from
/// `previous` (what the check of the document's previous version returned); also returns
/// what this check's validation found, for the next one. The diagnostics are those of `check`.
pub fn check_reusing(
    text: &str,
    parse: &Parse,
    view: View<'_>,
    model: &Model,
    files: &dyn FileProbe,
    previous: Option<&FunctionMemo>,
) -> (Vec<Diagnostic>, FunctionMemo) {
    let mut ctx = context::Ctx::new(text, view, model, files);
    syntax::check(&mut ctx, parse);
    functions::check_names(&mut ctx);
    if model.is_aws() {
        events::check(&mut ctx);
        routes::check(&mut ctx);
        authorizer::check(&mut ctx);
        identity_source::check(&mut ctx);
        provider::check(&mut ctx);
        functions::check_handlers(&mut ctx);
    }
    // The framework cannot load a file with YAML errors, so it validates nothing; the
    // partial tree of such a file would only give false findings.
    let memo = if parse.errors.is_empty() {
        let segments = parse.segments();
        let reuse = Reuse {
            segments: &segments,
            previous,
        };
        schema_walk::check(&mut ctx, reuse)
    } else {
        FunctionMemo::default()
    };
    let mut diagnostics = ctx.finish();
    severity::apply_validation_mode(&mut diagnostics, model.validation_mode);
    sls_diagnostics::sort(&mut diagnostics);
    (diagnostics, memo)
}
