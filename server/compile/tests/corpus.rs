//! Compiles every real service of `fixtures/corpus-compile/` (variables resolved by sls-vars
//! against the service's folder, stage `dev`, region `us-east-1`, no environment) and compares
//! the template with the one Serverless Framework v3.40.0 wrote (after the oracle's
//! normalisation): prints
//! `identical: X/Y` and the differing resources; fails when a service outside `KNOWN_DIFFERENT`
//! differs, or a listed one became identical (the list may only shrink).

mod support;

use std::fs;
use std::path::PathBuf;

use serde_json::Value;
use sls_compile::CompileOptions;

use support::normalize::normalize;

/// Services whose template still differs, each with the reason (none: every service is
/// identical once its variables are resolved as the framework resolves them).
const KNOWN_DIFFERENT: &[(&str, &str)] = &[];

fn case_dirs() -> Vec<PathBuf> {
    support::case_dirs("corpus-compile", "template.json")
}

/// The ids of the differing resources and outputs, with the first differences of each.
fn differing(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for section in ["Resources", "Outputs"] {
        let empty = serde_json::Map::new();
        let e = expected
            .get(section)
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let a = actual
            .get(section)
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (id, ev) in e {
            match a.get(id) {
                None => out.push(format!("{section}.{id}: missing")),
                Some(av) if av != ev => {
                    let mut diffs = Vec::new();
                    support::compare::differences(ev, av, "", &mut diffs);
                    let shown: Vec<&str> = diffs.iter().take(3).map(String::as_str).collect();
                    out.push(format!("{section}.{id}: {}", shown.join("; ")));
                }
                Some(_) => {}
            }
        }
        for id in a.keys().filter(|id| !e.contains_key(*id)) {
            out.push(format!("{section}.{id}: unexpected"));
        }
    }
    for section in ["Resources", "Outputs"] {
        let keys = |t: &Value| -> Vec<String> {
            t.get(section)
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        if out.is_empty() && keys(expected) != keys(actual) {
            out.push(format!(
                "{section} order: {:?}, got {:?}",
                keys(expected),
                keys(actual)
            ));
        }
    }
    for key in [
        "AWSTemplateFormatVersion",
        "Description",
        "Conditions",
        "Parameters",
        "Mappings",
    ] {
        if expected.get(key) != actual.get(key) {
            out.push(format!("{key}: differs"));
        }
    }
    out
}

#[test]
fn corpus_services_compile_like_the_framework() {
    let options = CompileOptions {
        stage: Some("dev".into()),
        region: Some("us-east-1".into()),
    };
    let mut identical = Vec::new();
    let mut different = Vec::new();
    for case in case_dirs() {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let golden: Value =
            serde_json::from_str(&fs::read_to_string(case.join("template.json")).expect("golden"))
                .expect("golden is JSON");
        let diffs = match support::compile_resolved(&case, &options) {
            Ok(actual) => differing(&normalize(&golden, false), &normalize(&actual, false)),
            Err(errors) => vec![format!("failed: {errors}")],
        };
        if diffs.is_empty() {
            identical.push(name);
        } else {
            different.push((name, diffs));
        }
    }
    let total = identical.len() + different.len();
    println!("identical: {}/{total}", identical.len());
    for (name, diffs) in &different {
        println!("{name}:");
        for d in diffs.iter().take(12) {
            println!("    {d}");
        }
        if diffs.len() > 12 {
            println!("    … {} more", diffs.len() - 12);
        }
    }
    assert_eq!(total, 74, "the corpus has 74 packaged services");
    let known = |name: &str| KNOWN_DIFFERENT.iter().any(|(n, _)| *n == name);
    let regressions: Vec<&str> = different
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| !known(n))
        .collect();
    let fixed: Vec<&str> = identical
        .iter()
        .map(String::as_str)
        .filter(|n| known(n))
        .collect();
    assert!(regressions.is_empty(), "now differing: {regressions:?}");
    assert!(
        fixed.is_empty(),
        "now identical, remove from KNOWN_DIFFERENT: {fixed:?}"
    );
}
