//! SLS102 wrong-type: a value of a type the framework cannot coerce.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS102",
    name: "wrong-type",
    severity: Severity::Error,
    summary: "A value of a type the framework cannot coerce.",
    checked_in: CheckedIn::Schema,
    finds: "\
A value of a type the framework's schema does not accept and cannot coerce, e.g. `memorySize: 1024MB`, an object where a string is expected, a list where an object is expected. A CloudFormation function (`!Sub`, `{Ref: ...}`) where the schema wants a plain value is reported as a warning: the framework warns, CloudFormation resolves it.",
    why: "\
The framework's schema validation warns about it and then uses the value as is: the deploy usually fails. Numbers and booleans where a string is expected, and one-item lists where a scalar is expected, are coerced by the framework and not reported. Unresolved Serverless variables are never reported; resolved values are checked like literals.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  websocketsApiName:
    nested: value
  logs:
    websocket: [INFO]
functions:
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: [$connect, $default]
          authorizer:
            name: auth
            identitySource:
              - header: Auth
  auth:
    handler: handler.auth
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  websocketsApiName: chat-api
  logs:
    websocket:
      level: INFO
functions:
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: $connect
          authorizer:
            name: auth
            identitySource:
              - route.request.header.Auth
  auth:
    handler: handler.auth
",
    fix: "\
Write the value with the documented type.

With `configValidationMode: error` this is an error, as the framework then refuses the file.",
};
