//! SLS104 invalid-value: a value outside the allowed set.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS104",
    name: "invalid-value",
    severity: Severity::Error,
    summary: "A value outside the allowed set.",
    checked_in: CheckedIn::Schema,
    finds: "\
A value the framework's schema does not allow: outside an enum (`provider.logs.websocket.level`, `logRetentionInDays`, `runtime`, `region`, ...), not matching a pattern (the `service` name, ARNs, `schedule` rates), out of a numeric or length range (`memorySize` 128–10240, `timeout` ≤ 900, `batchSize`), or an empty `apiGateway.websocketApiId`. A runtime AWS Lambda supports that v3.40's list lacks (`nodejs22.x`, `python3.12`, `python3.13`, `dotnet8`, `ruby3.3`, ...) is a warning saying so; an error under `configValidationMode: error`.",
    why: "\
AWS refuses such values at deploy time, or the framework stops (an invalid websocket log level stops packaging). An empty API id is treated as absent: a new API is created.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  logRetentionInDays: 15
  apiGateway:
    websocketApiId: ''
  logs:
    websocket:
      level: error
configValidationMode: strict
functions:
  connect:
    handler: handler.connect
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  logRetentionInDays: 14
  logs:
    websocket:
      level: ERROR
configValidationMode: error
functions:
  connect:
    handler: handler.connect
",
    fix: "\
Use one of the allowed values; for a wrongly-cased level the quick fix upper-cases it.

With `configValidationMode: error` this is an error, as the framework then refuses the file.",
};
