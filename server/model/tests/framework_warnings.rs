//! The validator reproduces the framework's schema warnings exactly: every oracle case
//! (`fixtures/oracle`, `sls package` output of v3.40.0) and every labelled corpus file
//! (`fixtures/corpus`, `sls print` output) gets the same `at '<path>': <message>` lines.

use sls_model::schema::framework_warnings;

use sls_test_support::fixtures;

fn ours(text: &str) -> Vec<String> {
    let parse = sls_syntax::parse(text);
    framework_warnings(parse.tree.view())
        .iter()
        .map(|w| w.framework_text())
        .collect()
}

/// The `at ...` lines the framework printed: the "Invalid configuration encountered" block
/// (default mode) or the "Configuration error" message (`configValidationMode: error`).
fn printed(output: &str) -> Vec<String> {
    let mut lines = output.lines();
    while let Some(line) = lines.next() {
        if line.contains("Invalid configuration encountered") {
            return lines
                .take_while(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_owned())
                .collect();
        }
        if let Some(rest) = line.strip_prefix("Configuration error") {
            if let Some(one) = rest.strip_prefix(' ') {
                return vec![one.trim().to_owned()];
            }
            return lines
                .take_while(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_owned())
                .collect();
        }
    }
    Vec::new()
}

/// Cases whose output cannot show the validator's result: validation switched off, or a
/// file the framework could not parse.
fn validated(config: &str, output: &str) -> bool {
    !config.contains("configValidationMode: off") && !output.contains("Cannot parse")
}

#[test]
fn every_oracle_case_gets_the_framework_warnings() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures().join("oracle")).expect("oracle") {
        let dir = entry.expect("entry").path();
        let (Ok(config), Ok(output)) = (
            std::fs::read_to_string(dir.join("serverless.yml")),
            std::fs::read_to_string(dir.join("sls-output.txt")),
        ) else {
            continue;
        };
        if !validated(&config, &output) {
            continue;
        }
        checked += 1;
        let expected = printed(&output);
        let found = ours(&config);
        if expected != found {
            failures.push(format!(
                "{}:\n  framework: {expected:?}\n  ours:      {found:?}",
                dir.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
    }
    assert!(checked >= 60, "only {checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_labelled_corpus_file_gets_the_framework_warnings() {
    let labels: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("corpus/labels.json")).expect("labels"),
    )
    .expect("json");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (case, label) in labels.as_object().expect("object") {
        if label["sls_exit"] != 0 {
            continue;
        }
        let config = std::fs::read_to_string(
            fixtures()
                .join("corpus/cases")
                .join(case)
                .join("serverless.yml"),
        )
        .expect("case");
        // The printed output is the reference: `labels.json` leaves out the `at root:` lines.
        let output = std::fs::read_to_string(
            fixtures()
                .join("corpus/cases")
                .join(case)
                .join("sls-print.txt"),
        )
        .expect("output");
        let expected = printed(&output);
        let labelled = label["schema_warnings"].as_array().map_or(0, Vec::len);
        assert!(
            expected.len() >= labelled,
            "{case}: fewer printed warnings than labels"
        );
        checked += 1;
        let found = ours(&config);
        if expected != found {
            failures.push(format!(
                "{case}:\n  framework: {expected:?}\n  ours:      {found:?}"
            ));
        }
    }
    assert!(checked >= 110, "only {checked} files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
