//! Spans of the parsed pieces (the framework's own parser, checked in `tests/grammar.rs`, gives
//! offsets of variables only; these pin the sub-ranges that navigation and diagnostics use).

use super::*;

fn variable(text: &str) -> Variable {
    let template = parse(text).expect("valid").expect("has a variable");
    match template.pieces.into_iter().next() {
        Some(Piece::Variable(variable)) => variable,
        other => panic!("not a variable: {other:?}"),
    }
}

fn slice(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

fn typed(source: &Source) -> &Typed {
    match &source.kind {
        SourceKind::Typed(typed) => typed,
        SourceKind::Literal(literal) => panic!("literal {literal:?}"),
    }
}

#[test]
fn sources_names_params_and_addresses_have_their_spans() {
    let text = "x-${file( ./a.yml ):a.b , self:c, 'd'}";
    let var = variable(text);
    assert_eq!(
        slice(text, var.span),
        "${file( ./a.yml ):a.b , self:c, 'd'}"
    );
    let spans: Vec<&str> = var.sources.iter().map(|s| slice(text, s.span)).collect();
    assert_eq!(spans, ["file( ./a.yml ):a.b", "self:c", "'d'"]);
    let file = typed(&var.sources[0]);
    assert_eq!(slice(text, file.name_span), "file");
    let params = file.params.as_ref().expect("params");
    assert_eq!(slice(text, params[0].span), "./a.yml");
    let address = file.address.as_ref().expect("address");
    assert_eq!(slice(text, address.span), "a.b");
    assert_eq!(
        var.sources[2].kind,
        SourceKind::Literal(Literal::Str("d".into()))
    );
}

#[test]
fn nested_variables_are_in_their_part() {
    let text = "${self:custom.${opt:stage}.name}";
    let var = variable(text);
    let address = typed(&var.sources[0]).address.as_ref().expect("address");
    let Content::Template(template) = &address.content else {
        panic!("not a template: {address:?}");
    };
    assert_eq!(template.text, "custom.${opt:stage}.name");
    assert!(template.whole().is_none());
    let Piece::Variable(inner) = &template.pieces[0] else {
        panic!("not a variable");
    };
    assert_eq!(slice(text, inner.span), "${opt:stage}");
    assert_eq!(slice(text, typed(&inner.sources[0]).name_span), "opt");
}

#[test]
fn quoted_parts_span_their_quotes() {
    let text = r#"${file("./a b.yml"):'k'}"#;
    let file = typed(&variable(text).sources[0]).clone();
    let params = file.params.expect("params");
    assert_eq!(slice(text, params[0].span), r#""./a b.yml""#);
    assert_eq!(slice(text, file.address.expect("address").span), "'k'");
}

#[test]
fn errors_span_from_the_variable_to_the_offending_character() {
    let error = parse("ab ${self:a, dev}").expect_err("invalid");
    assert_eq!(error.kind, SyntaxErrorKind::Literal);
    assert_eq!(error.span, Span::new(3, 16), "up to the end of the literal");
    let error = parse("ab ${self:a").expect_err("invalid");
    assert_eq!(error.kind, SyntaxErrorKind::Unterminated);
    assert_eq!(error.span, Span::new(3, 11));
}

#[test]
fn text_that_only_looks_like_a_variable_is_text() {
    for text in [
        "${AWS::Region}",
        "${request.body.action}",
        "$request",
        "${a::b}",
        "{x}",
    ] {
        assert_eq!(parse(text), Ok(None), "{text}");
    }
}

/// Found by fuzzing: an error at a multi-byte character spans the whole character.
#[test]
fn an_error_at_a_wide_character_ends_after_it() {
    for text in [
        "${opt:g, é'}",
        "${opt:greeting, \u{fffd}hello'}",
        "${self:a, 😀}",
    ] {
        let error = parse(text).expect_err("invalid");
        assert!(
            text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end),
            "{text}: {:?}",
            error.span
        );
    }
}

/// Found by the hostile-input tests: 10,000 nested variables overflowed the resolver's stack.
#[test]
fn variables_nested_too_deep_are_refused() {
    let nested = |depth: usize| format!("{}x{}", "${self:a.".repeat(depth), "}".repeat(depth));
    assert!(parse(&nested(64)).is_ok());
    let error = parse(&nested(10_000)).expect_err("too deep");
    assert_eq!(error.kind, SyntaxErrorKind::TooDeep);
    assert!(error.message.contains("64 levels"), "{}", error.message);
    let unclosed = parse(&"${".repeat(10_000)).expect_err("too deep");
    assert_eq!(unclosed.kind, SyntaxErrorKind::TooDeep);
}
