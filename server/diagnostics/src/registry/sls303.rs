//! SLS303 invalid-function-name: a function key with characters the framework rejects.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS303",
    name: "invalid-function-name",
    severity: Severity::Error,
    summary: "A function key with characters the framework rejects.",
    checked_in: CheckedIn::Rules,
    finds: "\
A function key that does not match `^[a-zA-Z0-9-_]+$`.",
    why: "\
The framework warns `must be alphanumeric` and emits invalid CloudFormation logical ids such as `On.connectLambdaFunction`.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  on.connect:
    handler: handler.connect
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  on-connect:
    handler: handler.connect
",
    fix: "\
Rename the function using letters, digits, `-` and `_`.

With `configValidationMode: error` this is an error, as the framework then refuses the file.",
};
