//! SLS406 file-outside-project: a ${file(...)} path that leaves the project root.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS406",
    name: "file-outside-project",
    severity: Severity::Error,
    summary: "A ${file(...)} path that leaves the project root.",
    checked_in: CheckedIn::Vars,
    finds: "\
A `${file(...)}` path that leaves the project: `../../etc/passwd`, an absolute path outside the project, or a symbolic link pointing out of it. The project root is the nearest folder above the config that holds `.git`, else the editor's workspace folder, else the config's folder, so a monorepo's `${file(../common.yml)}` is fine.",
    why: "\
serverless-ls reads files to resolve variables as you type; it never reads outside the project, so a config cannot make it read (and show in hovers or the compiled preview) files such as credentials elsewhere on the machine. The framework itself would read the file.",
    bad: "\
service: chat
provider:
  name: aws
custom:
  secrets: ${file(../../etc/passwd)}
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
custom:
  secrets: ${file(./config/secrets.yml)}
",
    fix: "\
Keep shared configuration inside the repository and refer to it with a path that stays inside it.",
};
