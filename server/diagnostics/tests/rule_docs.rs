//! The rule documentation generated from the registry: `docs/rules/SLSxxx.md`, the table in
//! `docs/rules/README.md` and the one in the top-level `README.md` must equal what the registry
//! renders. `UPDATE_DOCS=1 cargo test -p sls-diagnostics --test rule_docs` rewrites them.
//! Also: every rule has its documentation, and its examples are YAML.

use std::path::{Path, PathBuf};

use sls_diagnostics::{Code, RuleInfo};

const REFRESH: &str = "UPDATE_DOCS=1 cargo test -p sls-diagnostics --test rule_docs";
const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    Code::ALL.iter().map(|code| code.info())
}

/// The table of every rule, linking each code to its page under `link_base`.
fn table(link_base: &str) -> String {
    let mut table =
        String::from("| code | name | default severity | summary |\n|---|---|---|---|\n");
    for rule in rules() {
        table.push_str(&format!(
            "| [{code}]({link_base}{code}.md) | {} | {} | {} |\n",
            rule.name,
            rule.severity.as_str(),
            rule.summary.replace('|', "\\|"),
            code = rule.code,
        ));
    }
    table
}

/// `text` with what is between the rules markers replaced by `table`.
fn with_table(path: &Path, text: &str, table: &str) -> String {
    let (Some(start), Some(end)) = (text.find(START), text.find(END)) else {
        panic!("{} has no {START} ... {END} markers", path.display());
    };
    let before = &text[..start + START.len()];
    format!("{before}\n{table}{}", &text[end..])
}

/// Every generated file, relative to the repository, and what it must contain.
fn expected_files() -> Vec<(PathBuf, String)> {
    let docs = PathBuf::from("docs/rules");
    let mut files: Vec<(PathBuf, String)> = rules()
        .map(|rule| (docs.join(format!("{}.md", rule.code)), rule.markdown()))
        .collect();
    for (path, link_base) in [
        (docs.join("README.md"), ""),
        (PathBuf::from("README.md"), "docs/rules/"),
    ] {
        let text = std::fs::read_to_string(repo().join(&path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected = with_table(&path, &text, &table(link_base));
        files.push((path, expected));
    }
    files
}

#[test]
fn generated_docs_are_up_to_date() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (path, expected) in expected_files() {
        let actual = std::fs::read_to_string(repo().join(&path)).unwrap_or_default();
        if actual == expected {
            continue;
        }
        if update {
            std::fs::write(repo().join(&path), &expected)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "these files differ from what the rule registry (server/diagnostics/src/registry) \
         renders:\n  {}\nrefresh them with `{REFRESH}`",
        stale.join("\n  ")
    );
}

#[test]
fn every_page_in_docs_rules_is_a_registered_rule() {
    let docs = repo().join("docs/rules");
    let entries = std::fs::read_dir(&docs).unwrap_or_else(|e| panic!("{}: {e}", docs.display()));
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(code) = file.strip_suffix(".md") else {
            continue;
        };
        assert!(
            code == "README" || Code::parse(code).is_some(),
            "docs/rules/{file} documents no rule of the registry"
        );
    }
}

#[test]
fn every_rule_is_documented_with_examples_that_are_yaml() {
    for rule in rules() {
        for (what, text) in [
            ("summary", rule.summary),
            ("what it finds", rule.finds),
            ("why it matters", rule.why),
            ("how to fix", rule.fix),
            ("bad example", rule.bad),
            ("good example", rule.good),
        ] {
            assert!(!text.trim().is_empty(), "{}: {what} is empty", rule.code);
        }
        assert_ne!(rule.bad, rule.good, "{}: the examples are equal", rule.code);
        // SLS001's bad example shows the syntax error it finds.
        let examples: &[(&str, &str)] = if rule.code == Code::YamlSyntax.as_str() {
            &[("good", rule.good)]
        } else {
            &[("bad", rule.bad), ("good", rule.good)]
        };
        for (which, yaml) in examples {
            let errors = sls_syntax::parse(yaml).errors;
            assert!(
                errors.is_empty(),
                "{}: the {which} example is not YAML: {errors:?}",
                rule.code
            );
        }
    }
    assert!(
        !sls_syntax::parse(Code::YamlSyntax.info().bad)
            .errors
            .is_empty(),
        "SLS001's bad example must not parse"
    );
}

#[test]
fn registry_is_in_code_order_with_one_line_summaries() {
    for pair in Code::ALL.windows(2) {
        assert!(
            pair[0].as_str() < pair[1].as_str(),
            "{} is listed before {}",
            pair[0].as_str(),
            pair[1].as_str()
        );
    }
    for code in Code::ALL {
        assert!(!code.info().summary.contains('\n'), "{}", code.as_str());
    }
}
