//! `config_value`: YAML (through the syntax tree) to the data the framework's loader produces.

mod support;

use serde_json::json;
use support::config_of;

#[test]
fn scalars_are_typed_by_the_core_schema() {
    let v = config_of(
        "a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: \"true\"\ng: text\nh: 0x10\ni: |\n  block\nj:\n",
    );
    assert_eq!(
        v,
        json!({"a": 1, "b": 1.5, "c": true, "d": null, "e": "1", "f": "true", "g": "text",
               "h": 16, "i": "block\n", "j": null})
    );
}

#[test]
fn cloudformation_short_forms_expand() {
    let v = config_of(
        "r: !Ref Thing\n\
         g: !GetAtt Role.Arn\n\
         g2: !GetAtt [Role, Arn]\n\
         s: !Sub 'arn:${AWS::Partition}:x'\n\
         j: !Join ['', [a, !Ref B]]\n\
         i: !ImportValue shared\n\
         c: !Condition IsProd\n\
         n: !Ref 123\n",
    );
    assert_eq!(
        v,
        json!({
            "r": {"Ref": "Thing"},
            "g": {"Fn::GetAtt": ["Role", "Arn"]},
            "g2": {"Fn::GetAtt": ["Role", "Arn"]},
            "s": {"Fn::Sub": "arn:${AWS::Partition}:x"},
            "j": {"Fn::Join": ["", ["a", {"Ref": "B"}]]},
            "i": {"Fn::ImportValue": "shared"},
            "c": {"Condition": "IsProd"},
            "n": {"Ref": "123"}
        })
    );
}

#[test]
fn merge_keys_and_aliases() {
    let v = config_of(
        "base: &base\n  a: 1\n  b: 2\nother: &other\n  b: 20\n  c: 30\n\
         m:\n  x: 0\n  <<: [*base, *other]\n  b: 3\nalias: *base\n",
    );
    assert_eq!(v["m"], json!({"x": 0, "a": 1, "b": 3, "c": 30}));
    assert_eq!(v["alias"], json!({"a": 1, "b": 2}));
    let keys: Vec<&String> = v["m"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .collect();
    assert_eq!(keys, ["x", "a", "b", "c"]);
}

#[test]
fn duplicate_keys_last_wins() {
    assert_eq!(config_of("a: 1\nb: 2\na: 3\n"), json!({"a": 3, "b": 2}));
}

#[test]
fn alias_bombs_stay_cheap() {
    let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let started = std::time::Instant::now();
    let v = config_of(&yaml);
    assert!(started.elapsed().as_secs() < 5);
    fn count(v: &serde_json::Value) -> usize {
        1 + match v {
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            serde_json::Value::Object(m) => m.values().map(count).sum(),
            _ => 0,
        }
    }
    let n = count(&v);
    assert!(n <= sls_compile::NODE_BUDGET + 200, "{n}");
}
