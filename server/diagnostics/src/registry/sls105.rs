//! SLS105 unknown-event: an event type the framework does not know.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS105",
    name: "unknown-event",
    severity: Severity::Warning,
    summary: "An event type the framework does not know.",
    checked_in: CheckedIn::Schema,
    finds: "\
An event the framework cannot use: an event type it does not know (e.g. `websockets:`, with a did-you-mean rename), an event with no value (`- websocket:`), or an event that is not a mapping (`- alexaSkill`). Unknown types are not reported when `plugins:` is present and nothing known is close.",
    why: "\
The framework warns `unsupported function event` and drops the event: the function is never invoked by it. A common cause is mis-indenting `route:` under `- websocket:`.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websockets: $connect
      - websocket:
      - websocket:
        route: $default
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
Rename the event type (quick fix for close typos) or indent its settings under it.

With `configValidationMode: error` this is an error, as the framework then refuses the file.",
};
