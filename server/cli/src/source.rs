//! Loads a config file's text, turning unreadable, binary, non-UTF-8 and oversized content
//! into a clear problem instead of a crash or a long wait.

use std::fs;
use std::path::Path;

use crate::discover::describe_io;

/// What reading a file gave.
pub(crate) enum Source {
    Text(String),
    /// The file is not text the checker can analyse (binary, not UTF-8, or too large).
    NotText(String),
}

pub(crate) fn read(path: &Path) -> Result<Source, String> {
    if let Ok(metadata) = fs::metadata(path) {
        let len = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
        if len > sls_analysis::MAX_TEXT_LEN {
            return Ok(Source::NotText(sls_analysis::too_large_message(len)));
        }
    }
    let bytes = fs::read(path)
        .map_err(|err| format!("cannot read '{}': {}", path.display(), describe_io(&err)))?;
    if bytes.contains(&0) {
        return Ok(Source::NotText(
            "this is a binary file, not a YAML or JSON configuration".to_owned(),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::Text(text)),
        Err(err) => Ok(Source::NotText(format!(
            "the file is not valid UTF-8 (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        ))),
    }
}
