//! `json!`: template values written as JSON literals, with the values placed in them moved in
//! (not serialised again as `serde_json::json!` does: a rendered `Properties` map placed in a
//! resource would otherwise be copied node by node and the original freed).

use std::borrow::Cow;

use serde_json::{Map, Value};

/// A value that becomes part of a template value.
pub(crate) trait IntoJson {
    fn into_json(self) -> Value;
}

impl IntoJson for Value {
    fn into_json(self) -> Value {
        self
    }
}

impl IntoJson for &Value {
    fn into_json(self) -> Value {
        self.clone()
    }
}

impl IntoJson for Map<String, Value> {
    fn into_json(self) -> Value {
        Value::Object(self)
    }
}

impl IntoJson for String {
    fn into_json(self) -> Value {
        Value::String(self)
    }
}

impl IntoJson for &String {
    fn into_json(self) -> Value {
        Value::String(self.clone())
    }
}

impl IntoJson for &str {
    fn into_json(self) -> Value {
        Value::String(self.to_owned())
    }
}

impl IntoJson for Cow<'_, str> {
    fn into_json(self) -> Value {
        Value::String(self.into_owned())
    }
}

impl IntoJson for &Cow<'_, str> {
    fn into_json(self) -> Value {
        Value::String(self.as_ref().to_owned())
    }
}

impl IntoJson for bool {
    fn into_json(self) -> Value {
        Value::Bool(self)
    }
}

macro_rules! numbers_into_json {
    ($($ty:ty),*) => {$(
        impl IntoJson for $ty {
            fn into_json(self) -> Value {
                Value::from(self)
            }
        }
    )*};
}

numbers_into_json!(i32, i64, u16, u32, u64, usize, f64);

impl<T: IntoJson> IntoJson for Vec<T> {
    fn into_json(self) -> Value {
        Value::Array(self.into_iter().map(IntoJson::into_json).collect())
    }
}

impl<T: Copy + IntoJson> IntoJson for &[T] {
    fn into_json(self) -> Value {
        Value::Array(self.iter().map(|item| item.into_json()).collect())
    }
}

impl<T: IntoJson> IntoJson for Option<T> {
    fn into_json(self) -> Value {
        self.map_or(Value::Null, IntoJson::into_json)
    }
}

/// A JSON literal: `null`, `[...]`, `{"key": value, ...}` (keys are string literals or
/// parenthesised expressions or variables), or any expression of a type that is [`IntoJson`].
macro_rules! json {
    (null) => {
        ::serde_json::Value::Null
    };
    ([]) => {
        ::serde_json::Value::Array(::std::vec::Vec::new())
    };
    ([ $($items:tt)+ ]) => {
        $crate::json_literal::json!(@array [] [] $($items)+)
    };
    ({}) => {
        ::serde_json::Value::Object(::serde_json::Map::new())
    };
    ({ $($entries:tt)+ }) => {
        $crate::json_literal::json!(@object [] () [] $($entries)+)
    };
    // Arrays: gather one item's tokens up to a comma at the top level, then build the vector
    // of all items at once.
    (@array [$($done:expr,)*] [$($item:tt)+] , $($rest:tt)*) => {
        $crate::json_literal::json!(
            @array [$($done,)* $crate::json_literal::json!($($item)+),] [] $($rest)*
        )
    };
    (@array [$($done:expr,)*] [$($item:tt)*] $next:tt $($rest:tt)*) => {
        $crate::json_literal::json!(@array [$($done,)*] [$($item)* $next] $($rest)*)
    };
    (@array [$($done:expr,)*] [$($item:tt)+]) => {
        ::serde_json::Value::Array(::std::vec![$($done,)* $crate::json_literal::json!($($item)+)])
    };
    (@array [$($done:expr,)*] []) => {
        ::serde_json::Value::Array(::std::vec![$($done),*])
    };
    // Objects: the key, then the value's tokens up to a comma at the top level; then the map,
    // sized for its entries.
    (@object [$(($key:expr, $value:expr))*] () []) => {{
        let mut map = ::serde_json::Map::with_capacity(
            $crate::json_literal::json!(@count $($key)*)
        );
        $(map.insert(::std::string::String::from($key), $value);)*
        ::serde_json::Value::Object(map)
    }};
    (@object [$($done:tt)*] () [] $key:literal : $($rest:tt)+) => {
        $crate::json_literal::json!(@object [$($done)*] ($key) [] $($rest)+)
    };
    (@object [$($done:tt)*] () [] $key:ident : $($rest:tt)+) => {
        $crate::json_literal::json!(@object [$($done)*] ($key) [] $($rest)+)
    };
    (@object [$($done:tt)*] () [] ($key:expr) : $($rest:tt)+) => {
        $crate::json_literal::json!(@object [$($done)*] ($key) [] $($rest)+)
    };
    (@object [$($done:tt)*] ($key:expr) [$($value:tt)+] , $($rest:tt)*) => {
        $crate::json_literal::json!(
            @object [$($done)* ($key, $crate::json_literal::json!($($value)+))] () [] $($rest)*
        )
    };
    (@object [$($done:tt)*] ($key:expr) [$($value:tt)*] $next:tt $($rest:tt)*) => {
        $crate::json_literal::json!(@object [$($done)*] ($key) [$($value)* $next] $($rest)*)
    };
    (@object [$($done:tt)*] ($key:expr) [$($value:tt)+]) => {
        $crate::json_literal::json!(
            @object [$($done)* ($key, $crate::json_literal::json!($($value)+))] () []
        )
    };
    (@count $($key:tt)*) => {
        0usize $(+ $crate::json_literal::json!(@one $key))*
    };
    (@one $key:tt) => {
        1usize
    };
    ($value:expr) => {
        $crate::json_literal::IntoJson::into_json($value)
    };
}

pub(crate) use json;

#[cfg(test)]
mod tests {

    #[test]
    fn literals_equal_serde_json_literals() {
        let name = String::from("fn");
        let properties = json!({ "A": 1, "B": [true, null, "x"] });
        let built = json!({
            "Type": "AWS::Lambda::Function",
            "Name": &name,
            "Nested": { "Join": ["/", [name.clone(), { "Ref": format!("{name}Id") }]] },
            ("Computed".to_owned() + "Key"): -1.5,
            "Properties": properties,
            "Empty": {},
            "None": [],
            "Missing": Option::<String>::None,
        });
        let expected = serde_json::json!({
            "Type": "AWS::Lambda::Function",
            "Name": "fn",
            "Nested": { "Join": ["/", ["fn", { "Ref": "fnId" }]] },
            "ComputedKey": -1.5,
            "Properties": { "A": 1, "B": [true, null, "x"] },
            "Empty": {},
            "None": [],
            "Missing": null,
        });
        assert_eq!(built, expected);
        assert_eq!(
            serde_json::to_string(&built).ok(),
            serde_json::to_string(&expected).ok()
        );
    }
}
