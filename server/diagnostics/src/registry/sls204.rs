//! SLS204 authorizer-arn-needs-name: an authorizer ARN given as a CloudFormation function needs a name.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS204",
    name: "authorizer-arn-needs-name",
    severity: Severity::Error,
    summary: "An authorizer ARN given as a CloudFormation function needs a name.",
    checked_in: CheckedIn::Rules,
    finds: "\
An authorizer `arn` given as a CloudFormation function (e.g. `Fn::ImportValue`) without `name`.",
    why: "\
The framework refuses: `Websocket Authorizer: Non-string \"arn\" needs to be accompanied with \"name\"`.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: $connect
          authorizer:
            arn:
              Fn::ImportValue: shared-auth-arn
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: $connect
          authorizer:
            name: sharedAuth
            arn:
              Fn::ImportValue: shared-auth-arn
",
    fix: "\
Add a `name` beside the `arn`; it names the generated resources.",
};
