//! SLS503 role-name-too-long: the execution role's name is longer than 64 characters.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS503",
    name: "role-name-too-long",
    severity: Severity::Error,
    summary: "The execution role's name is longer than 64 characters.",
    checked_in: CheckedIn::Analysis,
    finds: "\
The name of the IAM role the framework creates for the functions over 64 characters: `provider.iam.role.name` when set, else `<service>-<stage>-<region>-lambdaRole`. The diagnostic is on `service:` (or on `name:`). A service that uses an existing role (`provider.iam.role` an ARN or a reference, or a `role:` on every function) creates no role and is not reported.",
    why: "\
IAM refuses role names over 64 characters, so the deploy fails (`Member must have length less than or equal to 64`). The stage and region are part of the default name: a name that fits at `dev` in `us-east-1` may not fit at `production` in `ap-southeast-2`.",
    bad: "\
service: aws-node-auth0-cognito-custom-authorizers-api
provider:
  name: aws
functions:
  authorize:
    handler: handler.authorize
",
    bad_note: Some("\
creates `aws-node-auth0-cognito-custom-authorizers-api-dev-us-east-1-lambdaRole`, 70 characters."),
    good: "\
service: aws-node-auth0-cognito-custom-authorizers-api
provider:
  name: aws
  iam:
    role:
      name: auth0-authorizers-${sls:stage}-lambdaRole
functions:
  authorize:
    handler: handler.authorize
",
    fix: "\
Set a shorter `provider.iam.role.name`, or shorten the service name.",
};
