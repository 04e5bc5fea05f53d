//! SLS404 variable-syntax: a malformed variable, such as an unclosed ${.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS404",
    name: "variable-syntax",
    severity: Severity::Error,
    summary: "A malformed variable, such as an unclosed ${.",
    checked_in: CheckedIn::Vars,
    finds: "\
A malformed variable: an unclosed `${`, an unquoted fallback string (`${opt:stage, dev}`), a source name not starting with a lowercase letter inside a variable, a `file()` or `env:` without its argument. Text that only looks like a variable is not one and is left alone: `${AWS::Region}` and `${Queue.Arn}` in `Fn::Sub`, `${request.body.action}` in a route selection expression, `\\${...}` (escaped).",
    why: "\
The framework reads every value for variables before anything else and refuses the configuration on the first malformed one: `Variable syntax error at \"custom.greeting\": Invalid literal source \"hello\"`.",
    bad: "\
service: chat
provider:
  name: aws
custom:
  greeting: ${opt:greeting, hello}
  name: ${self:service
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
custom:
  greeting: ${opt:greeting, 'hello'}
  name: ${self:service}
",
    fix: "\
Close the variable with `}`, quote fallback strings (`${opt:greeting, 'hello'}`), and escape a literal `${` as `\\${`.",
};
