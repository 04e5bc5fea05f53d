//! SLS220 unknown-logical-id: a Ref or GetAtt to a logical id nothing defines.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS220",
    name: "unknown-logical-id",
    severity: Severity::Warning,
    summary: "A Ref or GetAtt to a logical id nothing defines.",
    checked_in: CheckedIn::Analysis,
    finds: "\
A `Ref` or `Fn::GetAtt` to a logical id that neither the compiled template, `resources:`, the parameters nor the pseudo parameters define.",
    why: "\
CloudFormation rejects the template.",
    bad: "\
service: chat
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
resources:
  Outputs:
    ConnectFunctionArn:
      Value:
        Fn::GetAtt: [ConectLambdaFunction, Arn]
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
resources:
  Outputs:
    ConnectFunctionArn:
      Value:
        Fn::GetAtt: [ConnectLambdaFunction, Arn]
",
    fix: "\
Use a generated logical id (completion lists them) or define the resource.",
};
