//! JavaScript deep equality between config values and schema constants (`enum`, `const`,
//! `uniqueItems`).

use serde_json::Value;

use super::instance::{Inst, Instance, Js};

/// Whether a config value equals a schema constant.
pub fn deep_equal(instance: &mut Instance<'_>, inst: Inst, value: &Value) -> bool {
    match (instance.js(inst), value) {
        (Js::Null, Value::Null) => true,
        (Js::Bool(a), Value::Bool(b)) => a == *b,
        (Js::Number(a), Value::Number(b)) => b.as_f64() == Some(a),
        (Js::String(a), Value::String(b)) => a == b,
        (Js::Array, Value::Array(expected)) => {
            let items = instance.items(inst);
            items.len() == expected.len()
                && items
                    .iter()
                    .zip(expected)
                    .all(|((_, item), value)| deep_equal(instance, *item, value))
        }
        (Js::Object, Value::Object(expected)) => {
            let entries = instance.entries(inst);
            entries.len() == expected.len()
                && entries.iter().all(|entry| {
                    expected
                        .get(entry.key)
                        .is_some_and(|value| deep_equal(instance, entry.value, value))
                })
        }
        _ => false,
    }
}

/// Whether two config values are equal (for `uniqueItems`).
pub fn insts_equal(instance: &mut Instance<'_>, a: Inst, b: Inst) -> bool {
    match (instance.js(a), instance.js(b)) {
        (Js::Unknown, _) | (_, Js::Unknown) => false,
        (Js::Array, Js::Array) => {
            let (left, right) = (instance.items(a), instance.items(b));
            left.len() == right.len()
                && left
                    .iter()
                    .zip(&right)
                    .all(|((_, x), (_, y))| insts_equal(instance, *x, *y))
        }
        (Js::Object, Js::Object) => {
            let (left, right) = (instance.entries(a), instance.entries(b));
            left.len() == right.len()
                && left.iter().all(|l| {
                    right
                        .iter()
                        .find(|r| r.key == l.key)
                        .is_some_and(|r| insts_equal(instance, l.value, r.value))
                })
        }
        (x, y) => x == y,
    }
}
