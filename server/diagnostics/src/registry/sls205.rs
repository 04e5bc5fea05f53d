//! SLS205 authorizer-invalid-reference: an authorizer string that is neither an ARN nor a function name.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS205",
    name: "authorizer-invalid-reference",
    severity: Severity::Error,
    summary: "An authorizer string that is neither an ARN nor a function name.",
    checked_in: CheckedIn::Rules,
    finds: "\
An authorizer string that is neither an ARN (`arn:...`) nor a valid function name; or an authorizer `arn` that does not start with `arn:`.",
    why: "\
The framework warns `unsupported string format` and compiles anything containing `:` as an ARN named after its last segment; the deploy then fails.",
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
          authorizer: not-an-arn:foo
  other:
    handler: handler.other
    events:
      - websocket:
          route: $connect
          authorizer:
            arn: lambda:auth
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
          authorizer: arn:aws:lambda:us-east-1:123456789012:function:auth
",
    fix: "\
Write a full Lambda ARN or the name of a function of this service.

With `configValidationMode: error` this is an error, as the framework then refuses the file.",
};
