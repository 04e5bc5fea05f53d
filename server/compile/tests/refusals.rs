//! Every case of `fixtures/compile-cases/` the framework refused (no template): compiling it
//! fails too, every error points at a config node, and where the framework stopped with its own
//! message (not an internal `TypeError`), one of ours says the same.

mod support;

use std::fs;

/// The framework's error message in a run's output: the lines after `Error:` up to a blank
/// line or the exit line.
fn framework_message(output: &str) -> Option<String> {
    let mut lines = output.lines().skip_while(|l| *l != "Error:");
    lines.next()?;
    let message: Vec<&str> = lines
        .take_while(|l| !l.is_empty() && !l.starts_with("exit: "))
        .collect();
    Some(message.join("\n"))
}

/// A JavaScript exception from inside the framework rather than a refusal it words itself.
fn is_internal(message: &str) -> bool {
    ["TypeError:", "ReferenceError:", "RangeError:"]
        .iter()
        .any(|p| message.starts_with(p))
}

#[test]
fn refused_cases_are_refused_with_the_framework_message() {
    let mut failures = Vec::new();
    let mut refused = 0;
    for case in support::case_dirs("compile-cases/cases", "serverless.yml") {
        if case.join("template.json").is_file() {
            continue;
        }
        refused += 1;
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let yaml = fs::read_to_string(case.join("serverless.yml")).expect("readable yml");
        let output = fs::read_to_string(case.join("sls-output.txt")).expect("the run's output");
        let Err(errors) = support::compile_text(&yaml, &support::case_options(&case)) else {
            failures.push(format!("{name}: compiled, the framework refused it"));
            continue;
        };
        if let Some(error) = errors.iter().find(|e| e.node.is_none()) {
            failures.push(format!("{name}: error without a config node: {error}"));
        }
        let Some(expected) = framework_message(&output) else {
            failures.push(format!("{name}: no `Error:` in sls-output.txt"));
            continue;
        };
        if !is_internal(&expected) && !errors.iter().any(|e| e.message == expected) {
            let ours: Vec<String> = errors.iter().map(ToString::to_string).collect();
            failures.push(format!(
                "{name}: the framework says {expected:?}, we say {ours:?}"
            ));
        }
    }
    assert!(refused >= 3, "the refused cases were not found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
