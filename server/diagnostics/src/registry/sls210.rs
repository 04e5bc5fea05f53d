//! SLS210 empty-route: an empty route key.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS210",
    name: "empty-route",
    severity: Severity::Error,
    summary: "An empty route key.",
    checked_in: CheckedIn::Rules,
    finds: "\
An empty route key (`route: ''` or `- websocket: ''`).",
    why: "\
`- websocket: ''` is silently dropped; `route: ''` produces a route with an empty key, which API Gateway rejects.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: ''
      - websocket:
          route: \"\"
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
      - websocket: $connect
      - websocket:
          route: $default
",
    fix: "\
Write the route key.",
};
