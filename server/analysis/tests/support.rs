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
