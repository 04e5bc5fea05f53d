//! Real-world configs (`fixtures/corpus`, labelled by Serverless Framework v3.40.0): no file the
//! framework accepts may get an error from us, and none may crash or refuse to compile for a
//! reason the framework does not have.

mod support;

use sls_analysis::{Analysis, Environment, NoFiles, Settings};
use sls_diagnostics::Severity;

fn labels() -> serde_json::Value {
    let text =
        std::fs::read_to_string(support::fixtures().join("corpus/labels.json")).expect("labels");
    serde_json::from_str(&text).expect("labels json")
}

/// How the labels were made: `sls print --stage dev --region us-east-1`, each file alone in
/// an empty folder, no environment variables of its own.
fn labelled_environment() -> Environment<'static> {
    let mut environment = Environment::isolated(&NoFiles);
    environment.settings = Settings {
        stage: Some("dev".to_owned()),
        region: Some("us-east-1".to_owned()),
        params: Vec::new(),
        ignore: Vec::new(),
    };
    environment
}

/// Files `sls package` accepts but AWS refuses to deploy, with the deploy-limit error we give
/// (the name the framework gives the execution role or a function is over IAM's or Lambda's
/// 64 characters at stage `dev`, region `us-east-1`). The list is exact: it may not grow or
/// shrink unnoticed.
const REFUSED_AT_DEPLOY: &[(&str, &str)] = &[
    ("ex-aws-golang-dynamo-stream-to-elasticsearch", "SLS503"),
    ("ex-aws-node-auth0-cognito-custom-authorizers-api", "SLS502"),
    ("ex-aws-node-auth0-cognito-custom-authorizers-api", "SLS503"),
];

/// Whether an error is one of [`REFUSED_AT_DEPLOY`]'s (and so not a failure); notes it as seen.
fn refused_at_deploy(case: &str, code: &str, seen: &mut Vec<(String, String)>) -> bool {
    let listed = REFUSED_AT_DEPLOY.contains(&(case, code));
    if listed {
        seen.push((case.to_owned(), code.to_owned()));
    }
    listed
}

fn assert_refused_at_deploy(mut seen: Vec<(String, String)>) {
    seen.sort();
    seen.dedup();
    let mut expected: Vec<(String, String)> = REFUSED_AT_DEPLOY
        .iter()
        .map(|(case, code)| ((*case).to_owned(), (*code).to_owned()))
        .collect();
    expected.sort();
    assert_eq!(seen, expected, "deploy-limit errors on accepted files");
}

#[test]
fn files_the_framework_accepts_get_no_error() {
    let labels = labels();
    let cases = labels.as_object().expect("object");
    let mut failures = Vec::new();
    let mut refused = Vec::new();
    let mut accepted = 0;
    for (case, label) in cases {
        let path = support::fixtures()
            .join("corpus/cases")
            .join(case)
            .join("serverless.yml");
        let text = std::fs::read_to_string(&path).expect("case");
        let analysis = Analysis::in_environment(&text, &labelled_environment());
        if label["sls_exit"] != 0 {
            continue;
        }
        accepted += 1;
        for diagnostic in analysis.diagnostics() {
            if diagnostic.severity == Severity::Error
                && !refused_at_deploy(case, diagnostic.code.as_str(), &mut refused)
            {
                let line = analysis
                    .line_index()
                    .line_col(diagnostic.range.start())
                    .line
                    + 1;
                failures.push(format!(
                    "{case}:{line}: {} {}",
                    diagnostic.code.as_str(),
                    diagnostic.message
                ));
            }
        }
        if label["schema_warnings"]
            .as_array()
            .is_some_and(Vec::is_empty)
            && analysis.model().is_aws()
            && analysis.compile(analysis.settings()).is_err()
        {
            failures.push(format!(
                "{case}: the framework packages it but compile refuses"
            ));
        }
    }
    assert!(accepted >= 100, "only {accepted} accepted files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_refused_at_deploy(refused);
}

/// The `at '<path>': <message>` lines the framework printed for a corpus file.
fn printed_warnings(case: &str) -> Vec<(String, String)> {
    let path = support::fixtures()
        .join("corpus/cases")
        .join(case)
        .join("sls-print.txt");
    let output = std::fs::read_to_string(path).unwrap_or_default();
    let mut lines = output.lines();
    if !lines.any(|l| l.contains("Invalid configuration encountered")) {
        return Vec::new();
    }
    lines
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let rest = l.trim().strip_prefix("at ")?;
            let (location, message) = rest.split_once(": ")?;
            let location = location.trim_matches('\'');
            let location = if location == "root" { "" } else { location };
            Some((location.to_owned(), message.to_owned()))
        })
        .collect()
}

