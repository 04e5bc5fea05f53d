//! SLS215 logs-ignored-with-existing-api: websocket logs are ignored when an existing API is used.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS215",
    name: "logs-ignored-with-existing-api",
    severity: Severity::Warning,
    summary: "Websocket logs are ignored when an existing API is used.",
    checked_in: CheckedIn::Rules,
    finds: "\
`provider.logs.websocket` set together with `provider.apiGateway.websocketApiId`.",
    why: "\
With an existing API the framework creates no stage, so it ignores the logs settings.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  apiGateway:
    websocketApiId: abc123
  logs:
    websocket: true
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  apiGateway:
    websocketApiId: abc123
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
",
    fix: "\
Remove the logs settings, or configure logging on the existing API's stage.",
};
