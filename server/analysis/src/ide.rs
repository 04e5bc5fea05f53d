//! Editor-facing result types (completion, hover, symbols, actions, hints) in byte ranges.

use sls_diagnostics::{Code, Diagnostic, Edit, TextRange, TextSize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Key,
    Value,
    Event,
    Function,
    Snippet,
}

/// One completion item. `edit` replaces what is already typed of the word at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// A short line shown beside the label (type, or where the value comes from).
    pub detail: Option<String>,
    /// Markdown documentation.
    pub documentation: Option<String>,
    pub edit: Edit,
    /// `edit.new_text` is an LSP snippet (`$1`, `${1:x}`; a literal `$` written `\$`).
    pub is_snippet: bool,
    pub sort_text: Option<String>,
}

/// Markdown shown on hover, and the range of the hovered word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

/// A quick fix: edits to the current text that resolve a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub code: Option<Code>,
    /// The range of the diagnostic this action fixes, when it fixes one.
    pub diagnostic_range: Option<TextRange>,
    pub edits: Vec<Edit>,
    pub is_preferred: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Service,
    Provider,
    Function,
    Event,
    Route,
    Resource,
}

/// A node of the document outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole extent of the symbol (key and value).
    pub range: TextRange,
    /// The part to select when the symbol is picked (its key).
    pub selection_range: TextRange,
    pub children: Vec<DocumentSymbol>,
}

/// A label shown inline after `offset` (generated CloudFormation logical ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: TextSize,
    pub label: String,
    pub tooltip: Option<String>,
}

/// The fixes of every diagnostic overlapping `range` (touching counts).
pub(crate) fn code_actions(diagnostics: &[Diagnostic], range: TextRange) -> Vec<CodeAction> {
    diagnostics
        .iter()
        .filter(|d| d.range.start() <= range.end() && range.start() <= d.range.end())
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            Some(CodeAction {
                title: fix.title.clone(),
                code: Some(d.code),
                diagnostic_range: Some(d.range),
                edits: fix.edits.clone(),
                is_preferred: true,
            })
        })
        .collect()
}

/// Where go-to-definition leads: `focus_range` is the name to select (a function key, a route
/// value, a `resources.Resources` key), `full_range` the whole definition around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationTarget {
    /// The logical id, function name, key or file the target defines.
    pub name: String,
    /// The file the ranges are in: the config, or a file it includes.
    pub file: sls_diagnostics::FileId,
    pub full_range: TextRange,
    pub focus_range: TextRange,
}
