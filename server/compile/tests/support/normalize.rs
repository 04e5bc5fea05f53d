//! Port of `fixtures/oracle/normalize.py`: masks what changes between runs or needs the zip
//! (artifact folder, REST deployment timestamp, Lambda version hashes, `CodeSha256`), and the
//! `--websocket-only` filter.

use std::collections::HashMap;

use serde_json::{Map, Value};

const ARTIFACT_DIR_SHAPE: &[u8] = b"DDDDDDDDDDDDD-DDDD-DD-DDTDD:DD:DD.DDDZ";

fn replace_artifact_dirs(s: &str) -> String {
    let bytes = s.as_bytes();
    let n = ARTIFACT_DIR_SHAPE.len();
    let mut out = String::new();
    let mut i = 0;
    let mut copied = 0;
    while i + n <= bytes.len() {
        let window = &bytes[i..i + n];
        let matches = window
            .iter()
            .zip(ARTIFACT_DIR_SHAPE)
            .all(|(b, shape)| match shape {
                b'D' => b.is_ascii_digit(),
                other => b == other,
            });
        if matches {
            out.push_str(&s[copied..i]);
            out.push_str("<ARTIFACT_DIR>");
            i += n;
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[copied..]);
    out
}

fn rename_map(resources: &Map<String, Value>) -> HashMap<String, String> {
    let mut renames = HashMap::new();
    for (key, resource) in resources {
        if let Some(digits) = key.strip_prefix("ApiGatewayDeployment") {
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                renames.insert(key.clone(), "ApiGatewayDeployment<TIMESTAMP>".to_owned());
                continue;
            }
        }
        let ty = resource.get("Type").and_then(Value::as_str);
        let layer_marker = match ty {
            Some("AWS::Lambda::LayerVersion") => Some("LambdaLayer"),
            Some("AWS::Lambda::LayerVersionPermission") => Some("LambdaLayerPermission"),
            _ => None,
        };
        if let Some(marker) = layer_marker {
            // `retain: true` layers end in the zip's hash.
            if let Some(at) = key.rfind(marker) {
                let (head, hash) = key.split_at(at + marker.len());
                if !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    renames.insert(key.clone(), format!("{head}<HASH>"));
                }
            }
            continue;
        }
        if ty == Some("AWS::Lambda::Version") {
            if let Some(at) = key.rfind("LambdaVersion") {
                let (head, hash) = key.split_at(at + "LambdaVersion".len());
                if at > 0 && !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    renames.insert(key.clone(), format!("{head}<HASH>"));
                }
            }
        }
    }
    renames
}

fn walk(node: &Value, renames: &HashMap<String, String>, parent_key: Option<&str>) -> Value {
    match node {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let nk = if parent_key == Some("Resources") {
                    renames.get(k).cloned().unwrap_or_else(|| k.clone())
                } else {
                    k.clone()
                };
                let nv = if k == "CodeSha256" && v.is_string() {
                    Value::String("<CODE_SHA256>".into())
                } else {
                    walk(v, renames, Some(k))
                };
                out.insert(nk, nv);
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| walk(v, renames, parent_key)).collect())
        }
        Value::String(s) => {
            let mut s = replace_artifact_dirs(s);
            if let Some(new) = renames.get(&s) {
                return Value::String(new.clone());
            }
            if s.contains("${") {
                for (old, new) in renames {
                    s = s
                        .replace(&format!("${{{old}}}"), &format!("${{{new}}}"))
                        .replace(&format!("${{{old}."), &format!("${{{new}."));
                }
            }
            Value::String(s)
        }
        other => other.clone(),
    }
}

fn websocket_only(t: &Value) -> Value {
    let mut keep = Map::new();
    if let Some(Value::Object(resources)) = t.get("Resources") {
        for (k, v) in resources {
            let typ = v.get("Type").and_then(Value::as_str).unwrap_or("");
            if typ.starts_with("AWS::ApiGatewayV2::")
                || k.ends_with("LambdaPermissionWebsockets")
                || k == "WebsocketsLogGroup"
                || k == "CustomApiGatewayAccountCloudWatchRole"
            {
                keep.insert(k.clone(), v.clone());
            } else if k == "IamRoleLambdaExecution" {
                let mut policies = Vec::new();
                let listed = v
                    .get("Properties")
                    .and_then(|p| p.get("Policies"))
                    .and_then(Value::as_array);
                for policy in listed.into_iter().flatten() {
                    let statements: Vec<Value> = policy
                        .get("PolicyDocument")
                        .and_then(|d| d.get("Statement"))
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter(|s| s.to_string().contains("execute-api:ManageConnections"))
                        .cloned()
                        .collect();
                    if !statements.is_empty() {
                        policies.push(
                            serde_json::json!({ "PolicyDocument": { "Statement": statements } }),
                        );
                    }
                }
                if !policies.is_empty() {
                    keep.insert(
                        k.clone(),
                        serde_json::json!({ "Type": v.get("Type"), "Properties": { "Policies": policies } }),
                    );
                }
            }
        }
    }
    let mut out = Map::new();
    out.insert("Resources".into(), Value::Object(keep));
    if let Some(endpoint) = t
        .get("Outputs")
        .and_then(|o| o.get("ServiceEndpointWebsocket"))
    {
        let mut outputs = Map::new();
        outputs.insert("ServiceEndpointWebsocket".into(), endpoint.clone());
        out.insert("Outputs".into(), Value::Object(outputs));
    }
    Value::Object(out)
}

/// `normalize(template, websocket_only=...)` of normalize.py (hashes masked, key order kept).
pub fn normalize(template: &Value, only_websocket: bool) -> Value {
    let renames = match template.get("Resources") {
        Some(Value::Object(resources)) => rename_map(resources),
        _ => HashMap::new(),
    };
    let mut t = walk(template, &renames, None);
    // A layer's hash output is the hash of its zip.
    if let Some(Value::Object(outputs)) = t.get_mut("Outputs") {
        for (key, output) in outputs.iter_mut() {
            if key.ends_with("LambdaLayerHash") {
                if let Some(value) = output.get_mut("Value") {
                    *value = Value::String("<LAYER_HASH>".into());
                }
            }
        }
    }
    if only_websocket {
        websocket_only(&t)
    } else {
        t
    }
}

#[test]
fn artifact_dirs_are_masked() {
    assert_eq!(
        replace_artifact_dirs("serverless/s/dev/1795304965784-2026-11-21T23:49:25.784Z/s.zip"),
        "serverless/s/dev/<ARTIFACT_DIR>/s.zip"
    );
}
