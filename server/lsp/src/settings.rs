//! Client settings: `initializationOptions` and the `serverless-ls` configuration section,
//! read into `sls_analysis::Settings`.

use serde_json::Value;
use sls_analysis::Settings;
use sls_diagnostics::{code_words, Code};

/// The configuration section the server asks the client for.
pub const SECTION: &str = "serverless-ls";

/// Settings from a JSON object `{"stage": ..., "region": ..., "params": {"key": "value"},
/// "ignore": ["SLS217"]}`, over `base`: keys that are absent keep their value in `base`, `null` or an empty string
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
        ignore: read_ignore(value.get("ignore"), &base.ignore),
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

/// `ignore`: rule codes or names (`SLS217`, `websocket-tags-not-applied`), as a list of strings
/// (a single string is read as a comma-separated list). An unknown rule is logged and skipped.
fn read_ignore(value: Option<&Value>, old: &[Code]) -> Vec<Code> {
    let entries: Vec<&str> = match value {
        None => return old.to_vec(),
        Some(Value::Null) => return Vec::new(),
        Some(Value::String(text)) => vec![text],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(text) => Some(text.as_str()),
                other => {
                    tracing::warn!("setting ignore: {other} is not a rule code or name");
                    None
                }
            })
            .collect(),
        Some(other) => {
            tracing::warn!("setting ignore should be a list of rule codes or names, not {other}");
            return old.to_vec();
        }
    };
    let mut codes = Vec::new();
    for (_, word) in entries.into_iter().flat_map(code_words) {
        match Code::parse(word) {
            Some(code) if !codes.contains(&code) => codes.push(code),
            Some(_) => {}
            None => tracing::warn!(
                "setting ignore: unknown rule '{word}' (`serverless-ls rules` lists every code and name)"
            ),
        }
    }
    codes
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
            ignore: vec![Code::UnknownKey],
        };
        let merged = merge(&base, &json!({"stage": "prod", "region": null}));
        assert_eq!(merged.stage.as_deref(), Some("prod"));
        assert_eq!(merged.region, None);
        assert_eq!(merged.params, base.params);
        assert_eq!(merged.ignore, base.ignore);
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
    fn ignore_takes_codes_and_names_and_skips_unknown_rules() {
        let base = Settings::default();
        let merged = merge(
            &base,
            &json!({"ignore": ["SLS217", "duplicate-route", "SLS999", 3, "sls217"]}),
        );
        assert_eq!(
            merged.ignore,
            [Code::WebsocketTagsNotApplied, Code::DuplicateRoute]
        );
        let listed = merge(&base, &json!({"ignore": "SLS101, SLS302"}));
        assert_eq!(listed.ignore, [Code::UnknownKey, Code::HandlerFileNotFound]);
        assert_eq!(merge(&listed, &json!({"ignore": {"a": 1}})), listed);
        assert_eq!(merge(&listed, &json!({"stage": "x"})).ignore, listed.ignore);
        assert!(merge(&listed, &json!({"ignore": null})).ignore.is_empty());
        assert!(merge(&listed, &json!({"ignore": []})).ignore.is_empty());
    }

    #[test]
    fn finds_the_section() {
        let payload = json!({"serverless-ls": {"stage": "x"}, "other": 1});
        assert_eq!(section(&payload), Some(&json!({"stage": "x"})));
        assert_eq!(section(&json!({"serverless-ls": null})), None);
    }
}
