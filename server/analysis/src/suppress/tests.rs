//! Suppression comments and the `ignore` setting through the whole analysis.

use sls_diagnostics::{Code, FileId, TextRange, TextSize};
use sls_vars::{FileRead, Host};

use crate::{apply_edits, Analysis, Environment, NoFiles, Settings};

/// Two unknown provider keys: SLS101 on line 3 (`foo`) and line 4 (`bar`).
const TWO_UNKNOWN: &str = "service: demo\nprovider:\n  name: aws\n  foo: 1\n  bar: 2\n";

fn analyse(text: &str) -> Analysis {
    Analysis::new(text, &NoFiles)
}

/// `(code, 0-based line)` of every diagnostic of the config.
fn found(analysis: &Analysis) -> Vec<(&'static str, u32)> {
    analysis
        .diagnostics()
        .iter()
        .filter(|d| d.file == FileId::MAIN)
        .map(|d| {
            let line = analysis.line_index().line_col(d.range.start()).line;
            (d.code.as_str(), line)
        })
        .collect()
}

fn with_lines(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

#[test]
fn without_comments_both_are_reported() {
    assert_eq!(found(&analyse(TWO_UNKNOWN)), [("SLS101", 3), ("SLS101", 4)]);
}

#[test]
fn a_comment_at_the_end_of_a_line_silences_that_line_only() {
    let text = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore SLS101");
    assert_eq!(found(&analyse(&text)), [("SLS101", 4)]);
}

#[test]
fn a_comment_alone_on_a_line_silences_the_next_line_only() {
    let text = with_lines(&[
        "service: demo",
        "provider:",
        "  name: aws",
        "  # serverless-ls-ignore SLS101",
        "  foo: 1",
        "  bar: 2",
    ]);
    assert_eq!(found(&analyse(&text)), [("SLS101", 5)]);
    // Not across a blank line: "directly above" only.
    let spaced = text.replace("SLS101\n", "SLS101\n\n");
    assert_eq!(found(&analyse(&spaced)), [("SLS101", 5), ("SLS101", 6)]);
}

#[test]
fn rule_names_and_lists_with_commas_and_spaces() {
    let text = TWO_UNKNOWN
        .replace("foo: 1", "foo: 1 # serverless-ls-ignore unknown-key")
        .replace(
            "bar: 2",
            "bar: 2 #serverless-ls-ignore SLS201, sls101 duplicate-key",
        );
    assert_eq!(found(&analyse(&text)), []);
    // Another code on the line silences nothing.
    let other = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore SLS201");
    assert_eq!(found(&analyse(&other)), [("SLS101", 3), ("SLS101", 4)]);
}

#[test]
fn a_file_comment_before_the_first_key_silences_the_whole_file() {
    let text = format!("# a header\n# serverless-ls-ignore-file SLS201,unknown-key\n{TWO_UNKNOWN}");
    assert_eq!(found(&analyse(&text)), []);
    // After the first key it silences nothing and says so.
    let late = TWO_UNKNOWN.replace("name: aws", "name: aws # serverless-ls-ignore-file SLS101");
    let analysis = analyse(&late);
    assert_eq!(
        found(&analysis),
        [("SLS003", 2), ("SLS101", 3), ("SLS101", 4)]
    );
    let keyword = late.find("serverless-ls-ignore-file").expect("the keyword");
    assert_eq!(
        analysis.diagnostics()[0].range,
        TextRange::at(TextSize::new(keyword as u32), TextSize::new(25))
    );
}

#[test]
fn a_directive_inside_a_scalar_is_not_a_comment() {
    for value in [
        "'x # serverless-ls-ignore SLS101'",
        "\"x # serverless-ls-ignore SLS101\"",
        "x#serverless-ls-ignore",
        "|\n    x # serverless-ls-ignore SLS101",
    ] {
        let text = TWO_UNKNOWN.replace("foo: 1", &format!("foo: {value}"));
        let analysis = analyse(&text);
        let codes: Vec<_> = found(&analysis).into_iter().map(|(code, _)| code).collect();
        assert_eq!(codes, ["SLS101", "SLS101"], "{text}");
    }
    // A block scalar's lines are content, even when they look like a comment above a key.
    let text = TWO_UNKNOWN.replace("foo: 1\n", "foo: |\n    # serverless-ls-ignore SLS101\n");
    assert_eq!(found(&analyse(&text)), [("SLS101", 3), ("SLS101", 5)]);
}

#[test]
fn an_unknown_code_is_sls003_on_its_own_text() {
    let text = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore SLS101,SLS999 nope");
    let analysis = analyse(&text);
    assert_eq!(
        found(&analysis),
        [("SLS003", 3), ("SLS003", 3), ("SLS101", 4)]
    );
    let at = |word: &str| text.find(word).expect("the word") as u32;
    let ranges: Vec<_> = analysis.diagnostics()[..2]
        .iter()
        .map(|d| d.range)
        .collect();
    assert_eq!(
        ranges,
        [
            TextRange::at(at("SLS999").into(), TextSize::new(6)),
            TextRange::at(at("nope").into(), TextSize::new(4))
        ]
    );
    assert_eq!(
        analysis.diagnostics()[0].severity,
        sls_diagnostics::Severity::Warning
    );
}

#[test]
fn sls003_cannot_be_silenced_by_a_comment() {
    let text = TWO_UNKNOWN.replace(
        "foo: 1",
        "foo: 1 # serverless-ls-ignore SLS003,SLS999,unknown-suppression",
    );
    assert_eq!(
        found(&analyse(&text)),
        [("SLS101", 3), ("SLS003", 3), ("SLS101", 4)]
    );
    let file_level = format!("# serverless-ls-ignore-file SLS003\n{text}");
    assert_eq!(
        found(&analyse(&file_level)),
        [("SLS101", 4), ("SLS003", 4), ("SLS101", 5)]
    );
}

#[test]
fn empty_and_unknown_directives_are_sls003() {
    let empty = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore");
    assert_eq!(
        found(&analyse(&empty)),
        [("SLS101", 3), ("SLS003", 3), ("SLS101", 4)]
    );
    let unknown = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore-line SLS101");
    assert_eq!(
        found(&analyse(&unknown)),
        [("SLS101", 3), ("SLS003", 3), ("SLS101", 4)]
    );
}

fn environment(is_json: bool, ignore: Vec<Code>) -> Environment<'static> {
    Environment {
        is_json,
        settings: Settings {
            ignore,
            ..Settings::default()
        },
        ..Environment::isolated(&NoFiles)
    }
}

