//! SLS302 handler-file-not-found: the handler's module file does not exist.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS302",
    name: "handler-file-not-found",
    severity: Severity::Warning,
    summary: "The handler's module file does not exist.",
    checked_in: CheckedIn::Rules,
    finds: "\
The handler's module file does not exist relative to the config's folder (Node: `.js`, `.mjs`, `.cjs`, `.ts`; Python: `.py`; Ruby: `.rb`). Not checked for Java, Go, .NET and `provided` runtimes, image functions or a `package.artifact`.",
    why: "\
The function deploys but fails on every invocation with `Runtime.ImportModuleError` (the framework does not check handler files).",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: missing/file.connect
  python:
    runtime: python3.11
    handler: nope.main
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
  python:
    runtime: python3.11
    handler: main.main
",
    fix: "\
Fix the handler path or create the module.",
};
