//! `serverless-ls check` end to end: output formats, discovery, exit status, bad input.

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use support::{run, run_in};

#[test]
fn human_output_on_the_example() {
    let out = run(&["check", "examples/websocket-chat"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!("human_example", out.stdout);
}

#[test]
fn json_output_on_the_example() {
    let out = run(&["check", "--format", "json", "examples/websocket-chat"]);
    assert_eq!(out.code, 1);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    insta::assert_json_snapshot!("json_example", value);
}

#[test]
fn json_lists_clean_files_with_empty_diagnostics() {
    let out = run(&[
        "check",
        "--format=json",
        "fixtures/oracle/string-connect/serverless.yml",
    ]);
    assert_eq!(out.code, 0);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(
        value,
        serde_json::json!({
            "version": 1,
            "files": [{"path": "fixtures/oracle/string-connect/serverless.yml", "diagnostics": []}],
            "summary": {"files": 1, "errors": 0, "warnings": 0, "infos": 0, "hints": 0}
        })
    );
}

#[test]
fn directories_are_searched_recursively_skipping_dependencies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for (path, text) in [
        (
            "a/serverless.yml",
            "service: svc-a\nprovider: {name: aws}\n",
        ),
        (
            "b/c/serverless.yaml",
            "service: svc-b\nprovider: {name: aws}\n",
        ),
        (
            "d/serverless.json",
            "{\"service\": \"svc-d\", \"provider\": {\"name\": \"aws\"}}\n",
        ),
        ("node_modules/x/serverless.yml", "service: [\n"),
        (".serverless/serverless.yml", "service: [\n"),
        ("other.yml", "service: [\n"),
    ] {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(file, text).expect("write");
    }
    let out = run_in(root, &["check", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let paths: Vec<&str> = value["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "a/serverless.yml",
            "b/c/serverless.yaml",
            "d/serverless.json"
        ]
    );
    let out = run_in(root, &["check", "--format", "json", "b"]);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(value["files"][0]["path"], "b/c/serverless.yaml");
}

#[test]
fn unreadable_paths_exit_2_and_the_rest_is_still_checked() {
    let out = run(&[
        "check",
        "does/not/exist",
        "fixtures/oracle/bad-log-level/serverless.yml",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("cannot read 'does/not/exist': no such file or directory"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("error[SLS104]"), "{}", out.stdout);
}

#[test]
fn a_directory_without_config_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run_in(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(out
        .stderr
        .contains("no serverless.yml, serverless.yaml or serverless.json found"));
}

#[test]
fn binary_and_non_utf8_files_are_sls001_not_crashes() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("binary.yml"), b"service: x\0\x01\x02").expect("write");
    std::fs::write(dir.path().join("latin1.yml"), b"service: caf\xe9\n").expect("write");
    let out = run_in(
        dir.path(),
        &["check", "--format", "json", "binary.yml", "latin1.yml"],
    );
    assert_eq!(out.code, 1);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    for file in value["files"].as_array().expect("files") {
        assert_eq!(file["diagnostics"][0]["code"], "SLS001");
    }
    assert!(out.stdout.contains("binary file"));
    assert!(out.stdout.contains("not valid UTF-8"));
}

#[test]
fn a_file_over_16_mb_is_sls001_without_being_analysed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "# padding\n";
    let text = format!(
        "service: big\n{}",
        line.repeat(17 * 1024 * 1024 / line.len())
    );
    std::fs::write(dir.path().join("serverless.yml"), text).expect("write");
    let out = run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let diagnostics = &value["files"][0]["diagnostics"];
    assert_eq!(
        diagnostics.as_array().map(Vec::len),
        Some(1),
        "{diagnostics}"
    );
    assert_eq!(diagnostics[0]["code"], "SLS001");
    let message = diagnostics[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("files over 16 MB are not analysed"),
        "{message}"
    );
}

#[test]
fn usage_errors_exit_2_and_help_and_version_exit_0() {
    assert_eq!(run(&["check", "--format", "xml"]).code, 2);
    assert_eq!(run(&["check", "--bogus"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("serverless-ls check"));
    let version = run(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("serverless-ls "));
}

#[test]
fn multibyte_text_gives_character_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        "service: chat # 聊天 😀\nprovider:\n  name: aws\n  logs:\n    websocket: {level: '😀'}\n";
    std::fs::write(dir.path().join("serverless.yml"), text).expect("write");
    let out = run_in(dir.path(), &["check", "--format", "json"]);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let range = &value["files"][0]["diagnostics"][0]["range"];
    assert_eq!(range["start"], serde_json::json!({"line": 5, "column": 24}));
    assert_eq!(range["end"], serde_json::json!({"line": 5, "column": 27}));
}

#[test]
fn crlf_files_check_like_lf_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "service: svc\r\nprovider:\r\n  name: aws\r\n  logs:\r\n    websocket:\r\n      level: DEBUG\r\n";
    std::fs::write(dir.path().join("serverless.yml"), text).expect("write");
    let out = run_in(dir.path(), &["check", "--format", "json"]);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let diagnostic = &value["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "SLS104");
    assert_eq!(
        diagnostic["range"]["start"],
        serde_json::json!({"line": 6, "column": 14})
    );
    assert_eq!(
        diagnostic["range"]["end"],
        serde_json::json!({"line": 6, "column": 19})
    );
}

/// A config whose only error (SLS201) is on line 12; `h.js` exists, so nothing else is found.
fn project_with_one_error(comment: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("h.js"), "").expect("write");
    let text = format!(
        "service: svc\nprovider:\n  name: aws\nfunctions:\n  auth:\n    handler: h.auth\n  f:\n    handler: h.f\n    events:\n      - websocket:\n          route: $disconnect\n          authorizer: auth{comment}\n"
    );
    std::fs::write(dir.path().join("serverless.yml"), text).expect("write");
    dir
}

#[test]
fn a_suppressed_error_leaves_every_format_and_the_exit_status() {
    let reported = project_with_one_error("");
    assert_eq!(run_in(reported.path(), &["check"]).code, 1);
    let silenced = project_with_one_error(" # serverless-ls-ignore authorizer-not-on-connect");
    // How each format writes a finding of SLS201 (SARIF lists every rule, used or not).
    for (format, finding) in [
        ("human", "[SLS201]"),
        ("json", "\"code\":\"SLS201\""),
        ("sarif", "\"ruleId\":\"SLS201\""),
        ("github", "title=SLS201"),
    ] {
        let reported = run_in(reported.path(), &["check", "--format", format]);
        let compact = |text: &str| text.replace([' ', '\n'], "");
        assert!(
            compact(&reported.stdout).contains(finding),
            "{format}: {}",
            reported.stdout
        );
        let out = run_in(silenced.path(), &["check", "--format", format]);
        assert_eq!(out.code, 0, "{format}: {}", out.stdout);
        assert!(
            !compact(&out.stdout).contains(finding),
            "{format}: {}",
            out.stdout
        );
    }
    // A misspelt code silences nothing and is reported on its own text.
    let misspelt = project_with_one_error(" # serverless-ls-ignore SLS2O1");
    let out = run_in(misspelt.path(), &["check", "--format", "json"]);
    assert_eq!(out.code, 1);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let found: Vec<_> = value["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| (d["code"].clone(), d["range"]["start"].clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "SLS201".into(),
                serde_json::json!({"line": 12, "column": 11})
            ),
            (
                "SLS003".into(),
                serde_json::json!({"line": 12, "column": 51})
            ),
        ]
    );
}

#[test]
fn serverless_json_has_no_suppression_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    // YAML reads the first line as a comment; the framework reads the file as JSON, which has
    // none, so the comment silences nothing there and is not checked either.
    let text = "# serverless-ls-ignore-file SLS302 SLS999\n{\"service\": \"svc\", \"provider\": {\"name\": \"aws\"}, \"functions\": {\"f\": {\"handler\": \"missing.f\"}}}\n";
    std::fs::write(dir.path().join("serverless.json"), text).expect("write");
    let out = run_in(
        dir.path(),
        &["check", "--format", "json", "--deny-warnings"],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let codes: Vec<_> = value["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, ["SLS302"]);
    // `--ignore` still applies.
    let ignored = run_in(
        dir.path(),
        &["check", "--deny-warnings", "--ignore", "SLS302"],
    );
    assert_eq!(ignored.code, 0, "{}", ignored.stdout);
}
