//! Function event compilers, in the framework's plugin order (`http` before `websocket`);
//! other event types are ignored.

pub(crate) mod http;
pub(crate) mod websocket;

use serde_json::{json, Value};

use crate::functions::Function;
use crate::provider::Service;

/// `URI(target)`: the API Gateway invocation URI of a Lambda target.
pub(crate) fn lambda_invocation_uri(target: Value) -> Value {
    json!({
        "Fn::Join": ["", [
            "arn:", { "Ref": "AWS::Partition" }, ":apigateway:", { "Ref": "AWS::Region" },
            ":lambda:path/2015-03-31/functions/", target, "/invocations"
        ]]
    })
}

/// Every `(function, event index, value)` whose event is a mapping holding `kind`.
pub(crate) fn events_of<'s, 'a>(
    service: &'s Service<'a>,
    kind: &'s str,
) -> impl Iterator<Item = (&'s Function<'a>, usize, &'a Value)> + 's {
    service.functions.iter().flat_map(move |function| {
        let events: &'a [Value] = match function.config.get("events") {
            Some(Value::Array(events)) => events,
            _ => &[],
        };
        events
            .iter()
            .enumerate()
            .filter_map(move |(index, event)| Some((function, index, event.get(kind)?)))
    })
}

/// The `https://`/`wss://` endpoint output value for an API id.
pub(crate) fn endpoint_output(scheme: &str, api: &Value, stage: &str) -> Value {
    json!({
        "Description": "URL of the service endpoint",
        "Value": {
            "Fn::Join": ["", [
                format!("{scheme}://"), api, ".execute-api.", { "Ref": "AWS::Region" }, ".",
                { "Ref": "AWS::URLSuffix" }, format!("/{stage}")
            ]]
        }
    })
}
