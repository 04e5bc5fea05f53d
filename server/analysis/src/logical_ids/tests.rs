//! The model-derived id set agrees with the compiler on every oracle and corpus case.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::generated::generated;
use crate::{Analysis, NoFiles, Settings};

fn cases() -> Vec<PathBuf> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = Vec::new();
    for dir in ["oracle", "corpus/cases"] {
        let Ok(entries) = std::fs::read_dir(fixtures.join(dir)) else {
            continue;
        };
        out.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path().join("serverless.yml"))
                .filter(|p| p.is_file()),
        );
    }
    out.sort();
    out
}

#[test]
fn generated_ids_match_the_compiled_template() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for path in cases() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let analysis = Analysis::new(&text, &NoFiles);
        let Ok(template) = analysis.compile(&Settings::default()) else {
            continue;
        };
        compared += 1;
        let tree = &analysis.parse().tree;
        let model = analysis.model();
        let user: BTreeSet<&str> = super::defined(tree, model).iter().map(|d| d.id()).collect();
        let ids = generated(tree, model);
        let compiled: BTreeSet<String> = template
            .get("Resources")
            .and_then(|r| r.as_object())
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default();
        for id in &compiled {
            if !user.contains(id.as_str()) && !ids.iter().any(|g| g.matches(id)) {
                failures.push(format!("{}: compiled {id} not generated", path.display()));
            }
        }
        for g in ids.iter().filter(|g| !g.kind.is_prefix_only()) {
            if !compiled.contains(&g.id) {
                failures.push(format!(
                    "{}: generated {} not compiled",
                    path.display(),
                    g.id
                ));
            }
        }
    }
    assert!(compared > 40, "only {compared} cases compiled");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
