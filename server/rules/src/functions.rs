//! Function rules: SLS301 missing-handler, SLS302 handler-file-not-found, SLS303
//! invalid-function-name.

use sls_diagnostics::Code;
use sls_model::value::{coerced_string, is_dynamic};
use sls_model::Function;
use sls_syntax::NodeId;

use crate::context::Ctx;

/// SLS303 applies to every provider: the framework's own schema rejects the key.
pub(crate) fn check_names(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    for function in &model.functions {
        let valid = !function.name.is_empty()
            && function
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            ctx.emit(
                Code::InvalidFunctionName,
                function.key,
                format!("function name '{}' must be alphanumeric ('-' and '_' allowed): other characters make invalid CloudFormation logical ids", function.name),
            );
        }
    }
}

pub(crate) fn check_handlers(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    for function in &model.functions {
        if function.handler.is_none() && function.image.is_none() {
            let node = ctx.node(function.node);
            if node.is_mapping() || node.is_null() {
                ctx.emit(
                    Code::MissingHandler,
                    function.key,
                    format!("function '{}' needs `handler` or `image` (the framework refuses to package it)", function.name),
                );
            }
            continue;
        }
        check_handler_file(ctx, function);
    }
}

/// The module file extensions of a runtime, or `None` when handlers are not source files.
fn extensions(runtime: &str) -> Option<&'static [&'static str]> {
    if runtime.starts_with("nodejs") {
        Some(&["js", "mjs", "cjs", "ts"])
    } else if runtime.starts_with("python") {
        Some(&["py"])
    } else if runtime.starts_with("ruby") {
        Some(&["rb"])
    } else {
        None
    }
}

fn check_handler_file(ctx: &mut Ctx<'_>, function: &Function) {
    let (Some(handler), None) = (function.handler, function.image) else {
        return;
    };
    if function.package_artifact.is_some() || ctx.model.provider.package_artifact.is_some() {
        return;
    }
    let runtime_node = function.runtime.or(ctx.model.provider.runtime);
    let runtime = match runtime_node {
        Some(node) => match coerced_string(ctx.node(node)) {
            Some(text) => text,
            None => return,
        },
        None => "nodejs",
    };
    let Some(extensions) = extensions(runtime) else {
        return;
    };
    let node = ctx.node(handler);
    if is_dynamic(node) {
        return;
    }
    let Some(text) = coerced_string(node) else {
        return;
    };
    let Some((module, _export)) = text.rsplit_once('.') else {
        return;
    };
    let module = module.trim_start_matches("./");
    if module.is_empty() {
        return;
    }
    let candidates = candidate_files(module, extensions, runtime.starts_with("python"));
    if candidates.iter().any(|path| ctx.files.exists(path)) {
        return;
    }
    report_missing(ctx, handler, &candidates);
}

fn candidate_files(module: &str, extensions: &[&str], dotted_packages: bool) -> Vec<String> {
    let mut modules = vec![module.to_owned()];
    if dotted_packages && module.contains('.') {
        modules.push(module.replace('.', "/"));
    }
    // `concat` sizes each name once (`format!` goes through the formatting machinery, which
    // showed in profiles: four names per function of a large service).
    modules
        .iter()
        .flat_map(|m| {
            extensions
                .iter()
                .map(move |ext| [m.as_str(), ".", ext].concat())
        })
        .collect()
}

fn report_missing(ctx: &mut Ctx<'_>, handler: NodeId, candidates: &[String]) {
    ctx.emit(
        Code::HandlerFileNotFound,
        handler,
        format!(
            "handler module not found: none of {} exists next to the config",
            candidates.join(", ")
        ),
    );
}
