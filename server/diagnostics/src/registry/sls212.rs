//! SLS212 invalid-route-response-selection: routeResponseSelectionExpression other than $default.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS212",
    name: "invalid-route-response-selection",
    severity: Severity::Error,
    summary: "routeResponseSelectionExpression other than $default.",
    checked_in: CheckedIn::Rules,
    finds: "\
`routeResponseSelectionExpression` other than `$default`.",
    why: "\
Only `$default` is supported; the framework warns `must be equal to constant` and compiles the value verbatim.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  echo:
    handler: handler.echo
    events:
      - websocket:
          route: echo
          routeResponseSelectionExpression: $request.body.action
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  echo:
    handler: handler.echo
    events:
      - websocket:
          route: echo
          routeResponseSelectionExpression: $default
",
    fix: "\
Use `$default` (quick fix).

With `configValidationMode: error` this is an error, as the framework then refuses the file.",
};
