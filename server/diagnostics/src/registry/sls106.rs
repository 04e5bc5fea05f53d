//! SLS106 event-not-compiled: an event of a type the preview does not compile (a plugin's).

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS106",
    name: "event-not-compiled",
    severity: Severity::Hint,
    summary: "An event of a type the preview does not compile (a plugin's).",
    checked_in: CheckedIn::Analysis,
    finds: "\
An event the compiled-template preview (`serverless-ls compile`, the editor's preview and logical-id hints) leaves out: an event type that is not one of Serverless Framework v3.40's, in a service that lists `plugins:` (a plugin most likely adds it).",
    why: "\
The plugin adds its resources when the framework packages the service; serverless-ls does not run plugins, so the preview, the resource count of the deploy-limit rules (SLS501-SLS505) and the logical-id checks (SLS220) do not include what this event adds. Nothing is wrong with the config: the hint says what the preview does not show.

Without `plugins:`, an event type the framework does not know is a typo or a mistake and is reported as [SLS105](SLS105.md) instead.",
    bad: "\
service: jobs
plugins:
  - serverless-step-functions
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: handler.run
    events:
      - stepFunctionsTask: { name: nightly }
",
    bad_note: Some("\
`serverless-ls compile` names such events on stderr too."),
    good: "\
service: jobs
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: handler.run
    events:
      - schedule: rate(1 day)
",
    fix: "\
Nothing to fix. Run `sls package` to see the plugin's resources.",
};
