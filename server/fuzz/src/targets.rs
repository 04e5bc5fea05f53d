//! The fuzz targets: plain functions over bytes that panic when something is wrong, so the
//! deterministic harness (`tests/fuzz.rs`) and cargo-fuzz (`fuzz/` at the repository root) run
//! the same code.
//!
//! An input holds two texts, a document before and after an edit, split at the first U+001F
//! (without one, the same text twice); each is read as UTF-8 with invalid sequences replaced.
//! The "before" text lets the targets check the incremental paths against the full ones.

use sls_analysis::{Analysis, Environment, FileProbe, Settings};
use sls_diagnostics::{TextRange, TextSize};
use sls_syntax::{LineIndex, Node};

use crate::check;
use crate::rng::{hash, Rng};

/// Separates the "before" and "after" texts of an input.
pub const SEPARATOR: char = '\u{1f}';

/// A named fuzz target.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
}

/// Every target.
pub const TARGETS: &[Target] = &[
    Target {
        name: "syntax",
        run: syntax,
    },
    Target {
        name: "analysis",
        run: analysis,
    },
    Target {
        name: "ide",
        run: ide,
    },
    Target {
        name: "compile",
        run: compile,
    },
    Target {
        name: "variables",
        run: variables,
    },
];

/// The input for a document edited from `before` to `after`.
pub fn input(before: &str, after: &str) -> Vec<u8> {
    format!("{before}{SEPARATOR}{after}").into_bytes()
}

/// The "before" and "after" texts of an input.
pub fn texts(data: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(data);
    match text.split_once(SEPARATOR) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (text.to_string(), text.into_owned()),
    }
}

/// Says that a file exists depending on its name, so handler rules fire for some functions.
struct SomeFiles;

impl FileProbe for SomeFiles {
    fn exists(&self, relative_path: &str) -> bool {
        hash(relative_path.as_bytes()) & 1 == 0
    }
}

/// The parser: a well-formed tree, and the incremental parse and the parse in two halves equal
/// to the full one.
pub fn syntax(data: &[u8]) {
    let (before, after) = texts(data);
    let full = sls_syntax::parse(&after);
    for error in &full.errors {
        check::range(&after, error.range, "syntax error");
    }
    let index = LineIndex::new(&after);
    let mut stack: Vec<Node<'_>> = full.tree.root().into_iter().collect();
    let mut visited = 0;
    while let Some(node) = stack.pop() {
        visited += 1;
        check::range(&after, node.range(), "node");
        if visited <= 200 {
            check::round_trip(&index, node.range().start());
            check::round_trip(&index, node.range().end());
        }
        let mut previous_end = node.range().start();
        for child in node.children() {
            check::inside(node.range(), child.range(), "child node");
            assert!(child.range().start() >= previous_end, "children overlap");
            previous_end = child.range().end();
            stack.push(child);
        }
    }
    let previous = sls_syntax::parse(&before);
    let incremental = sls_syntax::parse_incremental(&after, Some(&previous));
    assert!(
        incremental == full,
        "the incremental parse differs from the full one\nfull:\n{}\nincremental:\n{}",
        full.dump(&after),
        incremental.dump(&after)
    );
    if let Some(halves) = sls_syntax::parse_in_two_halves(&after) {
        assert!(
            halves == full,
            "the parse in two halves differs from the full one\nfull:\n{}\nhalves:\n{}",
            full.dump(&after),
            halves.dump(&after)
        );
    }
}

/// The whole analysis: diagnostics, fixes, symbols and hints are well-formed, and the
/// incremental analysis finds the same diagnostics and lists the same plan.
pub fn analysis(data: &[u8]) {
    let (before, after) = texts(data);
    let analysis = Analysis::new(&after, &SomeFiles);
    for diagnostic in analysis.diagnostics() {
        check::diagnostic(&analysis, diagnostic);
        let actions = analysis.code_actions(diagnostic.range);
        for action in actions
            .iter()
            .chain(&analysis.suppression_actions(diagnostic.range))
        {
            check::edits(&after, &action.edits, &action.title);
        }
    }
    let mut symbols: Vec<_> = analysis.document_symbols();
    while let Some(symbol) = symbols.pop() {
        check::range(&after, symbol.range, &symbol.name);
        check::inside(symbol.range, symbol.selection_range, &symbol.name);
        for child in &symbol.children {
            check::inside(symbol.range, child.range, &child.name);
        }
        symbols.extend(symbol.children);
    }
    for hint in analysis.inlay_hints() {
        check::offset(&after, hint.offset, &hint.label);
    }
    // Cut into segments, so that the analysis of `after` reuses those `before` shares with it.
    let previous = Analysis::new_incremental(&before, &SomeFiles, None);
    let incremental = Analysis::new_incremental(&after, &SomeFiles, Some(&previous));
    assert_eq!(
        incremental.diagnostics(),
        analysis.diagnostics(),
        "the incremental analysis differs from the full one"
    );
    // A listing the incremental analysis took over from `before` is the one it would plan.
    assert!(
        incremental.plan() == analysis.plan(),
        "the incremental analysis lists another plan than the full one"
    );
    // Windows line endings change positions, never findings.
    if !after.contains('\r') {
        let crlf = Analysis::new(&after.replace('\n', "\r\n"), &SomeFiles);
        assert_eq!(
            codes(crlf.diagnostics()),
            codes(analysis.diagnostics()),
            "CRLF line endings change the findings"
        );
    }
}

