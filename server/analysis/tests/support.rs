//! Test support: fixture paths and a disk-backed file probe.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use sls_analysis::FileProbe;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

pub struct DiskProbe(pub PathBuf);

impl FileProbe for DiskProbe {
    fn exists(&self, relative_path: &str) -> bool {
        self.0.join(relative_path).is_file()
    }
}

/// A benchmark input (`fixtures/bench/<name>`) analysed, with its named LSP positions.
pub struct BenchFile {
    pub text: String,
    pub analysis: sls_analysis::Analysis,
    positions: serde_json::Value,
}

impl BenchFile {
    pub fn load(name: &str) -> BenchFile {
        let dir = fixtures().join("bench").join(name);
        let text = std::fs::read_to_string(dir.join("serverless.yml")).expect("bench file");
        let positions =
            std::fs::read_to_string(dir.join("serverless.yml.positions.json")).expect("positions");
        let analysis = sls_analysis::Analysis::new(&text, &sls_analysis::NoFiles);
        BenchFile {
            text,
            analysis,
            positions: serde_json::from_str(&positions).expect("positions json"),
        }
    }

    /// The byte offset of the position `name` of `kind` (`completion` or `hover`).
    pub fn offset(&self, kind: &str, name: &str) -> sls_diagnostics::TextSize {
        let position = &self.positions[kind][name];
        let line_col = sls_syntax::LineCol {
            line: position[0].as_u64().unwrap_or_default() as u32,
            col: position[1].as_u64().unwrap_or_default() as u32,
        };
        self.analysis
            .line_index()
            .offset(line_col)
            .expect("position in the file")
    }
}
