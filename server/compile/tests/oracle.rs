//! Compiles every case of `fixtures/oracle/` and compares it with the template the real tool
//! wrote (normalised like `normalize.py`): the websocket contribution (Deployment hash and key
//! order included) must match for every case, the whole template for every case without
//! `http` events; where the tool failed, `compile` must fail too. Variables are resolved first,
//! as the tool ran the case (its files, its command line).

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sls_compile::CompileOptions;

use support::normalize::normalize;

fn oracle_dir() -> PathBuf {
    sls_test_support::fixtures().join("oracle")
}

fn case_dirs() -> Vec<PathBuf> {
    support::case_dirs("oracle", "serverless.yml")
}

fn options_for(case: &Path) -> CompileOptions {
    let options = support::case_cli_options(case);
    CompileOptions {
        stage: options.stage,
        region: options.region,
    }
}

fn exit_code(case: &Path) -> Option<i32> {
    let output = fs::read_to_string(case.join("sls-output.txt")).ok()?;
    output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("exit: "))
        .and_then(|n| n.trim().parse().ok())
}

fn has_http_events(config: &Value) -> bool {
    config
        .get("functions")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|f| f.values())
        .filter_map(|f| f.get("events").and_then(Value::as_array))
        .flatten()
        .any(|e| e.get("http").is_some())
}

/// Objects whose keys are the same but in another order.
fn order_differences(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let ek: Vec<&String> = e.keys().collect();
            let ak: Vec<&String> = a.keys().collect();
            if ek != ak {
                out.push(format!("{path}: key order {ek:?}, got {ak:?}"));
            }
            for (k, ev) in e {
                if let Some(av) = a.get(k) {
                    order_differences(ev, av, &format!("{path}/{k}"), out);
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                order_differences(ev, av, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn report(case: &str, what: &str, diffs: &[String], failures: &mut Vec<String>) {
    if diffs.is_empty() {
        return;
    }
    let shown: Vec<&str> = diffs.iter().take(8).map(String::as_str).collect();
    failures.push(format!(
        "{case}: {what} differs ({} differences):\n    {}",
        diffs.len(),
        shown.join("\n    ")
    ));
}

#[test]
fn oracle_cases() {
    let mut compared = 0;
    let mut identical_whole = 0;
    let mut identical_websocket = 0;
    let mut expected_errors = 0;
    let mut failures = Vec::new();
    let mut whole_mismatches_allowed = Vec::new();
    for case in case_dirs() {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let yaml = fs::read_to_string(case.join("serverless.yml")).expect("readable yml");
        if name == "bad-yaml-syntax" {
            continue; // the checker's business: no config to compile
        }
        let result = support::compile_case(&case, &yaml, &options_for(&case));
        let golden = fs::read_to_string(case.join("template.json")).ok();
        let Some(golden) = golden else {
            let error_mode = yaml.contains("configValidationMode: error");
            if exit_code(&case) == Some(1) && !error_mode {
                expected_errors += 1;
                match &result {
                    Err(errors) => {
                        for e in errors {
                            println!("{name}: Err: {e}");
                        }
                    }
                    Ok(_) => failures.push(format!("{name}: the tool failed, compile returned Ok")),
                }
            }
            continue;
        };
        compared += 1;
        let golden: Value = serde_json::from_str(&golden).expect("golden is JSON");
        let actual = match result {
            Ok(t) => t,
            Err(errors) => {
                failures.push(format!("{name}: compile failed: {errors:?}"));
                continue;
            }
        };

        // The websocket contribution: structure, then key order (the hash depends on it).
        let (ew, aw) = (normalize(&golden, true), normalize(&actual, true));
        let mut diffs = Vec::new();
        support::compare::differences(&ew, &aw, "", &mut diffs);
        order_differences(&ew, &aw, "", &mut diffs);
        let ws_ids = |t: &Value| -> Vec<String> {
            t.get("Resources")
                .and_then(Value::as_object)
                .map(|r| r.keys().cloned().collect())
                .unwrap_or_default()
        };
        if ws_ids(&ew) != ws_ids(&aw) {
            diffs.push(format!(
                "resource order {:?}, got {:?}",
                ws_ids(&ew),
                ws_ids(&aw)
            ));
        }
        if diffs.is_empty() {
            identical_websocket += 1;
        }
        report(&name, "websocket contribution", &diffs, &mut failures);

        // The whole template.
        let (ef, af) = (normalize(&golden, false), normalize(&actual, false));
        let mut diffs = Vec::new();
        support::compare::differences(&ef, &af, "", &mut diffs);
        order_differences(&ef, &af, "", &mut diffs);
        if diffs.is_empty() {
            identical_whole += 1;
        } else if has_http_events(&support::config_of(&yaml)) {
            let mut notes = Vec::new();
            report(
                &name,
                "whole template (has http events)",
                &diffs,
                &mut notes,
            );
            whole_mismatches_allowed.extend(notes);
        } else {
            report(&name, "whole template", &diffs, &mut failures);
        }
    }
    println!(
        "compared {compared}, identical whole {identical_whole}, identical websocket-only {identical_websocket}; expected errors {expected_errors}"
    );
    for note in &whole_mismatches_allowed {
        println!("note: {note}");
    }
    assert!(compared > 50, "the oracle cases were not found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn snapshot_of_a_full_template() {
    let case = oracle_dir().join("authorizer-function-string");
    let yaml = fs::read_to_string(case.join("serverless.yml")).expect("readable yml");
    let template = support::compile_case(&case, &yaml, &options_for(&case)).expect("compiles");
    insta::assert_json_snapshot!("authorizer-function-string", template);
}

/// `check_deployment_ids.py`: the hash rule recomputes the id of every golden Deployment
/// (except `user-resources-override`, whose user overrides were merged after the hash).
#[test]
fn deployment_hash_reproduces_the_golden_ids() {
    let mut checked = 0;
    for case in case_dirs() {
        let Ok(text) = fs::read_to_string(case.join("template.json")) else {
            continue;
        };
        let golden: Value = serde_json::from_str(&text).expect("golden is JSON");
        let Some(resources) = golden.get("Resources").and_then(Value::as_object) else {
            continue;
        };
        let is_deployment = |r: &Value| {
            r.get("Type").and_then(Value::as_str) == Some("AWS::ApiGatewayV2::Deployment")
        };
        let Some(actual) = resources
            .iter()
            .find(|(_, r)| is_deployment(r))
            .map(|(k, _)| k)
        else {
            continue;
        };
        let mut before = serde_json::Map::new();
        for (id, resource) in resources.iter().filter(|(_, r)| !is_deployment(r)) {
            let mut resource = resource.clone();
            if id == "WebsocketsDeploymentStage" {
                if let Some(Value::Object(p)) = resource.get_mut("Properties") {
                    p.shift_remove("DeploymentId");
                }
            }
            before.insert(id.clone(), resource);
        }
        let expected = format!(
            "WebsocketsDeployment{}",
            sls_compile::deployment_hash(&before)
        );
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.as_deref() == Some("user-resources-override") {
            assert_ne!(&expected, actual);
        } else {
            assert_eq!(&expected, actual, "{name:?}");
        }
        checked += 1;
    }
    assert_eq!(checked, 58);
}
