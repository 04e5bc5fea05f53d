//! Variables for the analysis: resolves them (through the front-end's host), builds the overlay
//! the engine reads the config through, and brings every diagnostic back to the file and range
//! it belongs to.
//!
//! The overlay places each included file after the config in one offset space (`Layout`); the
//! rules and the compiler read that space without knowing it. Their diagnostics are moved back
//! here: a range inside an included file becomes that file's own range, and a fix that would
//! edit another file than the config is dropped (a fix applies to the open document only).

pub(crate) mod completion;
pub(crate) mod definition;
pub(crate) mod hover;
pub(crate) mod included;

use std::sync::Arc;

use sls_diagnostics::{Diagnostic, FileId};
use sls_syntax::{LineIndex, Overlay, Parse, TextRange};
use sls_vars::{Layout, Outcome, Resolution};

use crate::Environment;

/// Everything variables contributed to an analysis.
#[derive(Debug)]
pub(crate) struct Resolved {
    /// The options resolution ran with (where the config is, for `${file()}` paths).
    pub options: sls_vars::Options,
    pub resolution: Resolution,
    pub layout: Layout,
    pub overlay: Option<Overlay>,
    /// The texts of all files joined as the layout places them (only with included files).
    pub joined_text: Option<Arc<str>>,
    /// Line indexes of the included files, by `FileId` minus one.
    pub line_indexes: Vec<LineIndex>,
}

impl Resolved {
    pub fn new(text: &str, parse: &Parse, environment: &Environment<'_>) -> Resolved {
        let options = sls_vars::Options {
            stage: environment.settings.stage.clone(),
            region: environment.settings.region.clone(),
            params: environment.settings.params.clone(),
            config_dir: environment.config_dir.clone(),
            root: environment.root.clone(),
        };
        let resolution = sls_vars::resolve(text, &parse.tree, &options, environment.host);
        let layout = Layout::new(text.len(), &resolution);
        let overlay = sls_vars::overlay(&parse.tree, &resolution, &layout);
        let joined_text = layout
            .has_included_files()
            .then(|| Arc::from(layout.joined_text(text, &resolution).as_ref()));
        let line_indexes = resolution
            .files
            .iter()
            .map(|file| LineIndex::new(&file.text))
            .collect();
        Resolved {
            options,
            resolution,
            layout,
            overlay,
            joined_text,
            line_indexes,
        }
    }

    /// The diagnostics variables found: resolution problems, and the syntax problems of the
    /// included files (the framework cannot load those either).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = self.resolution.diagnostics.clone();
        for (index, file) in self.resolution.files.iter().enumerate() {
            let id = FileId(index as u32 + 1);
            let is_json = file.kind == sls_vars::paths::FileKind::Json;
            out.extend(
                sls_rules::check_included(&file.text, &file.parse, is_json)
                    .into_iter()
                    .map(|d| d.in_file(id)),
            );
        }
        out
    }

    /// Brings a diagnostic made over the view back to its file.
    pub fn relocate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if !self.layout.has_included_files() {
            return diagnostic;
        }
        if let Some((file, range)) = self.layout.locate(diagnostic.range) {
            diagnostic.file = file;
            diagnostic.range = range;
        }
        for related in &mut diagnostic.related {
            if let Some((file, range)) = self.layout.locate(related.range) {
                related.file = file;
                related.range = range;
            }
        }
        let edits_the_config = diagnostic.fix.as_ref().is_none_or(|fix| {
            fix.edits.iter().all(|edit| {
                self.layout
                    .locate(edit.range)
                    .is_some_and(|(file, _)| file == FileId::MAIN)
            })
        });
        if !edits_the_config {
            diagnostic.fix = None;
        }
        diagnostic
    }

    /// Values left as written because only AWS knows them, with where they are written.
    pub fn needs_aws(&self) -> Vec<(FileId, TextRange, String)> {
        self.resolution
            .variables
            .iter()
            .filter_map(|variable| match &variable.outcome {
                Outcome::Unresolved(reason) if reason.needs_aws() => {
                    Some((variable.file, variable.range, reason.describe()))
                }
                _ => None,
            })
            .collect()
    }
}

impl Resolved {
    /// A `${file(...)}` path as the project-relative path it reads (`None` outside the project).
    pub fn file_path(&self, written: &str) -> Option<String> {
        let target = sls_vars::paths::resolve(
            &self.options.config_dir,
            self.options.root.as_deref(),
            written,
        );
        match target {
            sls_vars::paths::Target::Inside(path) => Some(path),
            sls_vars::paths::Target::Outside => None,
        }
    }

    /// The included file a `${file(...)}` path names, when it was loaded.
    pub fn included_file(&self, written: &str) -> Option<FileId> {
        let path = self.file_path(written)?;
        let index = self.resolution.files.iter().position(|f| f.path == path)?;
        Some(FileId(index as u32 + 1))
    }

    /// A navigation target made over the view, placed in its file (`None` when it spans two).
    pub fn place_target(
        &self,
        mut target: crate::ide::NavigationTarget,
    ) -> Option<crate::ide::NavigationTarget> {
        if !self.layout.has_included_files() {
            return Some(target);
        }
        let (file, focus) = self.layout.locate(target.focus_range)?;
        let (full_file, full) = self.layout.locate(target.full_range)?;
        if full_file != file {
            return None;
        }
        target.file = file;
        target.focus_range = focus;
        target.full_range = full;
        Some(target)
    }
}
