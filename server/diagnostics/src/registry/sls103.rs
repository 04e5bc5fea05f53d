//! SLS103 missing-required-key: a required key is missing.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS103",
    name: "missing-required-key",
    severity: Severity::Error,
    summary: "A required key is missing.",
    checked_in: CheckedIn::Schema,
    finds: "\
A key the framework's schema requires is missing: a websocket event object without `route`, an authorizer object with neither `name` nor `arn`, an `sqs` event object without `arn`, an `http` object without `path`, a CloudFormation resource without `Type` (a warning: an override of a generated resource may leave it out).",
    why: "\
The framework warns, then usually crashes or produces a template CloudFormation refuses (a websocket event without `route` crashes with `TypeError: Cannot read properties of undefined`).",
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
          routeResponseSelectionExpression: $default
      - websocket:
          route: $connect
          authorizer:
            identitySource:
              - route.request.header.Auth
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
          route: $default
          routeResponseSelectionExpression: $default
      - websocket:
          route: $connect
          authorizer:
            name: auth
            identitySource:
              - route.request.header.Auth
  auth:
    handler: handler.auth
",
    fix: "\
Add the missing key.",
};
