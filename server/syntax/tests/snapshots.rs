//! Snapshot tests: every `fixtures/syntax/*.yml` parsed and dumped (tree, ranges, errors).
//!
//! One snapshot per fixture, named after the file. (insta's `glob!` needs insta's `glob`
//! feature, which pulls crates outside this workspace's lock file; the loop below does the same.)

use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    sls_test_support::fixture_files("syntax", "yml")
}

#[test]
fn fixture_snapshots() {
    let paths = fixtures();
    assert!(paths.len() >= 15, "expected the syntax fixtures");
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture")
            .to_owned();
        let mut settings = insta::Settings::clone_current();
        settings.set_input_file(&path);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!(name, sls_syntax::parse(&text).dump(&text));
        });
    }
}
