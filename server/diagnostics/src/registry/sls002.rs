//! SLS002 duplicate-key: a mapping repeats a key.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS002",
    name: "duplicate-key",
    severity: Severity::Error,
    summary: "A mapping repeats a key.",
    checked_in: CheckedIn::Syntax,
    finds: "\
A mapping repeats a key.",
    why: "\
The framework's YAML loader refuses duplicate keys, and even tools that accept them keep only one value, silently dropping the other.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
  connect:
    handler: handler.other
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
  other:
    handler: handler.other
",
    fix: "\
Rename or merge the duplicated entries. The first definition is shown as related information.",
};
