//! lodash-style deep merge (`_.merge`): objects merge key by key, arrays merge by index,
//! anything else from the source replaces the target. New keys are appended; an existing key
//! keeps its position.

use serde_json::{Map, Value};

/// Merges `source` into `target` like `_.merge(target, source)`.
pub fn merge(target: &mut Value, source: &Value) {
    match (target, source) {
        (Value::Object(t), Value::Object(s)) => merge_maps(t, s),
        (Value::Array(t), Value::Array(s)) => {
            for (i, item) in s.iter().enumerate() {
                match t.get_mut(i) {
                    Some(slot) => merge(slot, item),
                    None => t.push(item.clone()),
                }
            }
        }
        (target, source) => *target = source.clone(),
    }
}

/// Merges every entry of `source` into `target`.
pub fn merge_maps(target: &mut Map<String, Value>, source: &Map<String, Value>) {
    for (key, value) in source {
        merge_entry(target, key, value);
    }
}

/// Merges `value` into `target[key]` (inserting it at the end when the key is new).
pub fn merge_entry(target: &mut Map<String, Value>, key: &str, value: &Value) {
    match target.get_mut(key) {
        Some(slot) => merge(slot, value),
        None => {
            target.insert(key.to_owned(), value.clone());
        }
    }
}

/// [`merge`] taking the source by value: its parts are moved in instead of cloned.
pub fn merge_owned(target: &mut Value, source: Value) {
    match (target, source) {
        (Value::Object(t), Value::Object(s)) => {
            for (key, value) in s {
                merge_entry_owned(t, key, value);
            }
        }
        (Value::Array(t), Value::Array(s)) => {
            for (i, item) in s.into_iter().enumerate() {
                match t.get_mut(i) {
                    Some(slot) => merge_owned(slot, item),
                    None => t.push(item),
                }
            }
        }
        (target, source) => *target = source,
    }
}

/// [`merge_entry`] taking the key and value by value.
pub fn merge_entry_owned(target: &mut Map<String, Value>, key: String, value: Value) {
    match target.entry(key) {
        serde_json::map::Entry::Occupied(mut slot) => merge_owned(slot.get_mut(), value),
        serde_json::map::Entry::Vacant(slot) => {
            slot.insert(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_literal::json;

    #[test]
    fn objects_by_key_arrays_by_index() {
        let mut t = json!({"a": {"x": 1, "y": [1, 2, 3]}, "b": "keep", "c": 1});
        merge(
            &mut t,
            &json!({"a": {"y": [9], "z": 2}, "c": {"n": null}, "d": [1]}),
        );
        assert_eq!(
            t,
            json!({"a": {"x": 1, "y": [9, 2, 3], "z": 2}, "b": "keep", "c": {"n": null}, "d": [1]})
        );
        let keys: Vec<_> = t.as_object().into_iter().flat_map(|m| m.keys()).collect();
        assert_eq!(keys, ["a", "b", "c", "d"]);
    }

    #[test]
    fn owned_merge_matches_borrowed_merge() {
        let target = json!({"a": {"x": 1, "y": [1, {"k": 2}, 3]}, "b": "keep", "c": 1});
        let source = json!({"a": {"y": [9, {"j": 1}], "z": 2}, "c": {"n": null}, "d": [1]});
        let mut borrowed = target.clone();
        merge(&mut borrowed, &source);
        let mut owned = target;
        merge_owned(&mut owned, source);
        assert_eq!(owned, borrowed);
        let keys = |v: &Value| -> Vec<String> {
            v.as_object()
                .into_iter()
                .flat_map(|m| m.keys().cloned())
                .collect()
        };
        assert_eq!(keys(&owned), keys(&borrowed));
    }

    #[test]
    fn scalars_replace() {
        let mut t = json!({"a": {"x": 1}});
        merge(&mut t, &json!({"a": "s"}));
        assert_eq!(t, json!({"a": "s"}));
    }
}
