//! The one entry point for front-ends: an immutable analysis of one config file.
//!
//! `Analysis::new` parses the text, builds the model and runs every rule once; the accessors
//! answer editor questions from that snapshot. Results are plain data in byte ranges; the CLI
//! and the language server convert them at their edge. No IO happens here: facts about other
//! files arrive through `FileProbe`.

mod compile;
mod completion;
mod cursor;
mod describe;
mod hover;
mod ide;
mod logical_ids;
mod paths;
mod symbols;

use std::sync::Arc;

use sls_diagnostics::{Diagnostic, Edit, TextRange, TextSize};
use sls_model::Model;
use sls_syntax::{LineIndex, Parse};

pub use ide::{
    CodeAction, CompletionItem, CompletionKind, DocumentSymbol, Hover, InlayHint, NavigationTarget,
    SymbolKind,
};

pub use sls_rules::FileProbe;

/// At most this many of the service's own routes, functions or logical ids are offered in one
/// completion list (those matching what is typed, in file order): thousands of items help
/// nobody and cost milliseconds to build and send on every keystroke.
pub const COMPLETION_LIMIT: usize = 100;

/// A completion answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionList {
    pub items: Vec<CompletionItem>,
    /// The list was cut: typing more may offer other items.
    pub is_incomplete: bool,
}

/// A probe for when nothing is known about other files: rules that need them stay silent.
pub struct NoFiles;

impl FileProbe for NoFiles {
    fn exists(&self, _relative_path: &str) -> bool {
        true
    }
}

/// Options that change what the framework would produce, e.g. `--stage`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub stage: Option<String>,
    pub region: Option<String>,
}

/// An immutable analysis of one config file's text.
#[derive(Debug)]
pub struct Analysis {
    text: Arc<str>,
    line_index: LineIndex,
    parse: Parse,
    model: Model,
    diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn new(text: &str, files: &dyn FileProbe) -> Analysis {
        Analysis::from_parse(text, sls_syntax::parse(text), files)
    }

    /// The same analysis as `new`, reusing what is unchanged from `previous` (the analysis of
    /// an earlier version of the same document): the parse of the top-level entries and
    /// functions whose text did not change.
    pub fn new_incremental(
        text: &str,
        files: &dyn FileProbe,
        previous: Option<&Analysis>,
    ) -> Analysis {
        let parse = sls_syntax::parse_incremental(text, previous.map(|p| &p.parse));
        Analysis::from_parse(text, parse, files)
    }

    /// The analysis of `text` given its parse.
    fn from_parse(text: &str, parse: Parse, files: &dyn FileProbe) -> Analysis {
        let model = Model::build(&parse.tree);
        let diagnostics = sls_rules::check(text, &parse, &model, files);
        let mut analysis = Analysis {
            text: Arc::from(text),
            line_index: LineIndex::new(text),
            parse,
            model,
            diagnostics,
        };
        let unknown_ids = logical_ids::diagnostics::unknown_logical_ids(
            &analysis.text,
            &analysis.parse.tree,
            &analysis.model,
            || compiled_resource_ids(&analysis),
        );
        if !unknown_ids.is_empty() {
            analysis.diagnostics.extend(unknown_ids);
            sls_diagnostics::sort(&mut analysis.diagnostics);
        }
        analysis
    }

    /// The parsed tree and its syntax errors.
    pub fn parse(&self) -> &Parse {
        &self.parse
    }

    /// The typed service model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// Every diagnostic of the file, sorted by position then code.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Quick fixes of the diagnostics whose range overlaps `range`.
    pub fn code_actions(&self, range: TextRange) -> Vec<CodeAction> {
        ide::code_actions(&self.diagnostics, range)
    }

    /// Completion items with whether the list was cut at `COMPLETION_LIMIT` items drawn from
    /// the service (routes, functions, logical ids): then the client should ask again as the
    /// user types more.
    pub fn completion_list(&self, offset: TextSize) -> CompletionList {
        let items = self.completions(offset);
        let is_incomplete = items.len() >= COMPLETION_LIMIT;
        CompletionList {
            items,
            is_incomplete,
        }
    }

    pub fn completions(&self, offset: TextSize) -> Vec<CompletionItem> {
        completion::completions(&completion::Ctx {
            text: &self.text,
            tree: &self.parse.tree,
            model: &self.model,
            offset,
        })
    }

    pub fn hover(&self, offset: TextSize) -> Option<Hover> {
        hover::hover(&self.text, &self.parse.tree, &self.model, offset)
    }

    pub fn document_symbols(&self) -> Vec<DocumentSymbol> {
        symbols::document_symbols(&self.parse.tree, &self.model)
    }

    /// The logical ids generated for each function (after its key) and each websocket event
    /// (after its route), in offset order. Computed from the model: cheap on large files.
    pub fn inlay_hints(&self) -> Vec<InlayHint> {
        logical_ids::hints::inlay_hints(&self.text, &self.parse.tree, &self.model)
    }

    /// From a logical id (a `resources.Resources` key or a Ref/GetAtt/Sub/DependsOn value) to
    /// the function key or websocket route that generates it and the `resources:` entry that
    /// defines it; from an authorizer's function name to that function's key. Empty elsewhere.
    pub fn goto_definition(&self, offset: TextSize) -> Vec<NavigationTarget> {
        logical_ids::definition::goto_definition(&self.text, &self.parse.tree, &self.model, offset)
    }

    /// The CloudFormation template the framework would write, or the diagnostics that stop it.
    pub fn compile(&self, settings: &Settings) -> Result<serde_json::Value, Vec<Diagnostic>> {
        compile::compile(self, settings)
    }
}

/// The `Resources` ids of the template the framework would write (default settings), or `None`
/// when it would not write one.
fn compiled_resource_ids(analysis: &Analysis) -> Option<Vec<String>> {
    let template = analysis.compile(&Settings::default()).ok()?;
    let resources = template.get("Resources")?.as_object()?;
    Some(resources.keys().cloned().collect())
}

/// Applies non-overlapping edits to a text (used by tests and fix previews).
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start());
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for edit in sorted {
        let start = usize::from(edit.range.start()).min(text.len());
        let end = usize::from(edit.range.end()).min(text.len());
        if start < pos {
            continue;
        }
        out.push_str(text.get(pos..start).unwrap_or_default());
        out.push_str(&edit.new_text);
        pos = end;
    }
    out.push_str(text.get(pos..).unwrap_or_default());
    out
}
