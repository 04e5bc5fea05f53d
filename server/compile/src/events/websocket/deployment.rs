//! `WebsocketsDeployment<hash>`: the hash of the API's resources as they are when this step
//! starts (oracle README 3.6), the Deployment itself, the Stage's `DeploymentId`, and the
//! `ServiceEndpointWebsocket` output.

use base64::Engine;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::{Ctx, WsEvent};
use crate::events::endpoint_output;
use crate::js_json;
use crate::merge;
use crate::naming;
use crate::template::Template;

/// The `<hash>` of `WebsocketsDeployment<hash>` for the given `Resources`: SHA-256 (base64,
/// non-alphanumerics removed) of `JSON.stringify` of the entries that are `WebsocketsApi`,
/// have `Properties.ApiId.Ref == "WebsocketsApi"`, or list `WebsocketsApi` in `DependsOn`.
pub fn deployment_hash(resources: &Map<String, Value>) -> String {
    let api = naming::WEBSOCKETS_API_ID;
    let picked = resources.iter().filter(|(id, resource)| {
        id.as_str() == api
            || resource
                .get("Properties")
                .and_then(|p| p.get("ApiId"))
                .and_then(|a| a.get("Ref"))
                .and_then(Value::as_str)
                == Some(api)
            || resource
                .get("DependsOn")
                .and_then(Value::as_array)
                .is_some_and(|deps| deps.iter().any(|d| d.as_str() == Some(api)))
    });
    let text = js_json::stringify_entries(picked.map(|(id, resource)| (id.as_str(), resource)));
    let digest = Sha256::digest(text.as_bytes());
    base64::engine::general_purpose::STANDARD
        .encode(digest)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

pub(super) fn compile(ctx: &Ctx<'_, '_>, events: &[WsEvent<'_, '_>], template: &mut Template) {
    let id = naming::websocket_deployment_id(&deployment_hash(&template.resources));
    let mut depends_on = Vec::new();
    for event in events {
        if event.route_response.is_some() {
            depends_on.push(Value::String(naming::websocket_route_response_id(
                &event.route,
            )));
        }
        depends_on.push(Value::String(naming::websocket_route_id(&event.route)));
    }
    let mut properties = Map::new();
    properties.insert("ApiId".into(), ctx.api.clone());
    properties.insert("Description".into(), ctx.description.clone().into());
    if ctx.existing_api {
        properties.insert("StageName".into(), ctx.service.stage.clone().into());
    }
    template.merge_resource(
        &id,
        json!({
            "Type": "AWS::ApiGatewayV2::Deployment",
            "DependsOn": depends_on,
            "Properties": Value::Object(properties)
        }),
    );
    if !ctx.existing_api {
        if let Some(Value::Object(properties)) = template
            .resources
            .get_mut(naming::WEBSOCKETS_STAGE_ID)
            .and_then(|stage| stage.get_mut("Properties"))
        {
            properties.insert("DeploymentId".into(), json!({ "Ref": id }));
        }
    }
    merge::merge_entry(
        &mut template.outputs,
        naming::WEBSOCKETS_OUTPUT_ID,
        &endpoint_output("wss", &ctx.api, &ctx.service.stage),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_selection_gives_the_constant_hash() {
        assert_eq!(
            naming::websocket_deployment_id(&deployment_hash(&Map::new())),
            "WebsocketsDeploymentRBNvo1WzZ4oRRq0W9hknpT7T8If536DEMBg9hyq4o"
        );
    }
}
