//! SLS501 too-many-resources: the template has more resources than one CloudFormation stack allows.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS501",
    name: "too-many-resources",
    severity: Severity::Error,
    summary: "The template has more resources than one CloudFormation stack allows.",
    checked_in: CheckedIn::Analysis,
    finds: "\
A template with more than 500 resources, CloudFormation's limit for one stack, counted from what the framework generates (each function's `AWS::Lambda::Function`, `AWS::Lambda::Version`, `AWS::Logs::LogGroup`, every event's permissions, API Gateway resources and methods, subscriptions...) plus `resources:`. From 450 resources it is a **warning**: the stack is close to the limit.

The diagnostic is on `functions:` (or on `resources:` when most resources come from there) and says how many resources there are and which types contribute most.",
    why: "\
`sls package` writes such a template without complaint; the deploy uploads everything and then fails when CloudFormation validates the template: `Template format error: Number of resources, 501, is greater than maximum allowed, 500`.",
    bad: "\
service: catalog
provider:
  name: aws
  runtime: nodejs20.x
  versionFunctions: false
functions:
  # ... 170 functions like this one, each with an http event
  getProduct:
    handler: handler.getProduct
    events:
      - http: GET /products/{id}
",
    bad_note: Some("\
A service with 170 functions and `versionFunctions: false`: each function has its function and its log group (340), each `http` event a method, a resource and a permission (510)..."),
    good: "\
service: catalog-products
provider:
  name: aws
  runtime: nodejs20.x
  versionFunctions: false
functions:
  # ... only the product functions: orders and users are services of their own
  getProduct:
    handler: handler.getProduct
    events:
      - http: GET /products/{id}
",
    fix: "\
Split the service into several services (stacks), move resources to a nested stack, or set `provider.versionFunctions: false` (one `AWS::Lambda::Version` less per function) and `disableLogs: true` where logs are not needed.",
};
