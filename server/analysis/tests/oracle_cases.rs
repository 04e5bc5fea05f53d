//! The framework's own verdicts (`fixtures/oracle`, from Serverless Framework v3.40.0) as
//! checker expectations: feature cases give no error, each bad case gives its code on its line.

mod support;

use sls_analysis::Analysis;
use sls_diagnostics::{Code, Severity};

/// Bad cases and the (code, 1-based line) each must give; an empty list means the framework
/// coerces the value silently and so must we.
const BAD_CASES: &[(&str, &[(Code, u32)])] = &[
    (
        "bad-authorizer-cf-arn-without-name",
        &[(Code::AuthorizerArnNeedsName, 14)],
    ),
    (
        "bad-authorizer-invalid-string",
        &[(Code::AuthorizerInvalidReference, 13)],
    ),
    (
        "bad-authorizer-missing-function",
        &[(Code::AuthorizerFunctionNotFound, 13)],
    ),
    (
        "bad-authorizer-object-without-name-or-arn",
        &[(Code::MissingRequiredKey, 13)],
    ),
    (
        "bad-authorizer-on-custom-route",
        &[(Code::AuthorizerNotOnConnect, 21)],
    ),
    (
        "bad-authorizer-on-disconnect",
        &[(Code::AuthorizerNotOnConnect, 15)],
    ),
    (
        "bad-duplicate-route-same-function",
        &[(Code::DuplicateRoute, 13)],
    ),
    (
        "bad-duplicate-route-two-functions",
        &[(Code::DuplicateRoute, 15)],
    ),
    ("bad-empty-route-object", &[(Code::EmptyRoute, 12)]),
    ("bad-existing-api-id-empty", &[(Code::InvalidValue, 8)]),
    (
        "bad-function-name-invalid-chars",
        &[(Code::InvalidFunctionName, 8)],
    ),
    (
        "bad-handler-file-missing",
        &[(Code::HandlerFileNotFound, 9)],
    ),
    (
        "bad-identity-source-prefix",
        &[(Code::IdentitySourceInvalid, 18)],
    ),
    ("bad-identity-source-string", &[]),
    ("bad-log-level", &[(Code::InvalidValue, 9)]),
    ("bad-log-level-error-mode", &[(Code::InvalidValue, 9)]),
    ("bad-logs-unknown-key", &[(Code::UnknownKey, 9)]),
    ("bad-missing-handler", &[(Code::MissingHandler, 8)]),
    ("bad-missing-route", &[(Code::MissingRequiredKey, 11)]),
    ("bad-provider-api-name-one-item-list", &[]),
    ("bad-route-number", &[]),
    (
        "bad-route-response-value",
        &[(Code::InvalidRouteResponseSelection, 13)],
    ),
    (
        "bad-route-selection-expression-number",
        &[(Code::SuspiciousRouteSelectionExpression, 7)],
    ),
    ("bad-unknown-websocket-key", &[(Code::UnknownKey, 13)]),
    (
        "bad-unknown-websocket-key-deprecations-shown",
        &[(Code::UnknownKey, 14)],
    ),
    (
        "bad-unknown-websocket-key-error-mode",
        &[(Code::UnknownKey, 14)],
    ),
    ("bad-unknown-websocket-key-validation-off", &[]),
    ("bad-websocket-boolean", &[]),
    ("bad-websocket-null", &[(Code::UnknownEvent, 11)]),
    ("bad-yaml-syntax", &[(Code::YamlSyntax, 14)]),
];

/// Feature cases whose conditions really hold for a non-error rule.
const FEATURE_NOTES: &[(&str, Code)] = &[
    (
        "authorizer-object-name-and-arn",
        Code::AuthorizerNameIgnored,
    ),
    (
        "existing-api-id-with-logs",
        Code::LogsIgnoredWithExistingApi,
    ),
    ("provider-tags", Code::WebsocketTagsNotApplied),
    (
        "provider-tags-deprecation-shown",
        Code::WebsocketTagsNotApplied,
    ),
];

fn analyse(case: &str) -> Analysis {
    support::analyse_case(&support::fixtures().join("oracle").join(case))
}

