//! SLS211 invalid-route-key: a route key API Gateway or CloudFormation rejects.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS211",
    name: "invalid-route-key",
    severity: Severity::Error,
    summary: "A route key API Gateway or CloudFormation rejects.",
    checked_in: CheckedIn::Rules,
    finds: "\
A custom route key starting with `$` (other than `$connect`, `$disconnect`, `$default`), or containing characters that make an invalid CloudFormation logical id.",
    why: "\
API Gateway rejects it at deploy (`The provided route key is not formatted properly`); a space or other character ends up in the logical id and CloudFormation refuses the template.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $getauthorized
      - websocket: $Connect
      - websocket: send message
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
      - websocket: getAuthorized
      - websocket: $connect
      - websocket: sendMessage
",
    fix: "\
Drop the `$` (the quick fix corrects the case of a predefined route) and use letters, digits, `$ / - _ .`.",
};
