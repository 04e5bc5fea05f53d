//! SLS505 template-too-large: the template exceeds CloudFormation's size, output or parameter limits.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS505",
    name: "template-too-large",
    severity: Severity::Error,
    summary: "The template exceeds CloudFormation's size, output or parameter limits.",
    checked_in: CheckedIn::Analysis,
    finds: "\
A template CloudFormation refuses for its size: more than 200 outputs (every function version has one unless `versionFunctions: false`), more than 200 parameters in `resources.Parameters`, or a template body over 1 MB as the framework uploads it (minified JSON). The size is only computed when the config could make a template that large.",
    why: "\
`sls package` writes the template; the deploy fails when CloudFormation validates it (`Template format error: Number of outputs, 201, is greater than maximum allowed, 200`, or `Template may not exceed 1048576 bytes in size`).",
    bad: "\
service: catalog
provider:
  name: aws
  runtime: nodejs20.x
functions:
  # ... 200 functions like this one
  getProduct:
    handler: handler.getProduct
",
    bad_note: Some("\
A service with 200 functions: 200 `...LambdaFunctionQualifiedArn` outputs plus `ServerlessDeploymentBucketName`."),
    good: "\
service: catalog
provider:
  name: aws
  runtime: nodejs20.x
  versionFunctions: false
functions:
  # ... 200 functions like this one
  getProduct:
    handler: handler.getProduct
",
    fix: "\
Set `provider.versionFunctions: false` (no version outputs), split the service, or move resources to a nested stack.",
};
