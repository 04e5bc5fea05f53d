//! End-to-end: initialize (capabilities, encoding negotiation), shutdown and exit statuses, and
//! the server ending when its client is gone (input closed, client process ended).

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{at, open_params, Lsp};

#[test]
fn initialize_offering_utf8_negotiates_utf8() {
    let (lsp, result) = Lsp::initialized(json!({
        "general": {"positionEncodings": ["utf-16", "utf-8"]}
    }));
    let mut result = result;
    result["serverInfo"]["version"] = json!("[version]");
    insta::assert_json_snapshot!(result, @r#"
    {
      "capabilities": {
        "positionEncoding": "utf-8",
        "textDocumentSync": {
          "openClose": true,
          "change": 2
        },
        "hoverProvider": true,
        "completionProvider": {
          "resolveProvider": true,
          "triggerCharacters": [
            ":",
            " ",
            "$",
            ".",
            "{",
            "-"
          ]
        },
        "definitionProvider": true,
        "referencesProvider": true,
        "documentSymbolProvider": true,
        "codeActionProvider": {
          "codeActionKinds": [
            "quickfix",
            "source.preview"
          ]
        },
        "renameProvider": {
          "prepareProvider": true
        },
        "executeCommandProvider": {
          "commands": [
            "serverless-ls.previewCloudFormation"
          ]
        },
        "inlayHintProvider": true
      },
      "serverInfo": {
        "name": "serverless-ls",
        "version": "[version]"
      }
    }
    "#);
    assert!(lsp.shutdown().success());
}

#[test]
fn initialize_without_utf8_falls_back_to_utf16() {
    let (lsp, result) = Lsp::initialized(json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    drop(lsp);
    let (lsp, result) = Lsp::initialized(json!({
        "general": {"positionEncodings": ["utf-32"]}
    }));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert!(lsp.shutdown().success());
}

#[test]
fn shutdown_then_exit_exits_zero() {
    let (lsp, _) = Lsp::initialized(json!({}));
    let status = lsp.shutdown();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_one() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait().code(), Some(1));
}

#[test]
fn second_initialize_is_an_invalid_request() {
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let again = lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(again["error"]["code"], -32600, "{again}");
    assert!(lsp.shutdown().success());
}

/// How soon the server must be gone after its input closes, pending work or not.
const EXIT_AFTER_INPUT_CLOSED: Duration = Duration::from_secs(2);

/// Closes the server's input and checks that it exits in time, with 1 and without a panic.
fn assert_exits_soon_after_input_closes(mut lsp: Lsp) {
    let closed = Instant::now();
    lsp.close_input();
    let status = lsp.wait();
    let took = closed.elapsed();
    let stderr = lsp.stderr_text();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        took <= EXIT_AFTER_INPUT_CLOSED,
        "exited {took:?} after its input closed; stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn closing_input_with_nothing_pending_ends_the_server() {
    let (lsp, _) = Lsp::start_capturing_stderr().initialize_with(json!({"capabilities": {}}));
    assert_exits_soon_after_input_closes(lsp);
}

/// A client that dies after `initialized` never answers the server's `workspace/configuration`.
#[test]
fn closing_input_while_the_client_owes_an_answer_ends_the_server() {
    let lsp = Lsp::start_capturing_stderr();
    lsp.stop_answering();
    let (mut lsp, _) =
        lsp.initialize_with(json!({"capabilities": {"workspace": {"configuration": true}}}));
    lsp.server_request("workspace/configuration");
    assert_exits_soon_after_input_closes(lsp);
}

/// The analysis of this document takes several seconds in a debug build; the server must not
/// wait for it once nobody is listening.
#[test]
fn closing_input_during_a_long_analysis_ends_the_server() {
    let mut text = String::from("service: big\nprovider:\n  name: aws\nfunctions:\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "  f{i}:\n    handler: src/f{i}.handler\n    events:\n      - websocket:\n          route: r{i}\n"
        ));
    }
    let (lsp, _) = Lsp::start_capturing_stderr().initialize_with(json!({"capabilities": {}}));
    lsp.notify(
        "textDocument/didOpen",
        open_params("file:///nowhere/serverless.yml", 1, &text),
    );
    assert_exits_soon_after_input_closes(lsp);
}

#[cfg(unix)]
#[test]
fn the_end_of_the_client_process_ends_the_server() {
    let mut client = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .expect("start a stand-in client process");
    let (mut lsp, _) = Lsp::start_capturing_stderr().initialize_with(json!({
        "processId": client.id(),
        "capabilities": {},
    }));
    assert_alive(&mut lsp);
    client.kill().expect("end the stand-in client");
    client.wait().expect("collect the stand-in client");
    let status = lsp.wait();
    let stderr = lsp.stderr_text();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("has ended"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A process id that is not running from the start comes from somewhere the server cannot see
/// (a client outside the server's container): it is not a reason to exit.
#[cfg(unix)]
#[test]
fn a_client_process_id_never_seen_running_is_ignored() {
    let mut gone = std::process::Command::new("true")
        .spawn()
        .expect("start a short-lived process");
    gone.wait().expect("collect it");
    let (mut lsp, _) = Lsp::initialized_with(json!({"processId": gone.id(), "capabilities": {}}));
    // Longer than the server's polling interval.
    std::thread::sleep(Duration::from_millis(1500));
    assert_alive(&mut lsp);
    assert!(lsp.shutdown().success());
}

/// The server still answers requests normally.
fn assert_alive(lsp: &mut Lsp) {
    let response = lsp.request(
        "textDocument/hover",
        at("file:///nowhere/serverless.yml", 0, 0),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
}

/// The `GLIBC_TUNABLES` the server process runs with (its environment after it started again).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn heap_settings_of(lsp: &Lsp) -> Option<String> {
    let environ = std::fs::read(format!("/proc/{}/environ", lsp.pid())).ok()?;
    environ
        .split(|&b| b == 0)
        .filter_map(|entry| std::str::from_utf8(entry).ok())
        .find_map(|entry| entry.strip_prefix("GLIBC_TUNABLES="))
        .map(str::to_owned)
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_server_runs_with_its_heap_settings_and_keeps_a_users_own() {
    let (lsp, _) = Lsp::initialized(json!({}));
    let expected = std::env::var("GLIBC_TUNABLES")
        .unwrap_or_else(|_| "glibc.malloc.mmap_threshold=262144".to_owned());
    assert_eq!(heap_settings_of(&lsp), Some(expected));
    assert!(lsp.shutdown().success());

    let own = "glibc.malloc.perturb=0";
    let lsp = Lsp::start_with_env(&[("GLIBC_TUNABLES", own)]);
    let (lsp, _) = lsp.initialize_with(json!({"capabilities": {}}));
    assert_eq!(heap_settings_of(&lsp).as_deref(), Some(own));
    assert!(lsp.shutdown().success());
}
