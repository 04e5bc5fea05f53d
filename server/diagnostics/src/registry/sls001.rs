//! SLS001 yaml-syntax: the file is not valid YAML.

use crate::rule::{CheckedIn, RuleInfo};
use crate::Severity;

pub const RULE: RuleInfo = RuleInfo {
    code: "SLS001",
    name: "yaml-syntax",
    severity: Severity::Error,
    summary: "The file is not valid YAML.",
    checked_in: CheckedIn::Syntax,
    finds: "\
The file is not valid YAML (or not text at all), or it uses a tag the framework's YAML loader does not know. The loader knows the YAML types (`!!str`, `!!int`, ...) and seventeen CloudFormation short forms: `!Ref`, `!GetAtt`, `!Sub`, `!Join`, `!If`, `!Equals`, `!ImportValue`, `!Select`, `!Split`, `!FindInMap`, `!GetAZs`, `!Base64`, `!Cidr`, `!And`, `!Or`, `!Not`, `!Condition`. Anything else, `!Transform` included, is an error. The same holds for a YAML file the config includes through `${file(...)}`: its problems are reported in that file.",
    why: "\
The framework cannot load the file: every command fails with `Cannot parse \"serverless.yml\"`.",
    bad: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events: [{websocket: $connect}
  other:
    handler: handler.other
",
    bad_note: None,
    good: "\
service: ws-fixture
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events: [{websocket: $connect}]
  other:
    handler: handler.other
",
    fix: "\
Fix the syntax at the reported position: close flow collections (`[`, `{`), indent with spaces (never tabs), keep one document per file. For an unknown tag, write the long form instead (`Fn::Transform:` as a key).",
};