fn codes(diagnostics: &[sls_diagnostics::Diagnostic]) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    codes
}

/// Offsets to ask about: both ends and a few chosen from the input's hash.
fn offsets(text: &str, data: &[u8]) -> Vec<TextSize> {
    let mut rng = Rng::new(hash(data));
    let mut offsets = vec![0, text.len()];
    for _ in 0..14 {
        let mut at = rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        offsets.push(at);
    }
    offsets
        .into_iter()
        .filter_map(|at| u32::try_from(at).ok().map(TextSize::new))
        .collect()
}

/// Completion, hover, go to definition and code actions at offsets anywhere in the text.
pub fn ide(data: &[u8]) {
    let (_, after) = texts(data);
    let analysis = Analysis::new(&after, &SomeFiles);
    for offset in offsets(&after, data) {
        let here = TextRange::empty(offset);
        for item in analysis.completion_list(offset).items {
            check::range(&after, item.edit.range, &item.label);
            assert!(
                item.edit.range.contains_inclusive(offset),
                "completion '{}' edits {:?}, away from the cursor at {offset:?}",
                item.label,
                item.edit.range
            );
        }
        if let Some(hover) = analysis.hover(offset) {
            check::range(&after, hover.range, "hover");
            assert!(
                hover.range.contains_inclusive(offset),
                "hover range {:?} does not hold the cursor at {offset:?}",
                hover.range
            );
        }
        for target in analysis.goto_definition(offset) {
            check::range(&after, target.full_range, &target.name);
            check::inside(target.full_range, target.focus_range, &target.name);
        }
        let actions = analysis.code_actions(here);
        for action in actions.iter().chain(&analysis.suppression_actions(here)) {
            check::edits(&after, &action.edits, &action.title);
        }
    }
}

/// Compile: a template or the diagnostics that stop it, the same every time, with any settings.
pub fn compile(data: &[u8]) {
    let (_, after) = texts(data);
    let analysis = Analysis::new(&after, &SomeFiles);
    let settings = [
        Settings::default(),
        Settings {
            stage: Some("prod".to_owned()),
            region: Some("eu-west-1".to_owned()),
            params: vec![("domain".to_owned(), "example.com".to_owned())],
            ignore: Vec::new(),
        },
    ];
    for settings in &settings {
        let compiled = analysis.compile(settings);
        match &compiled {
            Ok(template) => {
                assert!(serde_json::to_string(template).is_ok());
            }
            Err(diagnostics) => {
                for diagnostic in diagnostics {
                    check::diagnostic(&analysis, diagnostic);
                }
            }
        }
        assert!(
            analysis.compile(settings) == compiled,
            "compiling twice gave two results"
        );
    }
}

/// Files and environment made from the input itself: a `${file(...)}` path reads, depending
/// on its name, nothing, the "before" text or the "after" text (so files include themselves
/// and each other); half the environment variables are set.
struct InputHost<'a> {
    before: &'a str,
    after: &'a str,
}

impl sls_vars::Host for InputHost<'_> {
    fn read_file(&self, path: &str) -> sls_vars::FileRead {
        match hash(path.as_bytes()) % 3 {
            0 => sls_vars::FileRead::NotFound,
            1 => sls_vars::FileRead::Text(self.before.to_owned()),
            _ => sls_vars::FileRead::Text(self.after.to_owned()),
        }
    }

    fn env(&self, name: &str) -> Option<String> {
        (hash(name.as_bytes()) & 1 == 0).then(|| format!("value of {name}"))
    }

    fn list_folder(&self, _path: &str) -> Vec<sls_vars::FolderEntry> {
        vec![sls_vars::FolderEntry {
            name: "other.yml".to_owned(),
            is_folder: false,
        }]
    }
}

/// Variable resolution with files that include each other: it ends, every diagnostic (in the
/// config or an included file) is well-formed, the resolved view ends and each of its nodes
/// belongs to a known file, and completion and hover inside variables hold.
pub fn variables(data: &[u8]) {
    let (before, after) = texts(data);
    let host = InputHost {
        before: &before,
        after: &after,
    };
    let environment = Environment {
        files: &SomeFiles,
        host: &host,
        settings: Settings {
            stage: Some("prod".to_owned()),
            region: None,
            params: vec![("domain".to_owned(), "example.com".to_owned())],
            ignore: vec![sls_diagnostics::Code::WebsocketTagsNotApplied],
        },
        config_dir: "service".to_owned(),
        root: Some("/project".to_owned()),
        is_json: false,
    };
    let analysis = Analysis::in_environment(&after, &environment);
    for diagnostic in analysis.diagnostics() {
        check::diagnostic(&analysis, diagnostic);
    }
    let view = analysis.view();
    let mut stack: Vec<Node<'_>> = view.root().into_iter().collect();
    let mut visited = 0usize;
    while let Some(node) = stack.pop() {
        visited += 1;
        assert!(visited <= 1_000_000, "the resolved view does not end");
        assert!(
            analysis.file_text(node.file()).is_some(),
            "a node in an unknown file {:?}",
            node.file()
        );
        stack.extend(node.children());
    }
    for (offset, _) in after.match_indices("${") {
        let offset = TextSize::new(u32::try_from(offset + 2).unwrap_or(0));
        for item in analysis.completions(offset) {
            check::range(&after, item.edit.range, &item.label);
        }
        if let Some(hover) = analysis.hover(offset) {
            check::range(&after, hover.range, "hover");
        }
    }
    let _ = analysis.compile(&environment.settings);
}