fn found(analysis: &Analysis) -> Vec<(Code, u32)> {
    analysis
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.code,
                analysis.line_index().line_col(d.range.start()).line + 1,
            )
        })
        .collect()
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(support::fixtures().join("oracle"))
        .expect("fixtures/oracle")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("serverless.yml").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

#[test]
fn feature_cases_give_no_false_alarm() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for name in case_names().iter().filter(|n| !n.starts_with("bad-")) {
        checked += 1;
        let analysis = analyse(name);
        for diagnostic in analysis.diagnostics() {
            let expected = FEATURE_NOTES
                .iter()
                .any(|(case, code)| case == name && *code == diagnostic.code);
            if diagnostic.severity == Severity::Error || !expected {
                failures.push(format!(
                    "{name}: {} {}",
                    diagnostic.code.as_str(),
                    diagnostic.message
                ));
            }
        }
    }
    for (case, code) in FEATURE_NOTES {
        if !found(&analyse(case)).iter().any(|(c, _)| c == code) {
            failures.push(format!("{case}: expected {}", code.as_str()));
        }
    }
    assert!(checked >= 36, "only {checked} feature cases found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_cases_give_their_code_on_their_line() {
    let names = case_names();
    let bad: Vec<&String> = names.iter().filter(|n| n.starts_with("bad-")).collect();
    assert_eq!(
        bad.len(),
        BAD_CASES.len(),
        "every bad case has an expectation"
    );
    let mut failures = Vec::new();
    for (case, expected) in BAD_CASES {
        let got = found(&analyse(case));
        if got != *expected {
            failures.push(format!("{case}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_mode_makes_schema_warnings_errors() {
    let warn = analyse("bad-unknown-websocket-key");
    let error = analyse("bad-unknown-websocket-key-error-mode");
    let off = analyse("bad-unknown-websocket-key-validation-off");
    assert_eq!(warn.diagnostics()[0].severity, Severity::Warning);
    assert_eq!(error.diagnostics()[0].severity, Severity::Error);
    // `off` silences what the framework would only warn about.
    assert!(off.diagnostics().is_empty(), "{:?}", off.diagnostics());
}

#[test]
fn other_providers_get_only_syntax_and_name_rules() {
    let text = "service: svc\nprovider:\n  name: azure\nfunctions:\n  on.connect:\n    events:\n      - websockets: $connect\n  a:\n    x: 1\n  a:\n    y: 2\n";
    let analysis = Analysis::new(text, &sls_analysis::NoFiles);
    let codes: Vec<Code> = analysis.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::InvalidFunctionName, Code::DuplicateKey]);
    // The top level is still checked, as the framework checks it for every provider (as a
    // warning: what another provider does with it is unknown).
    let top = Analysis::new(
        "service: s\nprovider:\n  name: azure\nfunctionz: {}\n",
        &sls_analysis::NoFiles,
    );
    let found: Vec<(Code, Severity)> = top
        .diagnostics()
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(
        found,
        vec![
            (Code::InvalidValue, Severity::Warning),
            (Code::UnknownKey, Severity::Warning)
        ]
    );
}

#[test]
fn the_seed_example_checks_without_errors() {
    let text = std::fs::read_to_string(support::fixtures().join("../examples/seed/serverless.yml"))
        .expect("example");
    let analysis = Analysis::new(&text, &sls_analysis::NoFiles);
    // Its only finding is the framework's own warning: nodejs12.x left v3.40's runtime list.
    let found: Vec<(Code, Severity)> = analysis
        .diagnostics()
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(
        found,
        vec![(Code::InvalidValue, Severity::Warning)],
        "{:?}",
        analysis.diagnostics()
    );
}

#[test]
fn shapes_the_framework_normalises_before_validating_are_not_reported() {
    let text = "service: svc\nprovider: aws\nfunctions:\n  - a:\n      handler: h.a\n  - b:\n      handler: h.b\n";
    let analysis = Analysis::new(text, &sls_analysis::NoFiles);
    let schema: Vec<&str> = analysis
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::WrongType)
        .map(|d| d.message.as_str())
        .collect();
    assert!(schema.is_empty(), "{schema:?}");
}
