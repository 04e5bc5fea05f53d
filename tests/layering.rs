//! The engine's layers depend only downwards and the pure layers (syntax → vars → model →
//! rules/compile → analysis) pull in no IO, async, protocol or CLI crates: each crate's
//! `[dependencies]` must stay within its allowed set.

use std::path::Path;

/// Crate folder under `server/` and the dependencies it may have.
const LAYERS: &[(&str, &[&str])] = &[
    ("diagnostics", &["text-size", "sls-syntax"]),
    ("syntax", &["text-size", "yaml-rust2"]),
    ("vars", &["sls-syntax", "sls-diagnostics"]),
    ("model", &["sls-syntax", "serde_json", "regex"]),
    ("rules", &["sls-syntax", "sls-model", "sls-diagnostics"]),
    (
        "compile",
        &[
            "sls-syntax",
            "sls-model",
            "serde_json",
            "sha2",
            "base64",
            "md-5",
        ],
    ),
    (
        "analysis",
        &[
            "sls-diagnostics",
            "sls-syntax",
            "sls-vars",
            "sls-model",
            "sls-rules",
            "sls-compile",
            "serde_json",
        ],
    ),
];

/// The names listed in a manifest's `[dependencies]` table.
fn dependencies(manifest: &str) -> Vec<String> {
    let mut in_dependencies = false;
    let mut names = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
            continue;
        }
        if !in_dependencies || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let name = line.split(['=', '.', ' ']).next().unwrap_or_default();
        names.push(name.trim_matches('"').to_owned());
    }
    names
}

#[test]
fn engine_crates_depend_only_on_lower_layers() {
    let server = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server");
    let mut failures = Vec::new();
    for (folder, allowed) in LAYERS {
        let path = server.join(folder).join("Cargo.toml");
        let manifest = std::fs::read_to_string(&path).unwrap_or_default();
        let found = dependencies(&manifest);
        assert!(
            !found.is_empty() || *folder == "diagnostics",
            "{} lists no dependency",
            path.display()
        );
        for name in found {
            if !allowed.contains(&name.as_str()) {
                failures.push(format!("server/{folder} must not depend on {name}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_manifest_reader_sees_every_dependency_form() {
    let manifest = "[package]\nname = \"x\"\n[dependencies]\na.workspace = true\nb = \"1\"\nc = { version = \"2\" }\n# comment\n[dev-dependencies]\nd = \"3\"\n";
    assert_eq!(dependencies(manifest), ["a", "b", "c"]);
}
