//! Client settings: `initializationOptions` and the `serverless-ls` configuration section,
//! read into `sls_analysis::Settings`.

use serde_json::Value;
use sls_analysis::Settings;

/// The configuration section the server asks the client for.
pub const SECTION: &str = "serverless-ls";

/// Settings from a JSON object `{"stage": ..., "region": ..., "params": {"key": "value"}}`,
/// over `base`: keys that are absent keep their value in `base`, `null` or an empty string
/// clears it, other types are ignored.
pub fn merge(base: &Settings, value: &Value) -> Settings {
    let read = |key: &str, old: &Option<String>| match value.get(key) {
        None => old.clone(),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::String(_) | Value::Null) => None,
        Some(other) => {
            tracing::warn!("setting {key} should be a string, not {other}");
            old.clone()
        }
    };
    Settings {
        stage: read("stage", &base.stage),
        region: read("region", &base.region),
        params: read_params(value.get("params"), &base.params),
    }
}

/// `params`: an object of string (or number, or boolean) values, as `--param key=value` gives.
fn read_params(value: Option<&Value>, old: &[(String, String)]) -> Vec<(String, String)> {
    match value {
        None => old.to_vec(),
        Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .filter_map(|(key, value)| {
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Number(_) | Value::Bool(_) => value.to_string(),
                    _ => return None,
                };
                Some((key.clone(), text))
            })
            .collect(),
        Some(other) => {
            tracing::warn!("setting params should be an object of strings, not {other}");
            old.to_vec()
        }
    }
}

/// The `serverless-ls` section inside a `didChangeConfiguration` payload, if it has one.
pub fn section(settings: &Value) -> Option<&Value> {
    settings.get(SECTION).filter(|v| v.is_object())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn merges_over_base() {
        let base = Settings {
            stage: Some("dev".into()),
            region: Some("eu-west-1".into()),
            params: vec![("a".into(), "1".into())],
        };
        let merged = merge(&base, &json!({"stage": "prod", "region": null}));
        assert_eq!(merged.stage.as_deref(), Some("prod"));
        assert_eq!(merged.region, None);
        assert_eq!(merged.params, base.params);
        let merged = merge(
            &base,
            &json!({"params": {"table": "t", "size": 2, "bad": {}}}),
        );
        assert_eq!(
            merged.params,
            [
                ("table".to_owned(), "t".to_owned()),
                ("size".to_owned(), "2".to_owned())
            ]
        );
        assert!(merge(&base, &json!({"params": null})).params.is_empty());
        assert_eq!(merge(&base, &json!({"stage": 3})), base);
        assert_eq!(merge(&base, &json!(null)), base);
    }

    #[test]
    fn finds_the_section() {
        let payload = json!({"serverless-ls": {"stage": "x"}, "other": 1});
        assert_eq!(section(&payload), Some(&json!({"stage": "x"})));
        assert_eq!(section(&json!({"serverless-ls": null})), None);
    }
}
