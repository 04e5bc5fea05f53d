//! `parse`: text to a positioned tree plus syntax errors, driving yaml-rust2's event parser.
//!
//! The text handed to yaml-rust2 is the source without its BOM, cut at the first NUL char
//! (yaml-rust2 reads `\0` as the end of the stream). Events are pulled one at a time into the
//! `Builder`; the first scan error, or the builder's own limits, end the parse with a partial
//! tree. Flow collections cannot nest deeper than 255 levels: yaml-rust2's own limit, which also
//! bounds its per-token cost (it walks one possible simple key per open flow collection).

mod builder;
mod messages;
mod source;

use std::panic::{catch_unwind, AssertUnwindSafe};

use text_size::TextRange;
use yaml_rust2::parser::Parser;

use crate::incremental::SegmentCache;
use crate::tree::Tree;
use builder::{Builder, Flow, RawError};
use source::range;

/// Collections nested deeper than this are not built; `parse` reports an error instead.
pub use builder::MAX_DEPTH;

const NUL_MESSAGE: &str = "NUL characters are not allowed in YAML";

/// A YAML syntax error with the range it was found at (often empty: a point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

/// The result of parsing: the tree as far as it could be built, and the errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse {
    pub tree: Tree,
    pub errors: Vec<SyntaxError>,
    /// Segment trees kept for `parse_incremental`; equal in every parse.
    pub(crate) cache: SegmentCache,
}

/// Parses `text` (the first YAML document of it). Never fails and never panics.
pub fn parse(text: &str) -> Parse {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let body = text.get(bom..).unwrap_or("");
    let nul = body.find('\0');
    let parsed = nul.and_then(|at| body.get(..at)).unwrap_or(body);

    let mut builder = Builder::new(parsed);
    let mut yaml = Parser::new_from_str(parsed);
    loop {
        match catch_unwind(AssertUnwindSafe(|| yaml.next_token())) {
            Ok(Ok((event, mark))) => {
                if builder.event(event, &mark) == Flow::Stop {
                    break;
                }
            }
            Ok(Err(error)) => {
                let at = builder.source().offset(error.marker());
                let (start, end, message) = match nul {
                    // yaml-rust2 met the end of the text we cut: report why we cut it.
                    Some(nul) if at >= nul => (nul, nul + 1, NUL_MESSAGE.to_owned()),
                    _ => messages::scan_error(builder.source(), at, error.info()),
                };
                builder.fail(start, end, message);
                break;
            }
            Err(_) => {
                let at = builder.source().len();
                builder.fail(at, at, "internal error in the YAML parser".to_owned());
                break;
            }
        }
    }
    if let (Some(nul), true) = (nul, builder.errors.is_empty()) {
        builder.fail(nul, nul + 1, NUL_MESSAGE.to_owned());
    }

    let errors = builder
        .errors
        .iter()
        .map(|e| shifted_error(e, bom))
        .collect();
    let mut tree = builder.finish();
    if bom > 0 {
        shift_tree(&mut tree, bom);
    }
    Parse {
        tree,
        errors,
        cache: SegmentCache::default(),
    }
}

fn shift(r: TextRange, by: usize) -> TextRange {
    let start = u32::from(r.start()) as usize;
    let end = u32::from(r.end()) as usize;
    range(start.saturating_add(by), end.saturating_add(by))
}

fn shifted_error(e: &RawError, by: usize) -> SyntaxError {
    SyntaxError {
        range: shift(range(e.start, e.end), by),
        message: e.message.clone(),
    }
}

/// Moves every range by `by` bytes (the BOM the parsed text started after).
fn shift_tree(tree: &mut Tree, by: usize) {
    for node in &mut tree.nodes {
        node.range = shift(node.range, by);
        if let Some(tag) = node.tag_mut() {
            tag.range = shift(tag.range, by);
        }
    }
}
