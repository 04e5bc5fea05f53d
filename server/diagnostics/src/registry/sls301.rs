//! SLS301 missing-handler: a function with neither handler nor image.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS301",
    name: "missing-handler",
    severity: Severity::Error,
    summary: "A function with neither handler nor image.",
    checked_in: CheckedIn::Rules,
    finds: "\
A function with neither `handler` nor `image`.",
    why: "\
The framework refuses: `Either \"handler\" or \"image\" property needs to be set on function \"x\"`.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    events:
      - websocket: $connect
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
",
    fix: "\
Add the handler (`path/to/module.export`) or a container image.",
};
