//! End-to-end: neither the language server nor `check` and `compile` write inside the
//! workspace, and the CloudFormation preview, written to the temporary directory, is gone once
//! the server has exited (after `shutdown`, and when its client dies).
//!
//! The workspace's tree (every path, its kind, size, modification time and contents) is taken
//! before and after; the server runs with `TMPDIR` pointing at a folder of the test's own, so
//! what it leaves there can be listed exactly.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use serde_json::json;
use support::{change_params, open_params, Lsp, Project};

const CONFIG: &str = "\
service: untouched
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  stage: dev
functions:
  connect:
    handler: src/handler.connect
    events:
      - websocket: $connect
  missing:
    handler: src/missing.run
";

/// What is known of one path under a folder.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    is_dir: bool,
    modified: Option<SystemTime>,
    contents: Vec<u8>,
}

/// Every path under `root` (relative), with its kind, modification time and contents.
fn tree(root: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(children) = std::fs::read_dir(&folder) else {
            continue;
        };
        for child in children.flatten() {
            let path = child.path();
            let metadata = std::fs::symlink_metadata(&path).expect("metadata");
            let is_dir = metadata.is_dir();
            if is_dir {
                pending.push(path.clone());
            }
            let contents = if is_dir {
                Vec::new()
            } else {
                std::fs::read(&path).unwrap_or_default()
            };
            let relative = path.strip_prefix(root).expect("under root").to_path_buf();
            let modified = metadata.modified().ok();
            entries.insert(
                relative,
                Entry {
                    is_dir,
                    modified,
                    contents,
                },
            );
        }
    }
    entries
}

/// A project with the config, a handler, and the folders a real one has.
fn workspace() -> Project {
    let project = Project::new();
    project.write("serverless.yml", CONFIG);
    project.write("src/handler.js", "exports.connect = async () => ({});\n");
    project.write("node_modules/pkg/serverless.yml", "service: vendored\n");
    project.write(".serverless/old-template.json", "{}\n");
    project.write("README.md", "# demo\n");
    project
}

/// An empty folder for the server's `TMPDIR`.
fn temporary_dir(project: &Project) -> PathBuf {
    // Outside the workspace, beside it.
    let dir = project.root.with_extension("tmpdir");
    std::fs::create_dir_all(&dir).expect("temporary dir");
    dir
}

/// Opens, edits, previews (writing the preview file) and closes the config; returns the path
/// of the preview file, which exists at that point.
fn session(lsp: &mut Lsp, project: &Project, temporary: &Path) -> PathBuf {
    let uri = project.uri("serverless.yml");
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, CONFIG));
    lsp.diagnostics(&uri);
    lsp.notify(
        "textDocument/didChange",
        change_params(
            &uri,
            2,
            [13, 0, 13, 0],
            "  extra:\n    handler: src/handler.connect\n",
        ),
    );
    assert_eq!(lsp.diagnostics(&uri)["version"], 2);
    for (line, character) in [(8, 14), (10, 20), (3, 3)] {
        lsp.result("textDocument/hover", support::at(&uri, line, character));
        lsp.result(
            "textDocument/completion",
            support::at(&uri, line, character),
        );
    }
    lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": support::range_json([12, 0, 12, 0]),
               "context": {"diagnostics": []}}),
    );
    let template = lsp.result(
        "workspace/executeCommand",
        json!({"command": "serverless-ls.previewCloudFormation", "arguments": [uri]}),
    );
    assert!(template["Resources"].is_object(), "{template}");
    let shown = lsp.server_request("window/showDocument");
    let file = shown["params"]["uri"].as_str().expect("a file uri");
    let path = PathBuf::from(file.strip_prefix("file://").expect("a file:// uri"));
    assert!(
        path.starts_with(temporary),
        "{} is not under {}",
        path.display(),
        temporary.display()
    );
    assert!(
        path.is_file(),
        "the preview file exists while the server runs"
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    lsp.diagnostics(&uri);
    path
}

/// The workspace is as it was, and nothing is left in the temporary dir (which then goes).
fn assert_untouched(project: &Project, before: &BTreeMap<PathBuf, Entry>, temporary: &Path) {
    assert_eq!(&tree(&project.root), before, "the workspace changed");
    assert_eq!(
        tree(temporary),
        BTreeMap::new(),
        "left in the temporary dir"
    );
    let _ = std::fs::remove_dir(temporary);
}

fn start_server(project: &Project, temporary: &Path) -> Lsp {
    let temporary = temporary.to_str().expect("UTF-8 path");
    let root = support::file_uri(&project.root);
    Lsp::start_with_env(&[("TMPDIR", temporary)])
        .initialize_with(json!({
            "rootUri": root,
            "capabilities": {
                "window": {"showDocument": {"support": true}},
                "workspace": {
                    "didChangeWatchedFiles": {"dynamicRegistration": true},
                    "configuration": true,
                },
            },
        }))
        .0
}

#[test]
fn a_server_session_writes_nothing_in_the_workspace_and_cleans_its_preview() {
    let project = workspace();
    let temporary = temporary_dir(&project);
    let before = tree(&project.root);

    let mut lsp = start_server(&project, &temporary);
    let preview = session(&mut lsp, &project, &temporary);
    let (status, stderr) = lsp.shutdown_with_stderr();
    assert!(status.success(), "{stderr}");

    assert_untouched(&project, &before, &temporary);
    assert!(!preview.exists());
}

#[test]
fn a_server_whose_client_dies_cleans_its_preview_too() {
    let project = workspace();
    let temporary = temporary_dir(&project);
    let before = tree(&project.root);

    let mut lsp = start_server(&project, &temporary);
    let preview = session(&mut lsp, &project, &temporary);
    // The client dies while the server waits for its answer: the watchdog ends the server.
    lsp.stop_answering();
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    lsp.server_request("workspace/configuration");
    lsp.close_input();
    assert_eq!(lsp.wait().code(), Some(1));
    let stderr = lsp.stderr_text();
    assert!(
        stderr.contains("closed the input while work was pending"),
        "{stderr}"
    );

    assert_untouched(&project, &before, &temporary);
    assert!(!preview.exists());
}

#[test]
fn check_and_compile_write_nothing() {
    let project = workspace();
    let temporary = temporary_dir(&project);
    let before = tree(&project.root);
    let binary = env!("CARGO_BIN_EXE_serverless-ls");
    for args in [
        &["check", "."][..],
        &["check", "--format", "json", "serverless.yml"],
        &["compile", "serverless.yml"],
        &["compile", "--format", "yaml", "--stage", "prod", "."],
    ] {
        let output = Command::new(binary)
            .args(args)
            .current_dir(&project.root)
            .env("TMPDIR", &temporary)
            .output()
            .expect("the binary runs");
        assert!(output.status.code().is_some(), "{args:?}: {output:?}");
    }
    assert_untouched(&project, &before, &temporary);
}
