//! SLS401 unresolved-variable: a variable whose value cannot be found and that has no fallback.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS401",
    name: "unresolved-variable",
    severity: Severity::Error,
    summary: "A variable whose value cannot be found and that has no fallback.",
    checked_in: CheckedIn::Vars,
    finds: "\
A variable whose value cannot be found, with no fallback left to try:

- `${self:a.b}` naming a path the config does not have;
- `${file(./x.yml):key}` naming a key the file does not have;
- a variable that is part of a longer string but resolves to a mapping, a list of objects or null (`name: api-${self:custom.settings}`);
- `${sls:...}` and `${aws:...}` with an address the framework does not support, `${strToBool(...)}` of something other than true, false, 1 or 0.

It is a **warning** for `${env:...}`, `${opt:...}` and `${param:...}`: their values depend on where the framework runs (the shell's environment, `--stage`, `--param`), which serverless-ls sees only partly (the process environment and `.env` files with `useDotenv: true`; the `--stage`, `--region` and `--param` options of `check` and `compile`; the server's `stage`, `region` and `params` settings).",
    why: "\
Serverless Framework v3 resolves every variable before it does anything else, and refuses the whole configuration when one has no value: `Cannot resolve variable at \"custom.table\": Value not found at \"self\" source`. `compile` refuses too.",
    bad: "\
service: chat
provider:
  name: aws
  stage: ${opt:stage}
custom:
  table: ${self:custom.tabel}-${sls:stage}
",
    bad_note: None,
    good: "\
service: chat
provider:
  name: aws
  stage: ${opt:stage, 'dev'}
custom:
  tablePrefix: chat
  table: ${self:custom.tablePrefix}-${sls:stage}
",
    fix: "\
Correct the path, or give the variable a fallback the framework uses when the first source has no value: `${opt:stage, 'dev'}`, `${env:TABLE, self:custom.defaultTable}`. Fallbacks are tried in order; the last one may be a quoted string, a number, `true`, `false` or `null`.",
};
