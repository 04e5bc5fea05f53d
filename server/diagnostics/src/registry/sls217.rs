//! SLS217 websocket-tags-not-applied: provider.tags are not applied to the websocket API without useProviderTags.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS217",
    name: "websocket-tags-not-applied",
    severity: Severity::Info,
    summary: "provider.tags are not applied to the websocket API without useProviderTags.",
    checked_in: CheckedIn::Rules,
    finds: "\
`provider.tags` set without `provider.websocket.useProviderTags: true`.",
    why: "\
The websocket API gets no tags (the framework records a deprecation: the next major applies them by default).",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  tags:
    team: chat
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
  tags:
    team: chat
  websocket:
    useProviderTags: true
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
",
    fix: "\
Set `provider.websocket.useProviderTags: true`.",
};
