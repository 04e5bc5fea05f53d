//! The `<hash>` of `WebsocketsDeployment<hash>`: of the API's resources as they are when the
//! deployment step starts (oracle README 3.6).

use base64::Engine;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::frozen::{Resources, Slot};
use crate::js_json;
use crate::naming;

/// The `<hash>` of `WebsocketsDeployment<hash>` for the given `Resources`: SHA-256 (base64,
/// non-alphanumerics removed) of `JSON.stringify` of the entries that are `WebsocketsApi`,
/// have `Properties.ApiId.Ref == "WebsocketsApi"`, or list `WebsocketsApi` in `DependsOn`.
pub fn deployment_hash(resources: &Map<String, Value>) -> String {
    let entries: Vec<(&str, Text<'_>)> = resources
        .iter()
        .map(|(id, resource)| (id.as_str(), Text::Tree(resource)))
        .collect();
    hash_of(&entries)
}

/// [`deployment_hash`] of the resources a rendering holds (frozen ones among them).
pub(crate) fn deployment_hash_of(resources: &Resources) -> String {
    let entries: Vec<(&str, Text<'_>)> = resources
        .iter()
        .map(|(id, slot)| {
            let text = match slot {
                Slot::Tree(resource) => Text::Tree(resource),
                Slot::Frozen(frozen) => Text::Compact(frozen.api_text()),
            };
            (id.as_str(), text)
        })
        .collect();
    hash_of(&entries)
}

/// A resource as the hash reads it.
#[derive(Clone, Copy)]
enum Text<'r> {
    Tree(&'r Value),
    /// A frozen resource's `JSON.stringify`, kept only when it belongs to the API.
    Compact(Option<&'r str>),
}

fn hash_of(entries: &[(&str, Text<'_>)]) -> String {
    let picked = picked(entries);
    // Trees are written on two threads when there are many; frozen texts are only copied, and
    // go straight into the digest.
    let trees = picked
        .iter()
        .filter(|(_, text)| matches!(text, Text::Tree(_)))
        .count();
    let digest = digest_of_object(&picked, trees >= WORTH_TWO_THREADS);
    base64::engine::general_purpose::STANDARD
        .encode(digest)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The entries of `resources` that belong to the API, in order; those of a large template
/// are picked half on another thread (reading tens of thousands of resources is slow).
fn picked<'r>(entries: &[(&'r str, Text<'r>)]) -> Vec<(&'r str, Text<'r>)> {
    let (head, tail) = entries.split_at(entries.len() / 2);
    let (mut picked, tail) = crate::parallel::both(
        entries.len() >= WORTH_TWO_THREADS,
        || pick(head),
        || pick(tail),
    );
    picked.extend(tail);
    picked
}

/// The entries of `half` that belong to the API.
fn pick<'r>(half: &[(&'r str, Text<'r>)]) -> Vec<(&'r str, Text<'r>)> {
    half.iter()
        .copied()
        .filter(|&(id, text)| match text {
            Text::Tree(resource) => belongs_to_api(id, resource),
            Text::Compact(compact) => compact.is_some(),
        })
        .collect()
}

/// Whether a resource belongs to the websocket API's hash.
pub(crate) fn belongs_to_api(id: &str, resource: &Value) -> bool {
    let api = naming::WEBSOCKETS_API_ID;
    id == api
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
}

/// SHA-256 of `JSON.stringify` of an object with these entries: the text's second half written
/// on another thread (`two_threads`) while the first half goes into the digest.
fn digest_of_object(entries: &[(&str, Text<'_>)], two_threads: bool) -> Vec<u8> {
    let (head, tail) = entries.split_at(entries.len() / 2);
    let mut hasher = Digesting::new();
    js_json::Sink::push_str(&mut hasher, "{");
    let ((), tail_text) = crate::parallel::both(
        two_threads,
        || {
            for (i, (key, resource)) in head.iter().enumerate() {
                write_entry(&mut hasher, i == 0, key, *resource);
            }
        },
        || {
            let mut text = String::new();
            for (i, (key, resource)) in tail.iter().enumerate() {
                write_entry(&mut text, head.is_empty() && i == 0, key, *resource);
            }
            text
        },
    );
    js_json::Sink::push_str(&mut hasher, &tail_text);
    js_json::Sink::push_str(&mut hasher, "}");
    hasher.finalize()
}

/// One entry of the hashed object's text (`"key":value`, after a comma unless `first`).
fn write_entry(out: &mut impl js_json::Sink, first: bool, key: &str, resource: Text<'_>) {
    match resource {
        Text::Tree(resource) => js_json::write_entry(out, first, key, resource),
        Text::Compact(compact) => {
            if !first {
                out.push_str(",");
            }
            js_json::write_string(out, key);
            out.push_str(":");
            out.push_str(compact.unwrap_or("null"));
        }
    }
}

/// Templates (and APIs) of at least this many resources are read and written on two threads.
const WORTH_TWO_THREADS: usize = 2_048;

/// Takes the JSON text into the digest as it is written (the text of a large API is
/// megabytes), a block of [`DIGEST_BLOCK`] bytes at a time: the text comes in pieces of a few
/// bytes, and the digest costs a call per piece.
struct Digesting {
    digest: Sha256,
    pending: Vec<u8>,
}

/// How much text the digest takes at once.
const DIGEST_BLOCK: usize = 1 << 16;

impl Digesting {
    fn new() -> Digesting {
        Digesting {
            digest: Sha256::new(),
            pending: Vec::with_capacity(DIGEST_BLOCK),
        }
    }

    fn finalize(mut self) -> Vec<u8> {
        self.digest.update(&self.pending);
        self.digest.finalize().to_vec()
    }
}

impl js_json::Sink for Digesting {
    fn push_str(&mut self, text: &str) {
        if self.pending.len() + text.len() > DIGEST_BLOCK {
            self.digest.update(&self.pending);
            self.pending.clear();
            if text.len() >= DIGEST_BLOCK {
                self.digest.update(text.as_bytes());
                return;
            }
        }
        self.pending.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_literal::json;

    #[test]
    fn frozen_resources_hash_as_their_trees() {
        let mut map = Map::new();
        let mut frozen = Resources::default();
        let mut buffers = crate::frozen::Buffers::default();
        for i in 0..3 * WORTH_TWO_THREADS {
            let id = format!("R{i}");
            let resource = match i % 3 {
                0 => {
                    json!({ "Type": "R", "Properties": { "ApiId": { "Ref": "WebsocketsApi" }, "N": i } })
                }
                1 => json!({ "Type": "P", "DependsOn": ["WebsocketsApi"], "N": i }),
                _ => json!({ "Type": "L", "N": i }),
            };
            match crate::frozen::Frozen::of(&id, &resource, &mut buffers) {
                Some(text) if i % 2 == 0 => frozen.insert_frozen(id.clone(), text),
                _ => frozen.insert(id.clone(), resource.clone()),
            }
            map.insert(id, resource);
        }
        assert_eq!(deployment_hash_of(&frozen), deployment_hash(&map));
    }

    #[test]
    fn two_threads_digest_the_text_one_thread_digests() {
        let resources: Vec<(String, Value)> = (0..7)
            .map(|i| (format!("R{i}"), json!({ "Type": "T", "N": i })))
            .collect();
        for count in 0..resources.len() {
            let trees: Vec<(&str, &Value)> = resources[..count]
                .iter()
                .map(|(id, resource)| (id.as_str(), resource))
                .collect();
            let mut text = String::new();
            js_json::write_entries(&mut text, trees.iter().copied());
            let entries: Vec<(&str, Text<'_>)> = trees
                .iter()
                .map(|&(id, resource)| (id, Text::Tree(resource)))
                .collect();
            let expected = Sha256::digest(text.as_bytes()).to_vec();
            assert_eq!(digest_of_object(&entries, false), expected, "{count}");
            assert_eq!(digest_of_object(&entries, true), expected, "{count}");
        }
    }

    #[test]
    fn a_large_template_is_picked_from_in_order() {
        let route = json!({ "Type": "R", "Properties": { "ApiId": { "Ref": "WebsocketsApi" } } });
        let depends = json!({ "Type": "P", "DependsOn": ["Other", "WebsocketsApi"] });
        let other = json!({ "Type": "L", "Properties": { "ApiId": { "Ref": "Other" } } });
        let mut resources = Map::new();
        for i in 0..3 * WORTH_TWO_THREADS {
            let resource = [&route, &depends, &other][i * 7 % 3].clone();
            resources.insert(format!("R{i}"), resource);
        }
        resources.insert("WebsocketsApi".into(), json!({ "Type": "A" }));
        let entries: Vec<(&str, Text<'_>)> = resources
            .iter()
            .map(|(id, resource)| (id.as_str(), Text::Tree(resource)))
            .collect();
        let ids: Vec<&str> = picked(&entries).into_iter().map(|(id, _)| id).collect();
        let mut expected: Vec<String> = (0..3 * WORTH_TWO_THREADS)
            .filter(|i| i * 7 % 3 != 2)
            .map(|i| format!("R{i}"))
            .collect();
        expected.push("WebsocketsApi".into());
        assert_eq!(ids, expected);
    }

    #[test]
    fn empty_selection_gives_the_constant_hash() {
        assert_eq!(
            naming::websocket_deployment_id(&deployment_hash(&Map::new())),
            "WebsocketsDeploymentRBNvo1WzZ4oRRq0W9hknpT7T8If536DEMBg9hyq4o"
        );
    }
}
