//! The variable grammar against the framework's own parser: `fixtures/grammar.json` holds the
//! output of serverless@3.40.0's `parse` for hand-written and random strings (made by
//! `fixtures/grammar.gen.js`); `parse` must find the same variables, sources, params,
//! addresses, nested variables and escapes at the same offsets, and fail where it fails.

use serde_json::{json, Map, Value};
use sls_vars::parse::{Content, Literal, Part, Piece, SourceKind, SyntaxErrorKind, Template};

#[test]
fn parse_agrees_with_the_framework_on_every_fixture_string() {
    let fixture: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/grammar.json")).expect("fixture is JSON");
    assert!(fixture.len() > 2000, "the fixture lost its cases");
    let mut failures = Vec::new();
    for case in &fixture {
        let input = case["input"].as_str().expect("input");
        let expected = normalize(&case["result"]);
        let actual = match sls_vars::parse(input) {
            Ok(None) => Value::Null,
            Ok(Some(template)) => pieces_as_js(input, &template.pieces, 0, template.text.len()),
            Err(error) => json!({ "error": framework_code(error.kind) }),
        };
        if actual != expected {
            failures.push(format!(
                "{input:?}\n  framework: {expected}\n  ours:      {actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn framework_code(kind: SyntaxErrorKind) -> &'static str {
    match kind {
        SyntaxErrorKind::SourceName => "INVALID_VARIABLE_TYPE",
        SyntaxErrorKind::Source => "INVALID_VARIABLE_SOURCE",
        SyntaxErrorKind::Literal => "INVALID_VARIABLE_LITERAL_SOURCE",
        SyntaxErrorKind::Param => "INVALID_VARIABLE_PARAM",
        SyntaxErrorKind::Address => "INVALID_VARIABLE_ADDRESS",
        SyntaxErrorKind::String => "INVALID_VARIABLE_STRING_LITERAL",
        SyntaxErrorKind::Unterminated => "UNTERMINATED_VARIABLE",
        SyntaxErrorKind::TooDeep => "TOO_DEEP (not a framework code)",
    }
}

/// The framework's shape: a list of `{start, end, sources}` / `{start, end, value}` with
/// offsets in UTF-16 units relative to the enclosing text, `start`/`end` left out when one
/// variable spans the whole text.
fn pieces_as_js(input: &str, pieces: &[Piece], offset: usize, text_len: usize) -> Value {
    let at = |byte: usize| input[offset..byte].encode_utf16().count();
    let whole = matches!(pieces, [Piece::Variable(v)] if v.span.start == offset && v.span.len() == text_len);
    let list = pieces
        .iter()
        .map(|piece| {
            let mut object = Map::new();
            if !whole {
                object.insert("start".into(), json!(at(piece.span().start)));
                object.insert("end".into(), json!(at(piece.span().end)));
            }
            match piece {
                Piece::Escape(escape) => {
                    object.insert("value".into(), json!(escape.text));
                }
                Piece::Variable(variable) => {
                    let sources = variable.sources.iter().map(|source| match &source.kind {
                        SourceKind::Literal(literal) => json!({ "value": literal_as_js(literal) }),
                        SourceKind::Typed(typed) => {
                            let mut object = Map::new();
                            object.insert("type".into(), json!(typed.name));
                            if let Some(params) = &typed.params {
                                let params = params.iter().map(|p| part_as_js(input, p)).collect();
                                object.insert("params".into(), Value::Array(params));
                            }
                            if let Some(address) = &typed.address {
                                object.insert("address".into(), part_as_js(input, address));
                            }
                            Value::Object(object)
                        }
                    });
                    object.insert("sources".into(), Value::Array(sources.collect()));
                }
            }
            Value::Object(object)
        })
        .collect();
    Value::Array(list)
}

fn part_as_js(input: &str, part: &Part) -> Value {
    match &part.content {
        Content::Literal(literal) => json!({ "value": literal_as_js(literal) }),
        Content::Template(Template {
            text,
            offset,
            pieces,
        }) => json!({
            "value": text,
            "variables": pieces_as_js(input, pieces, *offset, text.len()),
        }),
    }
}

fn literal_as_js(literal: &Literal) -> Value {
    match literal {
        Literal::Str(s) => json!(s),
        Literal::Num(n) => normalize(&json!(n)),
        Literal::Bool(b) => json!(b),
        Literal::Null => Value::Null,
    }
}

/// Integral numbers compare as integers; non-finite ones are `null` in JSON.
fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => json!(f as i64),
            Some(f) if f.is_finite() => json!(f),
            _ => Value::Null,
        },
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}
