//! SLS207 identity-source-empty: an empty identitySource list.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS207",
    name: "identity-source-empty",
    severity: Severity::Error,
    summary: "An empty identitySource list.",
    checked_in: CheckedIn::Rules,
    finds: "\
`identitySource: []`.",
    why: "\
An authorizer needs at least one identity source; the framework copies the empty list and the deploy fails.",
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
            identitySource: []
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
List a source or remove the key to get the default `route.request.header.Auth`.",
};
