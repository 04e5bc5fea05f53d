//! The `<hash>` of `WebsocketsDeployment<hash>`: of the API's resources as they are when the
//! deployment step starts (oracle README 3.6).

use base64::Engine;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::js_json;
use crate::naming;

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
    let mut hasher = Digesting(Sha256::new());
    js_json::write_entries(
        &mut hasher,
        picked.map(|(id, resource)| (id.as_str(), resource)),
    );
    let digest = hasher.0.finalize();
    base64::engine::general_purpose::STANDARD
        .encode(digest)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Takes the JSON text into the digest as it is written (the text of a large API is
/// megabytes).
struct Digesting(Sha256);

impl js_json::Sink for Digesting {
    fn push_str(&mut self, text: &str) {
        self.0.update(text.as_bytes());
    }
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
