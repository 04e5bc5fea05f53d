//! SLS402 unknown-variable-source: a variable source the framework does not know.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS402",
    name: "unknown-variable-source",
    severity: Severity::Error,
    summary: "A variable source the framework does not know.",
    checked_in: CheckedIn::Vars,
    finds: "\
A variable whose source the framework does not know, e.g. `${vault:secret/db}` or `${secrets:db}`. (A `${` not followed by a lowercase letter, such as `${Self:service}`, is not a variable at all: the framework keeps it as text.) The framework knows `self`, `opt`, `sls`, `env`, `file`, `strToBool`, `param`, `aws`, `ssm`, `cf` and `s3` (and `output` with the Serverless Dashboard). Plugins can add sources: when `plugins:` is listed, unknown sources are assumed to be theirs and left unresolved without a diagnostic.",
    why: "\
The framework stops with `Unrecognized configuration variable sources: \"vault\"`.",
    bad: "\
service: chat
provider:
  name: aws
custom:
  secret: ${vault:secret/db}
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
custom:
  secret: ${ssm:/chat/db-secret}
",
    fix: "\
Fix the source name (sources are case-sensitive), or list the plugin that provides the source under `plugins:`.",
};