/// The text without its top-level `plugins:` entry, as the corpus was labelled.
fn without_plugins(text: &str) -> String {
    let parse = sls_syntax::parse(text);
    let entry = parse.tree.root().and_then(|root| root.get_entry("plugins"));
    let Some((key, value)) = entry else {
        return text.to_owned();
    };
    let start = usize::from(key.range().start());
    let end = usize::from(value.range().end().max(key.range().end()));
    format!("{}{}", &text[..start], &text[end..])
}

/// The span (key start to value end) of the node at a dotted config path.
fn span_at(analysis: &Analysis, dotted: &str) -> Option<(u32, u32)> {
    let mut node = analysis.parse().tree.root()?.resolve();
    let mut span = (
        u32::from(node.range().start()),
        u32::from(node.range().end()),
    );
    for part in dotted.split('.').filter(|p| !p.is_empty()) {
        let (key_start, value) = match part.parse::<usize>() {
            Ok(index) if node.is_sequence() => {
                let item = node.items().nth(index)?;
                (item.range().start(), item)
            }
            _ => {
                let (key, value) = node.get_entry(part)?;
                (key.range().start(), value)
            }
        };
        span = (
            u32::from(key_start),
            u32::from(value.range().end().max(key_start)),
        );
        node = value.resolve();
    }
    Some(span)
}

#[test]
fn every_framework_warning_has_our_diagnostic_at_its_path() {
    let labels = labels();
    let mut matched = 0;
    let mut total = 0;
    let mut missed = Vec::new();
    let mut clean_errors = Vec::new();
    let mut refused = Vec::new();
    let mut files = 0;
    for (case, label) in labels.as_object().expect("object") {
        if label["sls_exit"] != 0 {
            continue;
        }
        files += 1;
        let path = support::fixtures()
            .join("corpus/cases")
            .join(case)
            .join("serverless.yml");
        let text = without_plugins(&std::fs::read_to_string(&path).expect("case"));
        let analysis = Analysis::in_environment(&text, &labelled_environment());
        let warnings = printed_warnings(case);
        if warnings.is_empty() {
            for d in analysis.diagnostics() {
                if d.severity == Severity::Error
                    && !refused_at_deploy(case, d.code.as_str(), &mut refused)
                {
                    clean_errors.push(format!("{case}: {} {}", d.code.as_str(), d.message));
                }
            }
        }
        for (location, message) in warnings {
            total += 1;
            let found = span_at(&analysis, &location).is_some_and(|(start, end)| {
                analysis.diagnostics().iter().any(|d| {
                    let at = u32::from(d.range.start());
                    start <= at
                        && at <= end
                        && (d.code.is_schema_check()
                            || d.code == sls_diagnostics::Code::MissingRequiredKey)
                })
            });
            if found {
                matched += 1;
            } else {
                missed.push(format!("{case}: at '{location}': {message}"));
            }
        }
    }
    println!(
        "corpus: {files} files the framework accepts, {} errors on clean files, {matched} of {total} framework warnings matched",
        clean_errors.len()
    );
    assert!(total >= 17, "only {total} framework warnings found");
    assert!(clean_errors.is_empty(), "{}", clean_errors.join("\n"));
    assert_refused_at_deploy(refused);
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

/// The config path of every "Cannot resolve variable at \"path\"" in the framework's error.
fn unresolvable_paths(error: &str) -> Vec<String> {
    error
        .split("Cannot resolve variable at \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn files_refused_for_their_variables_get_a_variable_diagnostic_at_each_place() {
    let labels = labels();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (case, label) in labels.as_object().expect("object") {
        let error = label["sls_error"].as_str().unwrap_or_default();
        let paths = unresolvable_paths(error);
        if paths.is_empty() {
            continue;
        }
        let path = support::fixtures()
            .join("corpus/cases")
            .join(case)
            .join("serverless.yml");
        let text = std::fs::read_to_string(&path).expect("case");
        let analysis = Analysis::in_environment(&text, &labelled_environment());
        for property in paths {
            checked += 1;
            let Some(node) = node_at(&analysis, &property) else {
                failures.push(format!("{case}: no node at {property}"));
                continue;
            };
            let found = analysis.diagnostics().iter().any(|d| {
                d.code.as_str().starts_with("SLS40") && node.range().contains_range(d.range)
            });
            if !found {
                failures.push(format!("{case}: nothing reported at {property}"));
            }
        }
    }
    assert!(checked >= 15, "only {checked} places checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The node of the document at a dotted config path.
fn node_at<'a>(analysis: &'a Analysis, path: &str) -> Option<sls_syntax::Node<'a>> {
    let mut node = analysis.parse().tree.root()?;
    for key in path.split('.') {
        node = match key.parse::<usize>() {
            Ok(index) if node.is_sequence() => node.items().nth(index)?,
            _ => node.get(key)?,
        };
    }
    Some(node)
}
