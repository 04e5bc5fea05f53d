//! The crates depend only downwards, read from `cargo metadata`: the pure layers (syntax →
//! vars → model → rules/compile → analysis) pull in no IO, async, protocol or CLI crates; the
//! server (`sls-lsp`) and the CLI (`serverless-ls`) reach the engine through `sls-analysis`
//! (plus its shared types, and `sls-vars`/`sls-host` to load files), never its inner layers;
//! rules that need the compiler's plan therefore run in `sls-analysis`, the one crate that sees
//! both `sls-rules` and `sls-compile`. Every workspace crate must be listed here.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Each workspace crate and the normal (non-dev) dependencies it may have, any target.
const LAYERS: &[(&str, &[&str])] = &[
    ("sls-diagnostics", &["text-size", "sls-syntax"]),
    ("sls-syntax", &["text-size", "yaml-rust2", "compact_str"]),
    ("sls-vars", &["sls-syntax", "sls-diagnostics"]),
    ("sls-host", &["sls-vars"]),
    ("sls-model", &["sls-syntax", "serde_json", "regex"]),
    ("sls-rules", &["sls-syntax", "sls-model", "sls-diagnostics"]),
    (
        "sls-compile",
        &[
            "sls-syntax",
            "sls-model",
            "serde_json",
            "sha2",
            "base64",
            "md-5",
            "hashbrown",
            "indexmap",
        ],
    ),
    (
        "sls-analysis",
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
    (
        "sls-lsp",
        &[
            "sls-analysis",
            "sls-diagnostics",
            "sls-syntax",
            "sls-host",
            "tower-lsp-server",
            "tower-service",
            "tokio",
            "ropey",
            "serde",
            "serde_json",
            "anyhow",
            "tracing",
            "tracing-subscriber",
            "rustix",
        ],
    ),
    (
        "serverless-ls",
        &[
            "sls-analysis",
            "sls-diagnostics",
            "sls-syntax",
            "sls-lsp",
            "sls-vars",
            "sls-host",
            "serde_json",
            "yaml-rust2",
            "anyhow",
            "clap",
            "clap_complete",
            "rayon",
            "indicatif",
        ],
    ),
    (
        "sls-fuzz",
        &[
            "sls-syntax",
            "sls-analysis",
            "sls-diagnostics",
            "sls-vars",
            "serde_json",
        ],
    ),
    ("sls-tidy", &[]),
    ("sls-test-support", &["text-size"]),
];

/// Workspace crate → its normal dependencies (build and dev dependencies left out), from
/// `cargo metadata` of this workspace.
fn workspace_dependencies() -> BTreeMap<String, Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata JSON");
    dependencies_of(&metadata)
}

fn dependencies_of(metadata: &Value) -> BTreeMap<String, Vec<String>> {
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    packages
        .iter()
        .map(|package| {
            let name = package["name"].as_str().unwrap_or_default().to_owned();
            let dependencies = package["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str().map(str::to_owned))
                .collect();
            (name, dependencies)
        })
        .collect()
}

#[test]
fn every_crate_depends_only_on_what_its_layer_allows() {
    let found = workspace_dependencies();
    assert!(found.len() >= 10, "cargo metadata listed {found:?}");
    let mut failures = Vec::new();
    for (name, dependencies) in &found {
        let Some((_, allowed)) = LAYERS.iter().find(|(layer, _)| layer == name) else {
            failures.push(format!("{name} is in no layer: add it to LAYERS"));
            continue;
        };
        for dependency in dependencies {
            if !allowed.contains(&dependency.as_str()) {
                failures.push(format!("{name} must not depend on {dependency}"));
            }
        }
    }
    for (name, _) in LAYERS {
        if !found.contains_key(*name) {
            failures.push(format!(
                "{name} is listed in LAYERS but not in the workspace"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn only_normal_dependencies_count() {
    let metadata = serde_json::json!({"packages": [{"name": "x", "dependencies": [
        {"name": "a", "kind": null},
        {"name": "b", "kind": "dev"},
        {"name": "c", "kind": "build"},
        {"name": "d", "kind": null, "target": "cfg(unix)"},
    ]}]});
    assert_eq!(dependencies_of(&metadata)["x"], ["a", "d"]);
}
