//! Every rule of the registry is emitted where it says it is checked: the crate named by its
//! `checked_in` mentions `Code::<Variant>` in its sources (outside tests), so the registry's
//! record of where each check lives cannot drift from the code.

use std::path::{Path, PathBuf};

use sls_diagnostics::Code;

/// The source folder of a workspace crate, by package name.
fn source_folder(crate_name: &str) -> PathBuf {
    let folder = crate_name.strip_prefix("sls-").unwrap_or(crate_name);
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../server")
        .join(folder)
        .join("src")
}

/// The text of every `.rs` file under `dir`, test modules included only when named `tests`.
fn sources(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_tests = path
            .file_stem()
            .is_some_and(|stem| stem == "tests" || stem.to_string_lossy().ends_with("_tests"));
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !is_tests {
            out.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

#[test]
fn each_rule_is_emitted_in_the_crate_its_registry_entry_names() {
    let mut failures = Vec::new();
    for &code in Code::ALL {
        let info = code.info();
        let folder = source_folder(info.checked_in.crate_name());
        let mut texts = Vec::new();
        sources(&folder, &mut texts);
        assert!(!texts.is_empty(), "no sources under {}", folder.display());
        let needle = format!("Code::{code:?}");
        if !texts.iter().any(|text| text.contains(&needle)) {
            failures.push(format!(
                "{} ({needle}) is declared as checked in {} but {} never names it",
                code.as_str(),
                info.checked_in.crate_name(),
                folder.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
