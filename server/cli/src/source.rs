//! Loads a config file's text, turning unreadable, binary and non-UTF-8 content into a
//! clear problem instead of a crash.

use std::fs;
use std::path::Path;

use crate::discover::describe_io;

/// What reading a file gave.
pub(crate) enum Source {
    Text(String),
    /// The file was read but is not text the checker can analyse.
    NotText(String),
}

pub(crate) fn read(path: &Path) -> Result<Source, String> {
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
