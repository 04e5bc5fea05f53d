//! Every case of `fixtures/compile-cases/` (written for this compiler, one per event type and
//! option family; goldens from serverless@3.40.0 made by `generate.py`): where the framework
//! wrote a template, ours must equal it after the oracle's normalisation; where it stopped,
//! compiling must fail too.

mod support;

use std::fs;

use serde_json::Value;

use support::normalize::normalize;

fn exit_code(output: &str) -> Option<i32> {
    output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("exit: "))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn compile_cases_match_the_framework() {
    let mut identical = 0;
    let mut failures = Vec::new();
    let cases = support::case_dirs("compile-cases/cases", "serverless.yml");
    for case in &cases {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let yaml = fs::read_to_string(case.join("serverless.yml")).expect("readable yml");
        let output = fs::read_to_string(case.join("sls-output.txt")).expect("the run's output");
        let result = support::compile_text(&yaml, &support::case_options(case));
        match fs::read_to_string(case.join("template.json")) {
            Ok(golden) => {
                let golden: Value = serde_json::from_str(&golden).expect("golden is JSON");
                match result {
                    Ok(actual) => {
                        let (golden, actual) =
                            (normalize(&golden, false), normalize(&actual, false));
                        let mut diffs = Vec::new();
                        support::compare::differences(&golden, &actual, "", &mut diffs);
                        for section in ["Resources", "Outputs"] {
                            let keys = |t: &Value| -> Vec<String> {
                                t.get(section)
                                    .and_then(Value::as_object)
                                    .map(|m| m.keys().cloned().collect())
                                    .unwrap_or_default()
                            };
                            if diffs.is_empty() && keys(&golden) != keys(&actual) {
                                diffs.push(format!(
                                    "{section} order {:?}, got {:?}",
                                    keys(&golden),
                                    keys(&actual)
                                ));
                            }
                        }
                        if diffs.is_empty() {
                            identical += 1;
                        } else {
                            let shown: Vec<&str> =
                                diffs.iter().take(10).map(String::as_str).collect();
                            failures.push(format!(
                                "{name}: {} differences\n    {}",
                                diffs.len(),
                                shown.join("\n    ")
                            ));
                        }
                    }
                    Err(errors) => failures.push(format!("{name}: compile failed: {errors:?}")),
                }
            }
            Err(_) => {
                assert_ne!(
                    exit_code(&output),
                    Some(0),
                    "{name}: no template but exit 0"
                );
                match result {
                    Err(errors) => {
                        identical += 1;
                        for e in errors {
                            println!("{name}: refused: {e}");
                        }
                    }
                    Ok(_) => failures.push(format!(
                        "{name}: the framework refused it, compile returned a template"
                    )),
                }
            }
        }
    }
    println!("identical: {identical}/{}", cases.len());
    assert!(cases.len() >= 5, "the compile cases were not found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
