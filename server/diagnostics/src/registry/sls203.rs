//! SLS203 authorizer-name-ignored: an authorizer has both name and an ARN string: the name is ignored.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS203",
    name: "authorizer-name-ignored",
    severity: Severity::Warning,
    summary: "An authorizer has both name and an ARN string: the name is ignored.",
    checked_in: CheckedIn::Rules,
    finds: "\
An authorizer object has both `name` and a string `arn`.",
    why: "\
The ARN wins: `name` is ignored and the authorizer is named after the ARN's last segment.",
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
            name: auth
            arn: arn:aws:lambda:us-east-1:123456789012:function:auth
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
            arn: arn:aws:lambda:us-east-1:123456789012:function:auth
",
    fix: "\
Remove `name` (quick fix).",
};
