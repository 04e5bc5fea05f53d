//! The plan the analysis keeps agrees with the compiler on every oracle and corpus case.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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
fn planned_ids_match_the_compiled_template() {
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
        let planned: Vec<&sls_compile::Item> = analysis.plan().resources().collect();
        let compiled: BTreeSet<String> = template
            .get("Resources")
            .and_then(|r| r.as_object())
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default();
        for id in &compiled {
            if !planned.iter().any(|g| g.matches(id)) {
                failures.push(format!("{}: compiled {id} not planned", path.display()));
            }
        }
        for g in planned.iter().filter(|g| !g.is_prefix_only()) {
            if !compiled.contains(&g.id) {
                failures.push(format!("{}: planned {} not compiled", path.display(), g.id));
            }
        }
    }
    assert!(compared > 40, "only {compared} cases compiled");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
