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
    let picked: Vec<(&str, &Value)> = resources
        .iter()
        .filter(|(id, resource)| {
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
        })
        .map(|(id, resource)| (id.as_str(), resource))
        .collect();
    let digest = digest_of_object(&picked, picked.len() >= WORTH_TWO_THREADS);
    base64::engine::general_purpose::STANDARD
        .encode(digest)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// SHA-256 of `JSON.stringify` of an object with these entries: the text's second half written
/// on another thread (`two_threads`) while the first half goes into the digest.
fn digest_of_object(entries: &[(&str, &Value)], two_threads: bool) -> Vec<u8> {
    let (head, tail) = entries.split_at(entries.len() / 2);
    let mut hasher = Digesting(Sha256::new());
    js_json::Sink::push_str(&mut hasher, "{");
    let ((), tail_text) = crate::parallel::both(
        two_threads,
        || {
            for (i, (key, resource)) in head.iter().enumerate() {
                js_json::write_entry(&mut hasher, i == 0, key, resource);
            }
        },
        || {
            let mut text = String::new();
            for (i, (key, resource)) in tail.iter().enumerate() {
                js_json::write_entry(&mut text, head.is_empty() && i == 0, key, resource);
            }
            text
        },
    );
    js_json::Sink::push_str(&mut hasher, &tail_text);
    js_json::Sink::push_str(&mut hasher, "}");
    hasher.0.finalize().to_vec()
}

/// APIs of at least this many resources write their text on two threads.
const WORTH_TWO_THREADS: usize = 2_048;

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
    fn two_threads_digest_the_text_one_thread_digests() {
        let resources: Vec<(String, Value)> = (0..7)
            .map(|i| {
                (
                    format!("R{i}"),
                    crate::json_literal::json!({ "Type": "T", "N": i }),
                )
            })
            .collect();
        for count in 0..resources.len() {
            let entries: Vec<(&str, &Value)> = resources[..count]
                .iter()
                .map(|(id, resource)| (id.as_str(), resource))
                .collect();
            let mut text = String::new();
            js_json::write_entries(&mut text, entries.iter().copied());
            let expected = Sha256::digest(text.as_bytes()).to_vec();
            assert_eq!(digest_of_object(&entries, false), expected, "{count}");
            assert_eq!(digest_of_object(&entries, true), expected, "{count}");
        }
    }

    #[test]
    fn empty_selection_gives_the_constant_hash() {
        assert_eq!(
            naming::websocket_deployment_id(&deployment_hash(&Map::new())),
            "WebsocketsDeploymentRBNvo1WzZ4oRRq0W9hknpT7T8If536DEMBg9hyq4o"
        );
    }
}
