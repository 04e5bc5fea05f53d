//! SLS502 function-name-too-long: a deployed Lambda function name longer than 64 characters.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS502",
    name: "function-name-too-long",
    severity: Severity::Error,
    summary: "A deployed Lambda function name longer than 64 characters.",
    checked_in: CheckedIn::Analysis,
    finds: "\
A function whose deployed name is longer than 64 characters: the name the framework gives it, `<service>-<stage>-<function key>`, or its `name:`. The diagnostic is on the function's key and says the name it would get, at the stage and region of the analysis (`--stage`/`--region`, the settings, else the config's `provider.stage`, else `dev`).",
    why: "\
Lambda refuses names over 64 characters: the deploy fails (`Member must have length less than or equal to 64`) after packaging and uploading.",
    bad: "\
service: customer-notification-preferences-service
provider:
  name: aws
functions:
  sendWeeklyDigestEmail:
    handler: handler.digest
",
    bad_note: Some("\
deploys `customer-notification-preferences-service-dev-sendWeeklyDigestEmail`, 67 characters."),
    good: "\
service: notification-preferences
provider:
  name: aws
functions:
  sendWeeklyDigestEmail:
    handler: handler.digest
",
    fix: "\
Give the function a shorter `name:`, or shorten the service name or the function key.",
};
