//! Rule fixtures: `fixtures/rules/<CODE>-<name>/{valid,invalid}.yml`.
//!
//! Expected diagnostics are annotated in the YAML itself, on a comment line under the
//! offending line: `#   ^^^^ SLS201 optional message fragment`. The carets give the exact
//! columns (a single caret also stands for an empty range); `#^^^^` at the start of a line
//! marks from column 0, the `#` standing for the first caret. `valid.yml` must give nothing;
//! `invalid.yml` must give exactly the annotated diagnostics; applying each fix must remove
//! the diagnostic it fixes.

mod support;

use std::path::Path;

use sls_analysis::{apply_edits, Analysis, FileProbe, NoFiles};
use sls_diagnostics::Code;
use sls_syntax::WideEncoding;

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Expected {
    line: u32,
    column: u32,
    width: u32,
    code: String,
    fragment: String,
}

fn annotations(text: &str) -> Vec<Expected> {
    let mut acc = Vec::new();
    let mut target_line = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let is_annotation = trimmed.starts_with('#') && trimmed.contains('^');
        if !is_annotation {
            target_line = Some(index as u32);
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let first_caret = chars.iter().position(|c| *c == '^').unwrap_or(0);
        let carets = chars[first_caret..]
            .iter()
            .take_while(|c| **c == '^')
            .count();
        let rest: String = chars[first_caret + carets..].iter().collect();
        // `#^^^` at the start of a line marks from column 0, the `#` standing for the first caret.
        let (column, width) = if line.starts_with("#^") {
            (0, carets + 1)
        } else {
            (first_caret, carets)
        };
        let mut words = rest.trim().splitn(2, ' ');
        let code = words.next().unwrap_or_default().to_owned();
        let fragment = words.next().unwrap_or_default().trim().to_owned();
        acc.push(Expected {
            line: target_line.expect("an annotation needs a line above it"),
            column: column as u32,
            width: width as u32,
            code,
            fragment,
        });
    }
    acc
}

struct Found {
    line: u32,
    column: u32,
    width: u32,
    code: String,
    message: String,
}

fn found(analysis: &Analysis) -> Vec<Found> {
    let index = analysis.line_index();
    analysis
        .diagnostics()
        .iter()
        .map(|d| {
            let start = index.to_wide(WideEncoding::Utf32, index.line_col(d.range.start()));
            let end = index.to_wide(WideEncoding::Utf32, index.line_col(d.range.end()));
            let width = if end.line == start.line {
                end.col - start.col
            } else {
                u32::MAX
            };
            Found {
                line: start.line,
                column: start.col,
                width,
                code: d.code.as_str().to_owned(),
                message: d.message.clone(),
            }
        })
        .collect()
}

fn probe_for(dir: &Path) -> Box<dyn FileProbe> {
    if dir.ends_with("SLS302-handler-file-not-found") {
        Box::new(support::DiskProbe(dir.to_path_buf()))
    } else {
        Box::new(NoFiles)
    }
}

fn check_valid(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("valid.yml")).expect("valid.yml");
    let analysis = Analysis::new(&text, probe_for(dir).as_ref());
    found(&analysis)
        .into_iter()
        .map(|f| {
            format!(
                "{}: valid.yml:{}:{} unexpected {} {}",
                dir.display(),
                f.line + 1,
                f.column + 1,
                f.code,
                f.message
            )
        })
        .collect()
}

fn check_invalid(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("invalid.yml")).expect("invalid.yml");
    let probe = probe_for(dir);
    let analysis = Analysis::new(&text, probe.as_ref());
    let mut expected = annotations(&text);
    let mut failures = Vec::new();
    if expected.is_empty() {
        failures.push(format!("{}: invalid.yml has no annotation", dir.display()));
    }
    for f in found(&analysis) {
        let matched = expected.iter().position(|e| {
            e.line == f.line
                && e.column == f.column
                && (e.width == f.width || (e.width == 1 && f.width == 0))
                && e.code == f.code
                && f.message.contains(&e.fragment)
        });
        match matched {
            Some(i) => {
                expected.remove(i);
            }
            None => failures.push(format!(
                "{}: invalid.yml:{}:{} unexpected {} (width {}) {}",
                dir.display(),
                f.line + 1,
                f.column + 1,
                f.code,
                f.width,
                f.message
            )),
        }
    }
    for e in expected {
        failures.push(format!(
            "{}: invalid.yml:{}:{} missing {} (width {}) containing {:?}",
            dir.display(),
            e.line + 1,
            e.column + 1,
            e.code,
            e.width,
            e.fragment
        ));
    }
    failures.extend(check_fixes(dir, &text, &analysis, probe.as_ref()));
    failures
}

/// Applying a diagnostic's fix must make that diagnostic go away and add no new error.
fn check_fixes(dir: &Path, text: &str, analysis: &Analysis, probe: &dyn FileProbe) -> Vec<String> {
    let mut failures = Vec::new();
    for diagnostic in analysis.diagnostics() {
        let Some(fix) = &diagnostic.fix else { continue };
        let fixed = apply_edits(text, &fix.edits);
        let after = Analysis::new(&fixed, probe);
        let before_count = analysis
            .diagnostics()
            .iter()
            .filter(|d| d.code == diagnostic.code)
            .count();
        let after_count = after
            .diagnostics()
            .iter()
            .filter(|d| d.code == diagnostic.code)
            .count();
        if after_count >= before_count {
            failures.push(format!(
                "{}: fix {:?} did not remove {}",
                dir.display(),
                fix.title,
                diagnostic.code.as_str()
            ));
        }
        if after.diagnostics().len() >= analysis.diagnostics().len() {
            failures.push(format!(
                "{}: fix {:?} left as many diagnostics",
                dir.display(),
                fix.title
            ));
        }
    }
    failures
}

#[test]
fn rule_fixtures_match_their_annotations() {
    let root = support::fixtures().join("rules");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures/rules")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        failures.extend(check_valid(dir));
        failures.extend(check_invalid(dir));
    }
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("checked {} rule fixture folders", dirs.len());
}

#[test]
fn every_rule_has_a_fixture_folder() {
    let root = support::fixtures().join("rules");
    for code in Code::ALL {
        let dir = root.join(format!("{}-{}", code.as_str(), code.name()));
        assert!(dir.join("valid.yml").is_file(), "missing {}", dir.display());
        assert!(
            dir.join("invalid.yml").is_file(),
            "missing {}",
            dir.display()
        );
    }
}
