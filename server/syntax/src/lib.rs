//! Text to a positioned YAML tree: every node has an exact byte range, parsing never fails.
//!
//! `parse` returns the tree as far as it could be built plus the syntax errors with their
//! positions; `parse_incremental` gives the same result reusing the unchanged parts of an earlier
//! parse, and `parse_large` parses a large text in two halves on two threads. `LineIndex` converts byte offsets to line/column in UTF-8, UTF-16 or UTF-32 and
//! back. `View` shows a tree through an `Overlay` of replaced and appended nodes (what variable
//! resolution produces), so the layers above read resolved values through the same `Node`
//! API. Nothing here knows about Serverless, LSP or IO.

mod dump;
mod incremental;
mod js;
mod line_index;
pub mod parallel;
mod parser;
mod tree;
mod view;

pub use incremental::{
    parse_in_two_halves, parse_incremental, parse_incremental_shared, parse_large, SegmentCache,
    SegmentNodes,
};
pub use js::js_number_text;
pub use line_index::{LineCol, LineIndex, WideEncoding};
pub use parser::{parse, Parse, SyntaxError, MAX_DEPTH};
pub use text_size::{TextRange, TextSize};
pub use tree::{
    CompactString, Entry, Node, NodeData, NodeId, NodeKind, Scalar, ScalarKind, ScalarStyle, Tag,
    Tree,
};
pub use view::{FileId, Overlay, View};
