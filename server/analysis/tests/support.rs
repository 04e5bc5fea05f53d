//! Test support: fixture paths and a disk-backed file probe.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use sls_analysis::FileProbe;

pub use sls_test_support::fixtures;

/// The analysis of a fixture case as the framework ran it: its own files, the `--stage`,
/// `--region` and `--param` of its `cli-args.txt` (`generate.py`'s default without one), no
/// process environment.
pub fn analyse_case(dir: &Path) -> sls_analysis::Analysis {
    in_case(dir, sls_analysis::Analysis::in_environment)
}

/// What `work` makes of a fixture case's text in its environment (see `analyse_case`).
pub fn in_case<T>(dir: &Path, work: impl FnOnce(&str, &sls_analysis::Environment<'_>) -> T) -> T {
    let text = std::fs::read_to_string(dir.join("serverless.yml")).expect("serverless.yml");
    let args = std::fs::read_to_string(dir.join("cli-args.txt"))
        .unwrap_or_else(|_| "package\n--stage\ndev\n--region\nus-east-1\n".to_owned());
    let options = sls_vars::Options::from_args(args.lines());
    let probe = DiskProbe(dir.to_path_buf());
    let host = sls_host::DiskHost::without_environment(dir);
    let environment = sls_analysis::Environment {
        files: &probe,
        host: &host,
        settings: sls_analysis::Settings {
            stage: options.stage,
            region: options.region,
            params: options.params,
            ignore: Vec::new(),
        },
        config_dir: String::new(),
        root: None,
        is_json: false,
    };
    work(&text, &environment)
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
