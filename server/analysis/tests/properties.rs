//! Property tests of the whole pipeline: whatever text arrives, analysis, every editor query at
//! every kind of offset, and compile return without panicking.

use proptest::prelude::*;
use sls_analysis::{Analysis, NoFiles, Settings};
use sls_diagnostics::{TextRange, TextSize};

/// Fragments that make YAML-ish text hitting the websocket rules and the parser's corners.
const FRAGMENTS: &[&str] = &[
    "service: s\n",
    "provider:\n",
    "  name: aws\n",
    "  logs:\n    websocket:\n",
    "      level: ",
    "functions:\n",
    "  f:\n",
    "    handler: h.f\n",
    "    events:\n",
    "      - websocket: ",
    "      - websocket:\n          route: ",
    "          authorizer: ",
    "          authorizer:\n            name: ",
    "            identitySource:\n              - ",
    "$connect",
    "$default",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    "\"",
    "|\n",
    ">\n",
    "&a ",
    "*a",
    "!Ref ",
    "!GetAtt ",
    "${self:custom.x}",
    "Fn::ImportValue",
    "#c",
    "😀",
    "日本",
    "---\n",
    "? ",
    "<<: *a\n",
    "~",
    "null",
];

fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

fn exercise(text: &str) {
    let analysis = Analysis::new(text, &NoFiles);
    let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
    for offset in (0..=len.saturating_add(2)).step_by(3) {
        let offset = TextSize::new(offset);
        let _ = analysis.completions(offset);
        let _ = analysis.hover(offset);
        let _ = analysis.code_actions(TextRange::new(offset, offset));
    }
    let _ = analysis.document_symbols();
    let _ = analysis.inlay_hints();
    let _ = analysis.compile(&Settings::default());
    for diagnostic in analysis.diagnostics() {
        assert!(diagnostic.range.end() <= TextSize::new(len));
        assert!(text.is_char_boundary(usize::from(diagnostic.range.start())));
        assert!(text.is_char_boundary(usize::from(diagnostic.range.end())));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn yamlish_text_never_panics(text in yamlish()) {
        exercise(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        exercise(&text);
    }
}

#[test]
fn every_prefix_of_a_real_config_is_handled() {
    let text = include_str!("../../../fixtures/bench/n10-faults/serverless.yml");
    for end in (0..=text.len())
        .filter(|i| text.is_char_boundary(*i))
        .step_by(5)
    {
        let prefix = &text[..end];
        let analysis = Analysis::new(prefix, &NoFiles);
        let _ = analysis.completions(TextSize::new(u32::try_from(end).unwrap_or(0)));
        let _ = analysis.compile(&Settings::default());
    }
}
