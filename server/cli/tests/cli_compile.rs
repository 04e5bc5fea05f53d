//! `serverless-ls compile` end to end over the oracle cases: the same verdict as the framework
//! (template or refusal) and the same resources.

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use support::run;

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(support::repo().join("fixtures/oracle"))
        .expect("oracle")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("serverless.yml").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// Resource ids with the packaging-only parts masked (Lambda version hash, REST deployment time).
fn resource_ids(template: &Value) -> Vec<String> {
    let mut ids: Vec<String> = template["Resources"]
        .as_object()
        .map(|r| r.keys().cloned().collect())
        .unwrap_or_default();
    for id in &mut ids {
        for marker in ["LambdaVersion", "ApiGatewayDeployment"] {
            if let Some(at) = id.find(marker) {
                id.truncate(at + marker.len());
            }
        }
    }
    ids.sort();
    ids
}

/// The options the framework ran the case with (`cli-args.txt` without the command, else
/// `generate.py`'s default `--stage dev --region us-east-1`).
fn cli_args(case: &str) -> Vec<String> {
    let dir = support::repo().join("fixtures/oracle").join(case);
    let text = std::fs::read_to_string(dir.join("cli-args.txt"))
        .unwrap_or_else(|_| "package\n--stage\ndev\n--region\nus-east-1\n".to_owned());
    text.lines()
        .map(str::trim)
        .filter(|arg| !arg.is_empty() && *arg != "package")
        .map(str::to_owned)
        .collect()
}

#[test]
fn compile_agrees_with_the_framework_on_every_oracle_case() {
    let mut failures = Vec::new();
    let mut templates = 0;
    let mut refusals = 0;
    for case in cases() {
        let dir = format!("fixtures/oracle/{case}");
        let golden = std::fs::read_to_string(support::repo().join(&dir).join("template.json")).ok();
        let mut args = vec!["compile".to_owned(), dir.clone()];
        args.extend(cli_args(&case));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        match golden {
            Some(golden) => {
                templates += 1;
                let golden: Value = serde_json::from_str(&golden).expect("golden");
                match serde_json::from_str::<Value>(&out.stdout) {
                    Ok(ours) if out.code == 0 => {
                        if resource_ids(&ours) != resource_ids(&golden) {
                            failures.push(format!("{case}: resource ids differ"));
                        }
                    }
                    _ => failures.push(format!("{case}: exit {} {}", out.code, out.stderr)),
                }
            }
            None => {
                refusals += 1;
                if out.code != 1 || !out.stderr.contains("error[SLS") || !out.stdout.is_empty() {
                    failures.push(format!("{case}: expected a refusal, got exit {}", out.code));
                }
            }
        }
    }
    println!("compared {templates} templates and {refusals} refusals");
    assert!(templates >= 55 && refusals >= 8, "{templates} / {refusals}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn compile_refuses_with_the_checker_diagnostic() {
    let out = run(&["compile", "fixtures/oracle/bad-authorizer-missing-function"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("error[SLS202]"), "{}", out.stderr);
    let out = run(&[
        "compile",
        "fixtures/oracle/bad-unknown-websocket-key-error-mode",
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("error[SLS101]"), "{}", out.stderr);
}

#[test]
fn compile_with_problems_the_framework_packages_still_prints_a_template() {
    let out = run(&["compile", "fixtures/oracle/bad-authorizer-on-disconnect"]);
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("error[SLS201]"), "{}", out.stderr);
    let template: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(
        template["Resources"]["SdisconnectWebsocketsRoute"]["Properties"]["AuthorizationType"],
        "CUSTOM"
    );
}

#[test]
fn compile_names_the_events_it_leaves_out() {
    let out = run(&[
        "compile",
        "fixtures/rules/SLS106-event-not-compiled/invalid.yml",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("hint[SLS106]"), "{}", out.stderr);
    assert!(out.stderr.contains("'stepFunctionsTask'"), "{}", out.stderr);
    let template: Value = serde_json::from_str(&out.stdout).expect("json");
    assert!(template["Resources"]["WorkerLambdaFunction"].is_object());
}

#[test]
fn stage_option_and_placeholders() {
    let out = run(&[
        "compile",
        "fixtures/oracle/string-connect",
        "--stage",
        "prod",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let template: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(
        template["Resources"]["WebsocketsApi"]["Properties"]["Name"],
        "prod-ws-oracle-websockets"
    );
    let text = out.stdout;
    assert!(text.contains("0000000000000-1970-01-01T00:00:00.000Z"));
    assert!(text.contains("ConnectLambdaVersionNOTCOMPUTED"));
    assert!(text.contains("\"CodeSha256\": \"NOTCOMPUTED\""));
}

#[test]
fn yaml_format_and_usage_errors() {
    let out = run(&[
        "compile",
        "fixtures/oracle/string-connect",
        "--format",
        "yaml",
    ]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("  WebsocketsApi:\n    Type: \"AWS::ApiGatewayV2::Api\""),
        "{}",
        out.stdout
    );
    assert_eq!(run(&["compile", "--format", "xml"]).code, 2);
    assert_eq!(run(&["compile", "a", "b"]).code, 2);
    assert_eq!(run(&["compile", "does/not/exist"]).code, 2);
    let help = run(&["compile", "--help"]);
    assert!(help.stdout.contains("NOTCOMPUTED"));
}

/// Compiles `n1000` (large enough to run again with the large heap) as a user would, or with
/// `GLIBC_TUNABLES` already set (then it runs in the first process).
fn compile_large(again: bool) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_serverless-ls"));
    command
        .args(["compile", "fixtures/bench/n1000"])
        .current_dir(support::repo())
        .env("NO_COLOR", "1");
    if again {
        command.env_remove("GLIBC_TUNABLES");
    } else {
        command.env("GLIBC_TUNABLES", "glibc.malloc.perturb=0");
    }
    command.output().expect("the binary runs")
}

#[test]
fn a_large_compile_run_again_with_the_large_heap_prints_the_same() {
    let again = compile_large(true);
    let here = compile_large(false);
    assert_eq!(again.status.code(), here.status.code());
    assert!(
        again.stdout.len() > 1_000_000,
        "a template: {} bytes",
        again.stdout.len()
    );
    assert!(again.stdout == here.stdout, "the templates differ");
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        String::from_utf8_lossy(&here.stderr)
    );
}
