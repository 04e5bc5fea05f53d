//! SLS101 unknown-key: a key the framework's schema does not know.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS101",
    name: "unknown-key",
    severity: Severity::Warning,
    summary: "A key the framework's schema does not know.",
    checked_in: CheckedIn::Schema,
    finds: "\
A key the framework's own schema (Serverless Framework v3.40.0, AWS provider) does not know, anywhere in the config: at the top level, in `provider` and its settings, in a function, in an event and its nested settings. The message suggests the closest known key and the quick fix renames it. Keys a plugin may define (top level, functions, events) are not reported when `plugins:` is present; the top-level keys v4 adds (`stages`, `build`) are not reported when `frameworkVersion` asks for v4.",
    why: "\
The framework warns `unrecognized property` and ignores the key (with `configValidationMode: error` it refuses the file). Usually a typo: the setting you meant is not applied.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  websocket:
    useProviderTag: true
  logs:
    websocket:
      levle: INFO
      roleManagedExternally: true
functions:
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: $connect
          cors: true
          authorizer:
            name: auth
            identitySources:
              - route.request.header.Auth
  auth:
    handler: handler.auth
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  websocket:
    useProviderTags: true
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
Rename the key to the suggested one (quick fix when a known key is close), or remove it.

With `configValidationMode: error` this is an error, as the framework then refuses the file.",
};
