//! SLS003 unknown-suppression: a suppression comment that silences nothing: an unknown rule, no rule, or misplaced.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS003",
    name: "unknown-suppression",
    severity: Severity::Warning,
    summary: "A suppression comment that silences nothing: an unknown rule, no rule, or misplaced.",
    checked_in: CheckedIn::Analysis,
    finds: "\
A suppression comment that silences nothing: it names a code or rule name that does not exist
(reported on that word), names no rule at all, is a `serverless-ls-ignore-file` written after
the first key, or starts with `serverless-ls-ignore` but is neither directive (say,
`serverless-ls-ignore-line`).

Suppression comments silence diagnostics in the file they are written in:

- `# serverless-ls-ignore SLS201, duplicate-route` at the end of a line, or alone on the line
  directly above it, silences those rules for the diagnostics that start on that line;
- `# serverless-ls-ignore-file SLS217` in a comment before the first key silences them in the
  whole file.

Rules are written by code (`SLS201`) or name (`authorizer-not-on-connect`), separated by commas
and/or spaces; the list ends at the end of the line or at a further `#`, after which a reason
may follow. Only real YAML comments count: a `#` inside a value (`url: http://x#y`, `'a # b'`,
the lines of a `|` block) is not a comment. A file included through `${file(...)}` has its own
comments for its own diagnostics. `serverless.json` has no comments: there only `check
--ignore` and the language server's `ignore` setting apply. No comment silences SLS003 itself.",
    why: "\
A misspelt code silences nothing, so the diagnostic the comment was written for is still
reported, and the comment misleads whoever reads it.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  tags: # serverless-ls-ignore SLS271
    team: chat
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  tags: # serverless-ls-ignore SLS217
    team: chat
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
",
    fix: "\
Write an existing code or name (`serverless-ls rules` lists them; here `SLS217`), or delete the
comment. Move a `serverless-ls-ignore-file` comment above the first key.",
};
