//! References and rename of a function or a `custom` key at `$0`: every place that names it,
//! one edit per place, or a refusal saying why.

use sls_analysis::{apply_edits, Analysis, NoFiles};
use sls_diagnostics::FileId;

use sls_test_support::cursor as at;

const SERVICE: &str = "\
service: chat
provider:
  name: aws
custom:
  table: chat-table
  handlerOf: ${self:functions.auth.handler}
  tableName: ${self:custom.table}
functions:
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: $connect
          authorizer: auth
  au$0th:
    handler: handler.auth
resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
      DependsOn: [AuthLambdaFunction]
  Outputs:
    AuthArn:
      Value: !GetAtt AuthLambdaFunction.Arn
    AuthName:
      Value: !Ref AuthLambdaFunction
    Described:
      Value: !Sub '${AuthLambdaFunction.Arn}-${AWS::Region}'
    Authorizer:
      Value: !Ref AuthWebsocketsAuthorizer
";

#[test]
fn references_of_a_function_are_its_key_its_authorizers_paths_and_logical_ids() {
    let (text, offset) = at(SERVICE);
    let analysis = Analysis::new(&text, &NoFiles);
    let found: Vec<&str> = analysis
        .references(offset, true)
        .iter()
        .map(|l| {
            assert_eq!(l.file, FileId::MAIN);
            &text[l.range]
        })
        .collect();
    assert_eq!(
        found,
        ["auth", "auth", "auth", "Auth", "Auth", "Auth", "Auth", "Auth"]
    );
    assert_eq!(analysis.references(offset, false).len(), 7);
}

#[test]
fn renaming_a_function_edits_every_place_that_names_it() {
    let (text, offset) = at(SERVICE);
    let analysis = Analysis::new(&text, &NoFiles);
    let (range, name) = analysis.prepare_rename(offset).expect("renamable");
    assert_eq!((&text[range], name.as_str()), ("auth", "auth"));
    let edits: Vec<_> = analysis
        .rename(offset, "verify-token")
        .expect("renamed")
        .into_iter()
        .map(|(file, edit)| {
            assert_eq!(file, FileId::MAIN);
            edit
        })
        .collect();
    let renamed = apply_edits(&text, &edits);
    for expected in [
        "handlerOf: ${self:functions.verify-token.handler}",
        "authorizer: verify-token",
        "  verify-token:\n    handler: handler.auth",
        "DependsOn: [VerifyDashtokenLambdaFunction]",
        "!GetAtt VerifyDashtokenLambdaFunction.Arn",
        "!Ref VerifyDashtokenLambdaFunction",
        "!Sub '${VerifyDashtokenLambdaFunction.Arn}-${AWS::Region}'",
        "!Ref VerifyDashtokenWebsocketsAuthorizer",
    ] {
        assert!(renamed.contains(expected), "{expected:?} not in\n{renamed}");
    }
    // The renamed service means the same: the same diagnostics.
    let codes = |text: &str| -> Vec<&'static str> {
        let analysis = Analysis::new(text, &NoFiles);
        analysis
            .diagnostics()
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    };
    assert_eq!(codes(&renamed), codes(&text));
}

#[test]
fn a_custom_key_is_renamed_with_its_paths() {
    let fixture = "custom:\n  ta$0ble: t\n  a: ${self:custom.table}\n  b: x-${self:custom.table}-${self:custom.tables, 'y'}\n";
    let (text, offset) = at(fixture);
    let analysis = Analysis::new(&text, &NoFiles);
    let edits: Vec<_> = analysis
        .rename(offset, "db")
        .expect("renamed")
        .into_iter()
        .map(|(_, edit)| edit)
        .collect();
    assert_eq!(
        apply_edits(&text, &edits),
        "custom:\n  db: t\n  a: ${self:custom.db}\n  b: x-${self:custom.db}-${self:custom.tables, 'y'}\n"
    );
}

#[test]
fn a_rename_that_cannot_be_complete_is_refused_with_the_reason() {
    let quoted = "functions:\n  \"au$0th\":\n    handler: h.auth\n";
    let (text, offset) = at(quoted);
    let refusal = Analysis::new(&text, &NoFiles)
        .rename(offset, "verify")
        .expect_err("refused");
    assert!(refusal.contains("quoted"), "{refusal}");

    let dynamic = "custom:\n  id: AuthLambdaFunction\nfunctions:\n  au$0th:\n    handler: h.auth\nresources:\n  Outputs:\n    A:\n      Value: !Ref ${self:custom.id}\n";
    let (text, offset) = at(dynamic);
    let refusal = Analysis::new(&text, &NoFiles)
        .rename(offset, "verify")
        .expect_err("refused");
    assert!(refusal.contains("variable"), "{refusal}");

    let (text, offset) =
        at("functions:\n  au$0th:\n    handler: h.auth\n  other:\n    handler: h.o\n");
    let analysis = Analysis::new(&text, &NoFiles);
    assert!(analysis
        .rename(offset, "other")
        .expect_err("taken")
        .contains("already exists"));
    assert!(analysis
        .rename(offset, "a.b")
        .expect_err("invalid")
        .contains("not a valid name"));
}