#[test]
fn json_configs_have_no_comments() {
    let text = "# serverless-ls-ignore-file SLS101 SLS999\n{\"service\": \"demo\", \"provider\": {\"name\": \"aws\", \"foo\": 1}}\n";
    let json = Analysis::in_environment(text, &environment(true, Vec::new()));
    assert_eq!(found(&json), [("SLS101", 1)]);
    let everything = TextRange::up_to(TextSize::of(text));
    assert_eq!(json.suppression_actions(everything), []);
    // Read as YAML, the same text has a comment.
    let yaml = Analysis::in_environment(text, &environment(false, Vec::new()));
    assert_eq!(found(&yaml), [("SLS003", 0)]);
    assert_eq!(yaml.suppression_actions(everything), []);
}

#[test]
fn the_ignore_setting_drops_a_rule_everywhere() {
    let text = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore SLS999");
    let analysis = Analysis::in_environment(&text, &environment(false, vec![Code::UnknownKey]));
    assert_eq!(found(&analysis), [("SLS003", 3)]);
    let both = vec![Code::UnknownKey, Code::UnknownSuppression];
    let analysis = Analysis::in_environment(&text, &environment(false, both));
    assert_eq!(found(&analysis), []);
}

/// `provider.yml`, included by the config.
struct Included;

impl Host for Included {
    fn read_file(&self, path: &str) -> FileRead {
        match path {
            "provider.yml" => FileRead::Text(
                "name: aws # serverless-ls-ignore SLS999\nfoo: 1 # serverless-ls-ignore SLS101\nbar: 2\n"
                    .to_owned(),
            ),
            _ => FileRead::NotFound,
        }
    }

    fn env(&self, _name: &str) -> Option<String> {
        None
    }
}

