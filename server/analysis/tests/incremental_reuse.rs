//! An analysis reusing the previous version's (its parse and its functions' schema validation)
//! finds exactly what an analysis from scratch finds, also where variables change what a
//! function holds, and reuses what it may.

use sls_analysis::{Analysis, NoFiles};

const TEXT: &str = "service: svc
provider:
  name: aws
custom:
  timeout: soon
  memory: 1024
functions:
  plain:
    handler: a.plain
    unknownKey: 1
  resolved:
    handler: a.resolved
    timeout: ${self:custom.timeout}
  memory:
    handler: a.memory
    memorySize: ${self:custom.memory}
  last:
    handler: a.last
    events:
      - websocket: $connect
";

/// The analysis of `edited` reusing that of `text`, checked against one from scratch; how many
/// functions it did not validate again.
fn reused_after(text: &str, edited: &str) -> usize {
    let first = Analysis::new_incremental(text, &NoFiles, None);
    assert_eq!(
        first.diagnostics(),
        Analysis::new(text, &NoFiles).diagnostics()
    );
    let second = Analysis::new_incremental(edited, &NoFiles, Some(&first));
    let fresh = Analysis::new(edited, &NoFiles);
    assert_eq!(second.diagnostics(), fresh.diagnostics(), "{edited}");
    second.reusable().functions_validated_before()
}

#[test]
fn an_edit_elsewhere_reuses_the_functions_and_finds_the_same() {
    let edited = TEXT.replace("service: svc", "service: svc\nframeworkVersion: '3'");
    // Each function but those a variable writes into: `plain` and `last`.
    assert_eq!(reused_after(TEXT, &edited), 2);
}

#[test]
fn a_changed_variable_target_changes_the_function_it_is_written_in() {
    // `resolved` is unchanged text, but its timeout now resolves to a number: its SLS1xx goes.
    let edited = TEXT.replace("timeout: soon", "timeout: 30");
    let before = Analysis::new(TEXT, &NoFiles);
    let after = Analysis::new(&edited, &NoFiles);
    assert_ne!(before.diagnostics(), after.diagnostics());
    assert_eq!(reused_after(TEXT, &edited), 2);
}

#[test]
fn an_edited_function_is_validated_again() {
    let edited = TEXT.replace("unknownKey: 1", "unknownKey: 1\n    alsoUnknown: 2");
    assert_eq!(reused_after(TEXT, &edited), 1, "only `last`");
}

#[test]
fn a_chain_of_edits_stays_exact() {
    let mut previous = Analysis::new_incremental(TEXT, &NoFiles, None);
    let mut text = TEXT.to_owned();
    for step in 0..6 {
        text = match step % 3 {
            0 => text.replace("a.plain", &format!("a.plain{step}")),
            1 => format!("{text}  added{step}:\n    handler: x.y\n    bad{step}: true\n"),
            _ => text.replace("memory: 1024", &format!("memory: {}", 128 * (step + 1))),
        };
        let next = Analysis::new_incremental(&text, &NoFiles, Some(&previous));
        assert_eq!(
            next.diagnostics(),
            Analysis::new(&text, &NoFiles).diagnostics(),
            "step {step}: {text}"
        );
        previous = next;
    }
}
