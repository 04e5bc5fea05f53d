//! Variables end to end through the real binary: a service written with variables checks and
//! compiles exactly as its literal twin, problems in included files are reported under their own
//! path, `--stage`/`--param` reach the resolution, files outside the project are never read.

#[path = "cli_support.rs"]
mod support;

use std::path::Path;

use serde_json::Value;
use support::{run, run_in};

const VARIABLES: &str = "fixtures/oracle/vars-websocket-settings";
const LITERAL: &str = "fixtures/oracle/vars-websocket-settings-literal";

/// Codes and severities of a `check --format json` run, in order, with the exit status.
fn codes(path: &str) -> (i32, Vec<String>) {
    let out = run(&["check", "--format", "json", path]);
    let report: Value = serde_json::from_str(&out.stdout).expect("json report");
    let codes = report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| format!("{} {}", d["code"], d["severity"]))
        .collect();
    (out.code, codes)
}

#[test]
fn a_service_written_with_variables_checks_and_compiles_as_its_literal_twin() {
    assert_eq!(codes(VARIABLES), codes(LITERAL));
    let with_variables = run(&["compile", VARIABLES]);
    let literal = run(&["compile", LITERAL]);
    assert_eq!(with_variables.code, 0, "{}", with_variables.stderr);
    assert_eq!(literal.code, 0, "{}", literal.stderr);
    assert_eq!(with_variables.stdout, literal.stdout);
    let template: Value = serde_json::from_str(&literal.stdout).expect("template");
    let api = &template["Resources"]["WebsocketsApi"]["Properties"];
    assert_eq!(api["Name"], "ws-vars-dev-sockets");
    assert_eq!(api["Description"], "Chat for dev");
}

#[test]
fn stage_and_params_reach_the_variables() {
    let out = run(&[
        "compile",
        VARIABLES,
        "--stage",
        "prod",
        "--param",
        "apiSuffix=live",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let template: Value = serde_json::from_str(&out.stdout).expect("template");
    let api = &template["Resources"]["WebsocketsApi"]["Properties"];
    assert_eq!(api["Name"], "ws-vars-prod-live");
    assert_eq!(api["Description"], "Chat for prod");
    let bad = run(&["check", VARIABLES, "--param", "no-value"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("KEY=VALUE"), "{}", bad.stderr);
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, text).expect("file");
}

#[test]
fn problems_in_included_files_are_reported_where_they_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path();
    write(&project.join(".git/HEAD"), "ref: refs/heads/main\n");
    write(
        &project.join("svc/serverless.yml"),
        "service: chat\nprovider:\n  name: aws\ncustom: ${file(../common/custom.yml)}\nfunctions: ${file(./functions.yml)}\n",
    );
    write(&project.join("common/custom.yml"), "route: $disconnect\n");
    write(
        &project.join("svc/functions.yml"),
        "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        route: ${self:custom.route}\n        authorizer: auth\nauth:\n  handler: handler.auth\n",
    );
    write(&project.join("svc/handler.js"), "");
    let out = run_in(project, &["check", "svc"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("svc/functions.yml:6:9: error[SLS201]"),
        "{}",
        out.stdout
    );
    let json = run_in(project, &["check", "--format", "json", "svc"]);
    let report: Value = serde_json::from_str(&json.stdout).expect("json");
    let paths: Vec<&str> = report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths, ["svc/serverless.yml", "svc/functions.yml"]);
}

#[test]
fn files_outside_the_project_are_never_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("project");
    write(&dir.path().join("secret.yml"), "token: s3cr3t-value\n");
    write(&project.join(".git/HEAD"), "ref: refs/heads/main\n");
    write(
        &project.join("serverless.yml"),
        "service: chat\nprovider:\n  name: aws\ncustom:\n  a: ${file(../secret.yml):token}\n  b: ${file(./link.yml):token}\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.yml"), project.join("link.yml"))
        .expect("symlink");
    let out = run_in(&project, &["check", "--format", "json", "."]);
    assert!(!out.stdout.contains("s3cr3t"), "{}", out.stdout);
    let report: Value = serde_json::from_str(&out.stdout).expect("json");
    let codes: Vec<String> = report["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    let expected = if cfg!(unix) {
        vec!["SLS406", "SLS406"]
    } else {
        vec!["SLS406"]
    };
    assert_eq!(codes, expected);
    let compiled = run_in(&project, &["compile", "."]);
    assert_eq!(compiled.code, 1);
    assert!(!compiled.stdout.contains("s3cr3t") && !compiled.stderr.contains("s3cr3t"));
}

