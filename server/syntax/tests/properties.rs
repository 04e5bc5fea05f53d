//! Property tests: `parse` never panics and its tree is well-formed on arbitrary and YAML-ish
//! text; `LineIndex` round-trips every char boundary in UTF-8, UTF-16 and UTF-32.

mod common;

use common::check_invariants;
use proptest::prelude::*;
use sls_syntax::{parse, LineCol, LineIndex, NodeKind, Parse, ScalarStyle, TextSize, WideEncoding};

const FRAGMENTS: &[&str] = &[
    "-",
    "- ",
    ":",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ",",
    "'",
    "\"",
    "|",
    ">",
    "|-",
    "\t",
    "\n",
    "\r",
    "\r\n",
    " ",
    "  ",
    "    ",
    "&a ",
    "*a",
    "&b",
    "*b",
    "!Ref ",
    "!GetAtt ",
    "!!str ",
    "😀",
    "é",
    "中文",
    "a",
    "key",
    "value",
    "# c",
    "#",
    "? ",
    "---",
    "...",
    "\\",
    "\\u00e9",
    "%",
    "<<: ",
    "\u{feff}",
    "0",
    "1.5",
    "null",
    "~",
    "${self:x}",
    "''",
    "\"\"",
    "@",
    "`",
];

fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

/// Line-structured YAML-ish text: indentation, a key or dash, then fragments.
fn yamlish_lines() -> impl Strategy<Value = String> {
    let line = (
        0usize..6,
        prop::sample::select(&["", "- ", "k: ", "- k: ", "? "][..]),
        yamlish(),
    )
        .prop_map(|(indent, lead, rest)| format!("{}{lead}{rest}\n", "  ".repeat(indent)));
    prop::collection::vec(line, 0..12).prop_map(|lines| lines.concat())
}

/// What the source slice of each scalar must look like for its style.
fn check_scalars(text: &str, parsed: &Parse) -> Result<(), String> {
    for node in &parsed.tree.nodes {
        let NodeKind::Scalar(scalar) = &node.kind else {
            continue;
        };
        if node.props.is_some() {
            continue;
        }
        let slice = &text[usize::from(node.range.start())..usize::from(node.range.end())];
        let quoted = |q: char| slice.len() >= 2 && slice.starts_with(q) && slice.ends_with(q);
        let ok = match scalar.style {
            ScalarStyle::Plain => {
                let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().concat();
                squeeze(slice) == squeeze(&scalar.value)
            }
            ScalarStyle::SingleQuoted => quoted('\''),
            ScalarStyle::DoubleQuoted => quoted('"'),
            ScalarStyle::Literal => slice.starts_with('|'),
            ScalarStyle::Folded => slice.starts_with('>'),
        };
        if !ok {
            return Err(format!(
                "{:?} scalar {:?} has slice {slice:?}",
                scalar.style, scalar.value
            ));
        }
    }
    Ok(())
}

fn check_parse(text: &str) -> Result<(), TestCaseError> {
    let parsed = parse(text);
    check_invariants(text, &parsed).map_err(TestCaseError::fail)?;
    // Scalar slices are only checked where yaml-rust2 accepted everything.
    if parsed.errors.is_empty() {
        check_scalars(text, &parsed).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

fn check_line_index(text: &str) -> Result<(), TestCaseError> {
    let index = LineIndex::new(text);
    let bytes = text.as_bytes();
    for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
        // Between the `\r` and `\n` of a `\r\n` is not a position LSP can name.
        if offset > 0 && bytes.get(offset - 1) == Some(&b'\r') && bytes.get(offset) == Some(&b'\n')
        {
            continue;
        }
        let size = TextSize::try_from(offset).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let lc = index.line_col(size);
        prop_assert_eq!(index.offset(lc), Some(size), "offset {}", offset);
        for enc in [WideEncoding::Utf16, WideEncoding::Utf32] {
            let wide = index.to_wide(enc, lc);
            prop_assert_eq!(
                index.to_utf8(enc, wide),
                lc,
                "{:?} at offset {}",
                enc,
                offset
            );
        }
        let line_text = &text[offset - lc.col as usize..offset];
        let wide16 = index.to_wide(WideEncoding::Utf16, lc);
        prop_assert_eq!(wide16.col as usize, line_text.encode_utf16().count());
        let wide32 = index.to_wide(WideEncoding::Utf32, lc);
        prop_assert_eq!(wide32.col as usize, line_text.chars().count());
    }
    let lines = text
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .count();
    prop_assert_eq!(index.line_count() as usize, lines);
    prop_assert_eq!(
        index.offset(LineCol {
            line: index.line_count(),
            col: 0
        }),
        None
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_parses(text in any::<String>()) {
        check_parse(&text)?;
    }

    #[test]
    fn yamlish_text_parses(text in yamlish()) {
        check_parse(&text)?;
    }

    #[test]
    fn yamlish_lines_parse(text in yamlish_lines()) {
        check_parse(&text)?;
    }

    #[test]
    fn line_index_round_trips(text in "(\\PC|[\r\n\t]|\r\n|😀|é)*") {
        check_line_index(&text)?;
    }

    #[test]
    fn line_index_round_trips_yamlish(text in yamlish()) {
        check_line_index(&text)?;
    }
}
