//! What the workspace's tests share: the `$0` cursor marker of small fixtures, the repository's
//! `fixtures/` folder and the case folders in it. A dev-dependency only; it does IO (reads
//! folders) and panics with a clear message when a fixture is missing, as tests should.

use std::path::{Path, PathBuf};

use text_size::TextSize;

/// The marker a fixture writes where the cursor is.
pub const CURSOR: &str = "$0";

/// Splits the `$0` cursor marker out of a fixture: the text without it and the marker's byte
/// offset. Panics when the fixture has no marker.
pub fn cursor(fixture: &str) -> (String, TextSize) {
    let at = fixture
        .find(CURSOR)
        .unwrap_or_else(|| panic!("fixture has no {CURSOR} cursor:\n{fixture}"));
    let text = format!("{}{}", &fixture[..at], &fixture[at + CURSOR.len()..]);
    let offset = u32::try_from(at).unwrap_or_else(|_| panic!("fixture larger than 4 GiB"));
    (text, TextSize::from(offset))
}

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The case folders directly under `fixtures/<dir>` that hold `file`, sorted by path.
pub fn case_dirs(dir: &str, file: &str) -> Vec<PathBuf> {
    let root = fixtures().join(dir);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join(file).is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The files directly under `fixtures/<dir>` with the extension `extension`, sorted by path.
pub fn fixture_files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let root = fixtures().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort();
    files
}

/// The `serverless.yml` of every service the fixtures hold (oracle cases, compile goldens and
/// cases, the real-world corpus), sorted by folder.
pub fn service_files() -> Vec<PathBuf> {
    [
        "oracle",
        "corpus-compile",
        "compile-cases/cases",
        "corpus/cases",
    ]
    .iter()
    .flat_map(|dir| case_dirs(dir, "serverless.yml"))
    .map(|case| case.join("serverless.yml"))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_is_cut_out_at_its_byte_offset() {
        let (text, offset) = cursor("route: é$0x\n");
        assert_eq!(text, "route: éx\n");
        assert_eq!(offset, TextSize::from(9));
    }

    #[test]
    #[should_panic(expected = "no $0 cursor")]
    fn a_fixture_without_a_cursor_is_a_test_error() {
        let _ = cursor("route: x\n");
    }

    #[test]
    fn case_lists_are_sorted_and_found() {
        let cases = case_dirs("oracle", "serverless.yml");
        assert!(cases.len() > 10, "{cases:?}");
        assert!(cases.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(!fixture_files("syntax", "yml").is_empty());
        assert!(service_files().len() > cases.len());
    }
}
