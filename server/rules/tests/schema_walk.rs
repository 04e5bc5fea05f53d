//! The schema walker's policy: what the framework only warns about is a warning, what it
//! cannot know is silent, resolved variables are checked like literals.

use sls_diagnostics::{Code, Diagnostic, Severity};
use sls_model::Model;
use sls_rules::{check, FileProbe};
use sls_syntax::{NodeData, NodeKind, Overlay, Scalar, ScalarStyle, View};

struct AllFiles;

impl FileProbe for AllFiles {
    fn exists(&self, _relative_path: &str) -> bool {
        true
    }
}

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let parse = sls_syntax::parse(text);
    let view = parse.tree.view();
    let model = Model::build(view);
    check(text, &parse, view, &model, &AllFiles)
}

/// `(code, severity, the text the range covers)`.
fn found(text: &str) -> Vec<(Code, Severity, String)> {
    diagnostics(text)
        .into_iter()
        .map(|d| {
            let covered = text[usize::from(d.range.start())..usize::from(d.range.end())].to_owned();
            (d.code, d.severity, covered)
        })
        .collect()
}

const HEAD: &str = "service: svc\nprovider:\n  name: aws\n";

#[test]
fn issue_examples_are_reported() {
    let text = format!(
        "{HEAD}  runtime: nodejs99.x\nfunctions:\n  f:\n    handler: h.f\n    timeoutt: 6\n    events:\n      - sqs:\n          arn: arn:aws:sqs:us-east-1:123456789012:q\n          batchSzie: 5\n      - http:\n          path: /x\n          method: get\n          cros: true\n"
    );
    let got = found(&text);
    assert!(
        got.contains(&(Code::InvalidValue, Severity::Error, "nodejs99.x".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&(Code::UnknownKey, Severity::Warning, "timeoutt".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&(Code::UnknownKey, Severity::Warning, "batchSzie".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&(Code::UnknownKey, Severity::Warning, "cros".into())),
        "{got:?}"
    );
    let fixes: Vec<String> = diagnostics(&text)
        .into_iter()
        .filter_map(|d| d.fix.map(|f| f.title))
        .collect();
    for fix in [
        "Rename to 'timeout'",
        "Rename to 'batchSize'",
        "Rename to 'cors'",
    ] {
        assert!(
            fixes.iter().any(|f| f == fix),
            "{fix} missing from {fixes:?}"
        );
    }
}

#[test]
fn memory_size_with_a_unit_is_a_wrong_type() {
    let got = found(&format!("{HEAD}  memorySize: 1024MB\n"));
    assert_eq!(
        got,
        vec![(Code::WrongType, Severity::Error, "1024MB".into())]
    );
}

#[test]
fn runtimes_newer_than_the_framework_list_warn_and_fail_in_error_mode() {
    let warn = found(&format!("{HEAD}  runtime: nodejs22.x\n"));
    assert_eq!(
        warn,
        vec![(Code::InvalidValue, Severity::Warning, "nodejs22.x".into())]
    );
    let message = &diagnostics(&format!("{HEAD}  runtime: python3.12\n"))[0].message;
    assert!(message.contains("list of runtimes lacks it"), "{message}");
    let error = found(&format!(
        "configValidationMode: error\n{HEAD}  runtime: nodejs22.x\n"
    ));
    assert_eq!(
        error,
        vec![(Code::InvalidValue, Severity::Error, "nodejs22.x".into())]
    );
}

#[test]
fn validation_off_keeps_what_fails_the_deploy() {
    let got = found(&format!(
        "configValidationMode: off\n{HEAD}  memorySize: 1024MB\n  runtime: nodejs22.x\n  unknownThing: 1\n"
    ));
    assert_eq!(
        got,
        vec![(Code::WrongType, Severity::Error, "1024MB".into())]
    );
}

#[test]
fn cloudformation_functions_are_never_type_errors() {
    let text = format!(
        "{HEAD}functions:\n  f:\n    handler: h.f\n    description: !Sub '${{AWS::StackName}} f'\n    memorySize:\n      Ref: Memory\n"
    );
    let got = found(&text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got.iter()
            .all(|(c, s, _)| *c == Code::WrongType && *s == Severity::Warning),
        "{got:?}"
    );
}

#[test]
fn unresolved_variables_are_unknown_not_wrong() {
    let got = found(&format!(
        "{HEAD}  memorySize: ${{self:custom.memory}}\n  runtime: ${{opt:runtime}}\n  logRetentionInDays: ${{param:days}}\n"
    ));
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn resolved_variables_are_checked_like_literals() {
    let text = format!("{HEAD}  memorySize: ${{self:custom.m}}\ncustom:\n  m: 1024MB\n");
    let parse = sls_syntax::parse(&text);
    let variable = parse
        .tree
        .root()
        .and_then(|root| root.get("provider"))
        .and_then(|provider| provider.get("memorySize"))
        .expect("memorySize");
    let mut overlay = Overlay::new(&parse.tree);
    let resolved = overlay.push(NodeData::plain(
        variable.range(),
        NodeKind::Scalar(Scalar {
            value: "1024MB".into(),
            style: ScalarStyle::Plain,
        }),
    ));
    overlay.replace(variable.id, resolved);
    overlay.finish();
    let view = View::new(&parse.tree, Some(&overlay));
    let model = Model::build(view);
    let got: Vec<(Code, String)> = check(&text, &parse, view, &model, &AllFiles)
        .into_iter()
        .map(|d| {
            (
                d.code,
                text[usize::from(d.range.start())..usize::from(d.range.end())].to_owned(),
            )
        })
        .collect();
    assert_eq!(got, vec![(Code::WrongType, "${self:custom.m}".to_owned())]);
}

#[test]
fn plugins_make_what_they_can_extend_silent() {
    let text = "service: svc\nplugins:\n  - serverless-step-functions\nprovider:\n  name: aws\n  notAProviderKey: 1\nstepFunctions: {}\nfunctions:\n  f:\n    handler: h.f\n    pluginKey: 1\n    events:\n      - pluginEvent: {}\n      - http:\n          path: /x\n          method: get\n          pluginOption: 1\n";
    let got = found(text);
    assert_eq!(
        got,
        vec![(
            Code::UnknownKey,
            Severity::Warning,
            "notAProviderKey".into()
        )]
    );
}

#[test]
fn framework_v4_top_level_keys_are_known_when_v4_is_asked_for() {
    let v4 = found("service: svc\nframeworkVersion: '4'\nprovider:\n  name: aws\nstages:\n  default: {}\nbuild:\n  esbuild: false\n");
    assert!(v4.is_empty(), "{v4:?}");
    let v3 = found(
        "service: svc\nframeworkVersion: '3'\nprovider:\n  name: aws\nstages:\n  default: {}\n",
    );
    assert_eq!(
        v3,
        vec![(Code::UnknownKey, Severity::Warning, "stages".into())]
    );
}

#[test]
fn other_providers_get_top_level_checks_only() {
    let text = "service: s\nprovider:\n  name: google\n  anything: 1\nfunctions:\n  f:\n    anything: 1\n    events:\n      - anyEvent: {}\nresources: {}\n";
    let got = found(text);
    assert_eq!(
        got,
        vec![(Code::InvalidValue, Severity::Warning, "s".into())]
    );
}

#[test]
fn keys_holding_variables_are_not_unknown() {
    let got = found(&format!(
        "{HEAD}  environment:\n    ${{self:custom.name}}: x\n  ${{self:custom.extra}}: 1\n"
    ));
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn service_names_are_errors_only_where_cloudformation_refuses_the_stack_name() {
    let short = found("service: s\nprovider:\n  name: aws\n");
    assert_eq!(
        short,
        vec![(Code::InvalidValue, Severity::Warning, "s".into())]
    );
    let underscore = found("service: my_service\nprovider:\n  name: aws\n");
    assert_eq!(
        underscore,
        vec![(Code::InvalidValue, Severity::Error, "my_service".into())]
    );
}

#[test]
fn framework_only_settings_are_warnings() {
    let got = found("service: svc\nconfigValidationMode: strict\norg: X\nprovider:\n  name: aws\n");
    assert_eq!(
        got,
        vec![
            (Code::InvalidValue, Severity::Warning, "strict".into()),
            (Code::InvalidValue, Severity::Warning, "X".into()),
        ]
    );
}
