//! SLS202 authorizer-function-not-found: an authorizer names a function this service does not define.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS202",
    name: "authorizer-function-not-found",
    severity: Severity::Error,
    summary: "An authorizer names a function this service does not define.",
    checked_in: CheckedIn::Rules,
    finds: "\
A function-name authorizer (a string without `:`, or an object with `name` and no `arn`) names no function of this service.",
    why: "\
The framework refuses to package: `Function \"x\" doesn't exist in this Service`.",
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
          authorizer: auht
  other:
    handler: handler.other
    events:
      - websocket:
          route: $connect
          authorizer:
            name: doesNotExist
  auth:
    handler: handler.auth
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
          authorizer: auth
  auth:
    handler: handler.auth
",
    fix: "\
Name an existing function (quick fix for close names) or give the authorizer's `arn`.",
};
