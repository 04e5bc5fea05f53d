//! The checker's view of the files beside a config: handler modules on disk.

use std::path::PathBuf;

use sls_analysis::FileProbe;
use sls_host::RelativeListings;

/// Answers `exists` from the disk, relative to the config file's folder (each folder read once
/// per config: a large service asks for thousands of handler files in a few folders).
pub(crate) struct DiskProbe {
    listings: RelativeListings,
}

impl DiskProbe {
    pub(crate) fn new(dir: PathBuf) -> DiskProbe {
        DiskProbe {
            listings: RelativeListings::new(dir),
        }
    }
}

impl FileProbe for DiskProbe {
    fn exists(&self, relative_path: &str) -> bool {
        self.listings.is_file(relative_path)
    }
}
