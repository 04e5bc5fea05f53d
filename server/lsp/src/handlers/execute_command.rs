//! `workspace/executeCommand`: `serverless-ls.previewCloudFormation` compiles the document's
//! current text and, where the client can show documents, opens the result as a file.

use serde_json::Value;
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
    let template = guard_request("previewCloudFormation", || compile(session, &uri))?;
    let shown = options.show && session.support().show_document;
    if !shown && !options.text {
        return Ok(Some(template));
    }
    let text = preview::text(&template);
    if shown {
        show(session, &uri, &text);
    }
    if !options.text {
        return Ok(Some(template));
    }
    // The template of a large service is hundreds of thousands of small allocations: they are
    // freed off the request's path.
    session.documents.free_later(template);
    Ok(Some(Value::String(text)))
}

/// The template of the document's current text, with the session's stage and region.
fn compile(session: &Session, uri: &Uri) -> jsonrpc::Result<Value> {
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
    analysis.compile(&session.settings()).map_err(|refusal| {
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
