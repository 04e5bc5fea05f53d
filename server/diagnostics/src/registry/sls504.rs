//! SLS504 logical-id-collision: two functions or resources that get the same logical id.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS504",
    name: "logical-id-collision",
    severity: Severity::Error,
    summary: "Two functions or resources that get the same logical id.",
    checked_in: CheckedIn::Analysis,
    finds: "\
Two function keys, or two generated resources, that the framework turns into the same logical id: the framework capitalises the first letter and replaces `-` by `Dash` and `_` by `Underscore`, so `sendMessage` and `SendMessage` both become `SendMessageLambdaFunction`; two SQS or stream events on the same queue of one function, or two `http` events with the same path and method, make one event source mapping or method. The diagnostic is on the second and names the first.

A `resources:` entry that reuses a generated id is the framework's documented way to override it (the two are deep-merged) and is not reported.",
    why: "\
The template is a JSON object: the second definition replaces the first without a word, so one function (or event) is silently never deployed.",
    bad: "\
service: chat
provider:
  name: aws
functions:
  sendMessage:
    handler: handler.send
  SendMessage:
    handler: handler.sendAgain
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
functions:
  sendMessage:
    handler: handler.send
  sendMessageAgain:
    handler: handler.sendAgain
",
    fix: "\
Rename one of the functions, or remove the duplicated event.",
};
