//! SLS405 variable-cycle: variables that refer to each other, or files that include themselves.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS405",
    name: "variable-cycle",
    severity: Severity::Error,
    summary: "Variables that refer to each other, or files that include themselves.",
    checked_in: CheckedIn::Vars,
    finds: "\
Variables whose values depend on each other (`a: ${self:custom.b}`, `b: ${self:custom.a}`), a variable that needs the mapping it is part of (`settings: {all: ${self:custom.settings}}`), and files that include themselves, directly or through other files. Values that keep resolving to new variables more than ten times, and includes nested more than ten deep, are reported too.",
    why: "\
The framework refuses the configuration (`Circular reference among \"custom.b\" and \"custom.a\" properties`, or `Excessive property variables nest depth` for a file including itself).",
    bad: "\
service: chat
provider:
  name: aws
custom:
  a: ${self:custom.b}
  b: x-${self:custom.a}
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
custom:
  a: ${self:custom.b}
  b: x-value
",
    fix: "\
Break the cycle: give one of the values a literal, or move the shared part to a key both can refer to.",
};
