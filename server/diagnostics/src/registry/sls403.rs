//! SLS403 file-not-found: a ${file(...)} variable naming a file that does not exist, without a fallback.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS403",
    name: "file-not-found",
    severity: Severity::Error,
    summary: "A ${file(...)} variable naming a file that does not exist, without a fallback.",
    checked_in: CheckedIn::Vars,
    finds: "\
A `${file(...)}` variable naming a file that does not exist, with no fallback. Paths are relative to the folder of the config, also when the variable is written in an included file, as the framework resolves them.",
    why: "\
The framework refuses the configuration: `Cannot resolve variable at \"custom.settings\": Value not found at \"file\" source`.",
    bad: "\
service: chat
provider:
  name: aws
custom:
  settings: ${file(./config/${sls:stage}.yml)}
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
custom:
  defaults:
    logLevel: info
  settings: ${file(./config/${sls:stage}.yml), self:custom.defaults}
",
    fix: "\
Create the file, correct the path, or add a fallback: `${file(./config/${sls:stage}.yml), file(./config/default.yml)}`.",
};
