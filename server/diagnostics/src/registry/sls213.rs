//! SLS213 suspicious-route-selection-expression: a route selection expression that selects nothing from the request body.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS213",
    name: "suspicious-route-selection-expression",
    severity: Severity::Warning,
    summary: "A route selection expression that selects nothing from the request body.",
    checked_in: CheckedIn::Rules,
    finds: "\
`provider.websocketsApiRouteSelectionExpression` that selects nothing from the request body.",
    why: "\
API Gateway only accepts `$request.body.<path>` (or `${request.body.<path>}` parts joined with literal text) for websocket APIs; anything else fails at deploy or routes every message to `$default`.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  websocketsApiRouteSelectionExpression: $request.action
functions:
  echo:
    handler: handler.echo
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  websocketsApiRouteSelectionExpression: $request.body.action
functions:
  echo:
    handler: handler.echo
",
    fix: "\
Use e.g. `$request.body.action`.",
};