#[test]
fn an_included_file_has_its_own_comments() {
    let text = "service: demo\nprovider: ${file(./provider.yml)} # serverless-ls-ignore SLS101\n";
    let environment = Environment {
        host: &Included,
        ..Environment::isolated(&NoFiles)
    };
    let analysis = Analysis::in_environment(text, &environment);
    let included: Vec<_> = analysis
        .diagnostics()
        .iter()
        .map(|d| {
            let lines = analysis.file_line_index(d.file).expect("a line index");
            (
                d.file,
                d.code.as_str(),
                lines.line_col(d.range.start()).line,
            )
        })
        .collect();
    assert_eq!(
        included,
        [(FileId(1), "SLS003", 0), (FileId(1), "SLS101", 2)]
    );
    // The quick fix edits the included file's own text.
    let file_text = analysis.file_text(FileId(1)).expect("the included text");
    let everything = TextRange::up_to(TextSize::of(file_text));
    let actions = analysis.suppression_actions_in(FileId(1), everything);
    assert_eq!(actions.len(), 1);
    assert!(apply_edits(file_text, &actions[0].edits)
        .ends_with("bar: 2 # serverless-ls-ignore SLS101\n"));
    assert_eq!(analysis.suppression_actions_in(FileId(2), everything), []);
}

/// The config after applying every suppression action offered over the whole text, one at a
/// time.
fn suppressed(text: &str) -> Vec<(String, String)> {
    let analysis = analyse(text);
    analysis
        .suppression_actions(TextRange::up_to(TextSize::of(text)))
        .into_iter()
        .map(|action| {
            assert!(!action.is_preferred);
            (action.title, apply_edits(text, &action.edits))
        })
        .collect()
}

#[test]
fn the_quick_fix_adds_a_comment_at_the_end_of_the_line() {
    let fixed = suppressed(TWO_UNKNOWN);
    assert_eq!(fixed.len(), 2);
    assert_eq!(fixed[0].0, "Suppress SLS101 on this line");
    assert_eq!(
        fixed[0].1,
        TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore SLS101")
    );
    assert_eq!(found(&analyse(&fixed[0].1)), [("SLS101", 4)]);
    // Trailing blanks stay after the comment's place; CRLF is kept.
    let crlf = TWO_UNKNOWN.replace("foo: 1\n", "foo: 1  \r\n");
    assert_eq!(
        suppressed(&crlf)[0].1,
        crlf.replace("foo: 1  \r\n", "foo: 1 # serverless-ls-ignore SLS101  \r\n")
    );
}

#[test]
fn the_quick_fix_appends_to_a_suppression_already_on_the_line() {
    let text = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore SLS201 # why");
    let fixed = suppressed(&text);
    assert_eq!(
        fixed[0].1,
        TWO_UNKNOWN.replace(
            "foo: 1",
            "foo: 1 # serverless-ls-ignore SLS201,SLS101 # why"
        )
    );
    // Before another comment, which stays.
    let text = TWO_UNKNOWN.replace("foo: 1", "foo: 1  # a note");
    assert_eq!(
        suppressed(&text)[0].1,
        TWO_UNKNOWN.replace("foo: 1", "foo: 1  # serverless-ls-ignore SLS101 # a note")
    );
    assert_eq!(found(&analyse(&suppressed(&text)[0].1)), [("SLS101", 4)]);
}

#[test]
fn no_quick_fix_for_syntax_errors_sls003_or_inside_a_multi_line_value() {
    let broken = "service: demo\nprovider: [\n";
    assert!(found(&analyse(broken)).contains(&("SLS001", 2)));
    assert!(suppressed(broken)
        .iter()
        .all(|(title, _)| !title.contains("SLS001")));
    let text = TWO_UNKNOWN.replace("foo: 1", "foo: 1 # serverless-ls-ignore SLS999");
    let titles: Vec<_> = suppressed(&text)
        .into_iter()
        .map(|(title, _)| title)
        .collect();
    assert_eq!(titles, ["Suppress SLS101 on this line"; 2]);
    // The value continues on the next line: a comment after `'a` would be in the value.
    let text = "service: demo\nprovider:\n  name: aws\n  memorySize: 'a\n    b'\n";
    let analysis = analyse(text);
    assert!(
        found(&analysis).iter().any(|(_, line)| *line == 3),
        "{:?}",
        found(&analysis)
    );
    assert_eq!(suppressed(text), []);
}
