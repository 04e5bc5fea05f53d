//! One offset space for the config and the files it includes: the config's text first, then
//! each included file after a newline. The overlay places an included file's nodes at its
//! base, so every range seen through the view names one place in one file; `locate` turns such
//! a range back into the file and its own range.

use std::borrow::Cow;

use sls_syntax::{FileId, TextRange, TextSize};

use crate::Resolution;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Start and length of each file's text, by `FileId`.
    spans: Vec<(u32, u32)>,
}

impl Layout {
    pub fn new(config_len: usize, resolution: &Resolution) -> Layout {
        let mut spans = vec![(0, len_u32(config_len))];
        let mut next = len_u32(config_len).saturating_add(1);
        for file in &resolution.files {
            let len = len_u32(file.text.len());
            spans.push((next, len));
            next = next.saturating_add(len).saturating_add(1);
        }
        Layout { spans }
    }

    /// Whether any file besides the config takes part.
    pub fn has_included_files(&self) -> bool {
        self.spans.len() > 1
    }

    /// Where `file`'s text starts.
    pub fn base(&self, file: FileId) -> TextSize {
        TextSize::from(
            self.spans
                .get(file.0 as usize)
                .map_or(0, |(start, _)| *start),
        )
    }

    /// The file holding `range` and the range within it; `None` when it spans two files.
    pub fn locate(&self, range: TextRange) -> Option<(FileId, TextRange)> {
        let start = u32::from(range.start());
        let index = self
            .spans
            .partition_point(|(file_start, _)| *file_start <= start)
            .checked_sub(1)?;
        let (file_start, len) = self.spans[index];
        let local = range - TextSize::from(file_start);
        (u32::from(local.end()) <= len).then_some((FileId(index as u32), local))
    }

    /// The texts of all files in this layout, joined: what ranges of the view index into.
    pub fn joined_text<'t>(&self, config: &'t str, resolution: &Resolution) -> Cow<'t, str> {
        if !self.has_included_files() {
            return Cow::Borrowed(config);
        }
        let mut text = String::with_capacity(config.len() + 1);
        text.push_str(config);
        for file in &resolution.files {
            text.push('\n');
            text.push_str(&file.text);
        }
        Cow::Owned(text)
    }
}

fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}
