//! Quick fixes keep the file's own syntax: quoting style, JSON stays JSON, CRLF stays CRLF.

use sls_analysis::{apply_edits, Analysis, NoFiles};
use sls_diagnostics::{TextRange, TextSize};

/// Applies every fix offered over the whole text, one at a time, and returns the results.
fn fixed_texts(text: &str) -> Vec<String> {
    let analysis = Analysis::new(text, &NoFiles);
    let all = TextRange::new(TextSize::new(0), TextSize::new(text.len() as u32));
    analysis
        .code_actions(all)
        .iter()
        .map(|action| apply_edits(text, &action.edits))
        .collect()
}

#[test]
fn fixes_in_json_keep_double_quotes() {
    let text = r#"{"service": "s", "provider": {"name": "aws", "logs": {"websocket": {"levle": "INFO"}}}}"#;
    assert_eq!(
        fixed_texts(text),
        [
            r#"{"service": "s", "provider": {"name": "aws", "logs": {"websocket": {"level": "INFO"}}}}"#
        ]
    );
    let text = r#"{"service": "s", "provider": {"name": "aws", "logs": {"websocket": {"level": "error"}}}}"#;
    assert_eq!(
        fixed_texts(text),
        [
            r#"{"service": "s", "provider": {"name": "aws", "logs": {"websocket": {"level": "ERROR"}}}}"#
        ]
    );
}

#[test]
fn fixes_keep_single_quotes_and_plain_scalars() {
    let text = "provider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - websocket:\n          route: '$Connect'\n";
    assert_eq!(
        fixed_texts(text),
        ["provider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - websocket:\n          route: '$connect'\n"]
    );
}

#[test]
fn removing_a_line_keeps_crlf_line_endings() {
    let text = "provider:\r\n  name: aws\r\nfunctions:\r\n  f:\r\n    handler: h.f\r\n    events:\r\n      - websocket:\r\n          route: $connect\r\n          authorizer:\r\n            name: auth\r\n            arn: arn:aws:lambda:us-east-1:1:function:auth\r\n";
    let fixed = fixed_texts(text);
    assert_eq!(fixed.len(), 1);
    assert_eq!(
        fixed[0],
        "provider:\r\n  name: aws\r\nfunctions:\r\n  f:\r\n    handler: h.f\r\n    events:\r\n      - websocket:\r\n          route: $connect\r\n          authorizer:\r\n            arn: arn:aws:lambda:us-east-1:1:function:auth\r\n"
    );
}
