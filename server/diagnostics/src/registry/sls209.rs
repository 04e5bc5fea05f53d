//! SLS209 duplicate-route: the same route key on two websocket events.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS209",
    name: "duplicate-route",
    severity: Severity::Error,
    summary: "The same route key on two websocket events.",
    checked_in: CheckedIn::Rules,
    finds: "\
The same route key on two websocket events (of the same or different functions).",
    why: "\
The framework silently merges both into one route: the last function wins, the other one's integration and permission are orphaned, and a leftover authorizer id may survive.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  first:
    handler: handler.first
    events:
      - websocket: $default
      - websocket:
          route: $default
  second:
    handler: handler.second
    events:
      - websocket: $default
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  first:
    handler: handler.first
    events:
      - websocket: $default
  second:
    handler: handler.second
    events:
      - websocket: sendMessage
",
    fix: "\
Give each route key to one event. The first use is shown as related information.",
};
