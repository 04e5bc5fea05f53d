//! `workspace/executeCommand`: `serverless-ls.previewCloudFormation` compiles the document's
//! current text and, where the client can show documents, opens the result as a file.

use serde_json::Value;
use sls_analysis::{Analysis, Settings};
use sls_diagnostics::Diagnostic;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{ExecuteCommandParams, ShowDocumentParams, Uri};

use crate::diagnostics;
use crate::handlers::guard_request;
use crate::preview;
use crate::session::Session;

/// LSP's `RequestFailed`: the request was valid but could not be carried out.
const REQUEST_FAILED: i64 = -32803;

/// The commands the server runs, as advertised in `executeCommandProvider`.
pub fn commands() -> Vec<String> {
    vec![preview::COMMAND.to_owned()]
}

pub async fn execute_command(
    session: &Session,
    params: ExecuteCommandParams,
) -> jsonrpc::Result<Option<Value>> {
    if params.command != preview::COMMAND {
        return Err(invalid_params(format!(
            "unknown command '{}'; this server runs {}",
            params.command,
            commands().join(", ")
        )));
    }
    let (uri, options) = preview::arguments(&params.arguments).map_err(invalid_params)?;
    let shown = options.show && session.support().show_document;
    if options.text {
        // Written from the plan, as the command line does: no tree of the whole template.
        let text = guard_request("previewCloudFormation", || {
            compile_with(session, &uri, |analysis, settings| {
                analysis.compile_text(settings)
            })
        })?;
        if shown {
            show(session, &uri, &text);
        }
        return Ok(Some(Value::String(text)));
    }
    let template = guard_request("previewCloudFormation", || {
        compile_with(session, &uri, |analysis, settings| {
            analysis.compile(settings)
        })
    })?;
    if shown {
        show(session, &uri, &preview::text(&template));
    }
    Ok(Some(template))
}

/// What `compile` gives for the document's current text, with the session's stage and region;
/// a refusal becomes an error carrying the diagnostics that stop the framework.
fn compile_with<T>(
    session: &Session,
    uri: &Uri,
    compile: impl FnOnce(&Analysis, &Settings) -> Result<T, Vec<Diagnostic>>,
) -> jsonrpc::Result<T> {
    let Some(is_serverless) = session.documents.is_serverless(uri) else {
        return Err(invalid_params(format!(
            "{} is not open: the preview compiles the editor's text, so open it first",
            uri.as_str()
        )));
    };
    if !is_serverless {
        return Err(invalid_params(format!(
            "{} is not a Serverless config (serverless.yml, serverless.yaml or serverless.json)",
            uri.as_str()
        )));
    }
    let Some(analysis) = session.analysis(uri)? else {
        return Err(invalid_params(format!(
            "{} is too large to analyse",
            uri.as_str()
        )));
    };
    compile(&analysis, &session.settings()).map_err(|refusal| {
        let files = diagnostics::Files::new(session, &analysis, uri);
        let converted: Vec<_> = refusal
            .iter()
            .filter_map(|d| diagnostics::to_lsp(d, &files))
            .collect();
        let first = refusal.first().map_or("", |d| d.message.as_str());
        let message = match refusal.len() {
            0 | 1 => format!("the framework would refuse this configuration: {first}"),
            n => format!("the framework would refuse this configuration ({n} problems): {first}"),
        };
        jsonrpc::Error {
            code: jsonrpc::ErrorCode::ServerError(REQUEST_FAILED),
            message: message.into(),
            data: serde_json::to_value(converted).ok(),
        }
    })
}

/// Writes the preview file and asks the client to show it, without waiting for its answer:
/// the command's response does not depend on it, and a client may well handle our request only
/// after it has the response.
fn show(session: &Session, uri: &Uri, text: &str) {
    let written = preview::write(uri, text);
    if let Ok(path) = &written {
        session.lifecycle.remember_temporary(path);
    }
    let file = match written.map(|path| Uri::from_file_path(&path).ok_or(path)) {
        Ok(Ok(file)) => file,
        Ok(Err(path)) => {
            tracing::warn!("no file URI for the preview at {}", path.display());
            return;
        }
        Err(err) => {
            tracing::warn!("cannot write the CloudFormation preview: {err}");
            return;
        }
    };
    let client = session.client.clone();
    tokio::spawn(async move {
        let params = ShowDocumentParams {
            uri: file,
            external: Some(false),
            take_focus: Some(true),
            selection: None,
        };
        match client.show_document(params).await {
            Ok(true) => {}
            Ok(false) => tracing::warn!("the client did not show the CloudFormation preview"),
            Err(err) => tracing::warn!("window/showDocument failed: {}", err.message),
        }
    });
}

fn invalid_params(message: String) -> jsonrpc::Error {
    jsonrpc::Error::invalid_params(message)
}