#[test]
fn values_only_aws_knows_stay_as_written_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("serverless.yml"),
        "service: chat\nprovider:\n  name: aws\n  websocketsDescription: ${ssm:/chat/description}\nfunctions:\n  connect:\n    handler: handler.connect\n    events:\n      - websocket: $connect\n",
    );
    write(&dir.path().join("handler.js"), "");
    let out = run_in(dir.path(), &["compile", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("serverless.yml:4:26: warning: ${ssm:/chat/description} stays as written"),
        "{}",
        out.stderr
    );
    let template: Value = serde_json::from_str(&out.stdout).expect("template");
    assert_eq!(
        template["Resources"]["WebsocketsApi"]["Properties"]["Description"],
        "${ssm:/chat/description}"
    );
}

#[test]
fn a_related_location_in_another_file_names_that_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path();
    write(
        &project.join("serverless.yml"),
        "service: chat\nprovider:\n  name: aws\nfunctions:\n  one:\n    handler: handler.one\n    events:\n      - websocket: sendMessage\n  two: ${file(./two.yml)}\n",
    );
    write(
        &project.join("two.yml"),
        "handler: handler.two\nevents:\n  - websocket: sendMessage\n",
    );
    write(&project.join("handler.js"), "");
    let out = run_in(project, &["check", "--format", "json", "."]);
    let report: Value = serde_json::from_str(&out.stdout).expect("json");
    let mut places = Vec::new();
    for file in report["files"].as_array().into_iter().flatten() {
        for diagnostic in file["diagnostics"].as_array().into_iter().flatten() {
            let related = &diagnostic["related"][0];
            places.push(format!(
                "{} {}:{} related {}:{}",
                diagnostic["code"].as_str().unwrap_or_default(),
                file["path"].as_str().unwrap_or_default(),
                diagnostic["range"]["start"]["line"],
                related["path"].as_str().unwrap_or_default(),
                related["range"]["start"]["line"],
            ));
        }
    }
    assert_eq!(places, ["SLS209 two.yml:3 related serverless.yml:8"]);
    let human = run_in(project, &["check", "."]);
    assert!(
        human
            .stdout
            .contains("is first used here (serverless.yml:8:20)"),
        "{}",
        human.stdout
    );
}

#[test]
fn an_included_file_that_does_not_parse_is_reported_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("serverless.yml"),
        "service: chat\nprovider:\n  name: aws\ncustom: ${file(./custom.yml)}\n",
    );
    write(
        &dir.path().join("custom.yml"),
        "a: [1, 2\nb: !Transform {Name: x}\n",
    );
    let out = run_in(dir.path(), &["check", "."]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("custom.yml:"), "{}", out.stdout);
    assert!(out.stdout.contains("error[SLS001]"), "{}", out.stdout);
}

#[test]
fn a_file_two_configs_include_is_reported_once_with_the_findings_of_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path();
    write(&project.join(".git/HEAD"), "ref: refs/heads/main\n");
    for (service, route) in [("svc-a", "$disconnect"), ("svc-b", "$default")] {
        write(
            &project.join(format!("{service}/serverless.yml")),
            &format!(
                "service: {service}\nprovider:\n  name: aws\ncustom:\n  route: {route}\nfunctions: ${{file(../common/functions.yml)}}\n"
            ),
        );
        write(&project.join(format!("{service}/handler.js")), "");
    }
    write(
        &project.join("common/functions.yml"),
        "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        route: ${self:custom.route}\n        authorizer: auth\nauth:\n  handler: handler.auth\n",
    );
    let out = run_in(project, &["check", "--threads", "2", "svc-a", "svc-b"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let shared: Vec<&str> = out
        .stdout
        .lines()
        .filter(|line| line.starts_with("common/functions.yml:"))
        .collect();
    assert_eq!(shared.len(), 2, "{}", out.stdout);
    assert!(
        shared.iter().any(|l| l.contains("$disconnect")),
        "{}",
        out.stdout
    );
    assert!(
        shared.iter().any(|l| l.contains("$default")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Found 2 errors, 0 warnings in 3 files."),
        "{}",
        out.stdout
    );
}
