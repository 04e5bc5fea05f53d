//! What every rule works with: the tree, the model, the file probe and the output list.

use sls_diagnostics::{Code, Diagnostic, Edit, TextRange};
use sls_model::Model;
use sls_syntax::{Node, NodeId, ScalarStyle, View};

/// Answers questions about files other than the analysed one. Paths are relative to the
/// config file's folder and use `/`.
pub trait FileProbe {
    fn exists(&self, relative_path: &str) -> bool;
}

/// A probe that assumes every file exists (rules that need files stay silent).
pub(crate) struct AllFilesExist;

impl FileProbe for AllFilesExist {
    fn exists(&self, _relative_path: &str) -> bool {
        true
    }
}

pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    /// The config as the rules see it: the document's tree through the resolution overlay.
    pub view: View<'a>,
    pub model: &'a Model,
    pub files: &'a dyn FileProbe,
    out: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        text: &'a str,
        view: View<'a>,
        model: &'a Model,
        files: &'a dyn FileProbe,
    ) -> Ctx<'a> {
        Ctx {
            text,
            view,
            model,
            files,
            out: Vec::new(),
        }
    }

    pub fn node(&self, id: NodeId) -> Node<'a> {
        self.view.node(id)
    }

    pub fn range(&self, id: NodeId) -> TextRange {
        self.view.data(id).range
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }

    /// Reports `code` on a node with a message.
    pub fn emit(&mut self, code: Code, at: NodeId, message: impl Into<String>) {
        let range = self.range(at);
        self.out.push(Diagnostic::new(code, range, message));
    }

    /// The diagnostics reported so far.
    pub fn reported(&self) -> &[Diagnostic] {
        &self.out
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// An edit that replaces a scalar's value, keeping its quoting style (so a fix in a
/// `serverless.json` file stays JSON).
pub(crate) fn replace_scalar(node: Node<'_>, value: &str) -> Edit {
    let new_text = match node.as_scalar().map(|s| s.style) {
        Some(ScalarStyle::SingleQuoted) => format!("'{}'", value.replace('\'', "''")),
        Some(ScalarStyle::DoubleQuoted) => {
            format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
        }
        _ => value.to_owned(),
    };
    Edit {
        range: node.range(),
        new_text,
    }
}

/// An edit that deletes a mapping entry's whole lines (key, value and the line break), or just
/// the entry's text when it shares its line with other content.
pub(crate) fn remove_entry_lines(text: &str, key: TextRange, value: TextRange) -> Edit {
    let start = usize::from(key.start()).min(text.len());
    let end = usize::from(value.end().max(key.end())).min(text.len());
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before_is_blank = text[line_start..start]
        .chars()
        .all(|c| c == ' ' || c == '\t');
    let after = &text[end..];
    let rest_of_line = after.find(['\n', '\r']).unwrap_or(after.len());
    let after_is_blank = after[..rest_of_line].trim_start().is_empty()
        || after[..rest_of_line].trim_start().starts_with('#');
    if before_is_blank && after_is_blank {
        let mut line_end = end + rest_of_line;
        if text[line_end..].starts_with("\r\n") {
            line_end += 2;
        } else if line_end < text.len() {
            line_end += 1;
        }
        return Edit {
            range: TextRange::new(to_size(line_start), to_size(line_end)),
            new_text: String::new(),
        };
    }
    Edit {
        range: TextRange::new(key.start(), value.end().max(key.end())),
        new_text: String::new(),
    }
}

fn to_size(offset: usize) -> sls_diagnostics::TextSize {
    sls_diagnostics::TextSize::new(u32::try_from(offset).unwrap_or(u32::MAX))
}
