//! SLS201 authorizer-not-on-connect: an authorizer on a route other than $connect.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS201",
    name: "authorizer-not-on-connect",
    severity: Severity::Error,
    summary: "An authorizer on a route other than $connect.",
    checked_in: CheckedIn::Rules,
    finds: "\
An authorizer on a websocket route other than `$connect`.",
    why: "\
API Gateway supports Lambda authorizers on the `$connect` route only. The framework packages the template without a word and the deploy fails.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  disconnect:
    handler: handler.disconnect
    events:
      - websocket:
          route: $disconnect
          authorizer: auth
      - websocket:
          route: sendMessage
          authorizer:
            name: auth
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
  disconnect:
    handler: handler.disconnect
    events:
      - websocket:
          route: $disconnect
      - websocket:
          route: sendMessage
  auth:
    handler: handler.auth
",
    fix: "\
Move the authorizer to the `$connect` route: it authorizes the whole connection.",
};
