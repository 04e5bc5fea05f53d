//! YAML rendering of a compiled template, through yaml-rust2's emitter (key order kept).

use serde_json::Value;
use yaml_rust2::yaml::{Hash, Yaml};
use yaml_rust2::YamlEmitter;

pub(crate) fn to_yaml(value: &Value) -> Result<String, String> {
    let mut out = String::new();
    let mut emitter = YamlEmitter::new(&mut out);
    emitter.multiline_strings(true);
    emitter
        .dump(&convert(value))
        .map_err(|e| format!("{e:?}"))?;
    Ok(out.strip_prefix("---\n").map(str::to_owned).unwrap_or(out))
}

fn convert(value: &Value) -> Yaml {
    match value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Integer(i),
            None => Yaml::Real(n.to_string()),
        },
        Value::String(s) => Yaml::String(s.clone()),
        Value::Array(items) => Yaml::Array(items.iter().map(convert).collect()),
        Value::Object(map) => {
            let mut hash = Hash::new();
            for (key, item) in map {
                hash.insert(Yaml::String(key.clone()), convert(item));
            }
            Yaml::Hash(hash)
        }
    }
}
