//! The checker's view of the files beside a config: handler modules on disk.

use std::path::PathBuf;

use sls_analysis::FileProbe;

/// Answers `exists` from the disk, relative to the config file's folder.
pub(crate) struct DiskProbe {
    pub dir: PathBuf,
}

impl FileProbe for DiskProbe {
    fn exists(&self, relative_path: &str) -> bool {
        self.dir.join(relative_path).is_file()
    }
}
