//! SLS206 identity-source-invalid: an identity source API Gateway does not accept.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS206",
    name: "identity-source-invalid",
    severity: Severity::Error,
    summary: "An identity source API Gateway does not accept.",
    checked_in: CheckedIn::Rules,
    finds: "\
An `identitySource` entry that does not start with `route.request.header.`, `route.request.querystring.`, `stageVariables.` or `context.`.",
    why: "\
REST API sources such as `method.request.header.Auth` are not valid for websocket APIs; the framework copies them verbatim and the deploy fails.",
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
            identitySource:
              - method.request.header.Auth
              - 'header.Auth'
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
          authorizer:
            name: auth
            identitySource:
              - route.request.header.Auth
  auth:
    handler: handler.auth
",
    fix: "\
Use a websocket identity source; the quick fix rewrites `method.request.` prefixes to `route.request.`.",
};
