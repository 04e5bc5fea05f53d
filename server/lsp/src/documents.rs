//! The open documents: uri → version, rope, and the analysis of that exact version.
//!
//! Edits are applied under a `std::sync::Mutex` that is never held across an `.await`; callers
//! analyse the returned text outside the lock and store the result with `set_analysis`, which
//! refuses it if the document moved on meanwhile. The latest analysis stored is kept to be
//! reused by the next one (`Analysis::new_incremental`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use sls_analysis::Analysis;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::convert::{self, PositionEncoding};
use crate::files;

/// One open document.
struct Document {
    version: i32,
    rope: Rope,
    /// Whether this is a Serverless config (by file name); other documents are only tracked.
    is_serverless: bool,
    /// The analysis of `rope` at `version`; `None` until computed, or if analysis panicked.
    analysis: Option<Arc<Analysis>>,
    /// The latest analysis stored, of any version: what the next analysis reuses.
    reusable: Option<Arc<Analysis>>,
}

/// What a request sees of a document.
#[derive(Clone)]
pub struct Snapshot {
    pub version: i32,
    pub is_serverless: bool,
    pub analysis: Option<Arc<Analysis>>,
}

/// Text of a Serverless config at a version, to be analysed.
pub struct ToAnalyse {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    /// An analysis of an earlier version, whose unchanged parts the new one can reuse.
    pub previous: Option<Arc<Analysis>>,
}

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    NotOpen,
    StaleVersion { current: i32, received: i32 },
}

#[derive(Default)]
pub struct DocumentStore {
    documents: Mutex<HashMap<Uri, Document>>,
}

impl DocumentStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        // A panic while holding the lock leaves consistent data (edits are applied whole).
        self.documents
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Opens (or reopens) a document; returns its text if it is to be analysed.
    pub fn open(&self, uri: Uri, version: i32, text: &str) -> Option<ToAnalyse> {
        let is_serverless = files::is_serverless_config(&uri);
        let document = Document {
            version,
            rope: Rope::from_str(text),
            is_serverless,
            analysis: None,
            reusable: None,
        };
        self.lock().insert(uri.clone(), document);
        is_serverless.then(|| ToAnalyse {
            uri,
            version,
            text: text.to_owned(),
            previous: None,
        })
    }

    /// Applies a batch of changes in order; returns the new text if it is to be analysed.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Result<Option<ToAnalyse>, ChangeError> {
        let mut documents = self.lock();
        let document = documents.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        if version <= document.version {
            return Err(ChangeError::StaleVersion {
                current: document.version,
                received: version,
            });
        }
        for change in changes {
            apply(&mut document.rope, change, encoding);
        }
        document.version = version;
        document.analysis = None;
        Ok(document.is_serverless.then(|| ToAnalyse {
            uri: uri.clone(),
            version,
            text: document.rope.to_string(),
            previous: document.reusable.clone(),
        }))
    }

    /// Stores the analysis of `version`; returns false if the document has moved on or closed.
    /// Any analysis stored (even of an old version) is kept for the next one to reuse.
    pub fn set_analysis(&self, uri: &Uri, version: i32, analysis: Option<Arc<Analysis>>) -> bool {
        let mut documents = self.lock();
        let Some(document) = documents.get_mut(uri) else {
            return false;
        };
        if analysis.is_some() {
            document.reusable.clone_from(&analysis);
        }
        if document.version != version {
            return false;
        }
        document.analysis = analysis;
        true
    }

    /// Closes a document; returns whether it was open.
    pub fn close(&self, uri: &Uri) -> bool {
        self.lock().remove(uri).is_some()
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.lock().get(uri).map(|document| Snapshot {
            version: document.version,
            is_serverless: document.is_serverless,
            analysis: document.analysis.clone(),
        })
    }

    /// The text of every open Serverless config, e.g. to re-analyse after files changed.
    pub fn serverless_documents(&self) -> Vec<ToAnalyse> {
        self.lock()
            .iter()
            .filter(|(_, document)| document.is_serverless)
            .map(|(uri, document)| ToAnalyse {
                uri: uri.clone(),
                version: document.version,
                text: document.rope.to_string(),
                previous: document.reusable.clone(),
            })
            .collect()
    }

    #[cfg(test)]
    fn text(&self, uri: &Uri) -> Option<String> {
        self.lock().get(uri).map(|d| d.rope.to_string())
    }
}

/// Applies one change: a whole-document replacement when it has no range.
fn apply(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: PositionEncoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let a = convert::rope_char(rope, encoding, range.start);
            let b = convert::rope_char(rope, encoding, range.end);
            let (start, end) = (a.min(b), a.max(b));
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn uri(name: &str) -> Uri {
        Uri::from_str(&format!("file:///project/{name}")).expect("valid uri")
    }

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn whole(text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn store_with(text: &str) -> (DocumentStore, Uri) {
        let store = DocumentStore::default();
        let uri = uri("serverless.yml");
        assert!(store.open(uri.clone(), 1, text).is_some());
        (store, uri)
    }

    const UTF16: PositionEncoding = PositionEncoding::Utf16;

    #[test]
    fn incremental_edit_with_crlf() {
        let (store, uri) = store_with("a: 1\r\nb: 2\r\n");
        let out = store
            .change(&uri, 2, &[edit(1, 3, 1, 4, "3")], UTF16)
            .expect("applied")
            .expect("serverless");
        assert_eq!(out.text, "a: 1\r\nb: 3\r\n");
        assert_eq!(out.version, 2);
        // Deleting a CRLF line break joins the lines.
        store
            .change(&uri, 3, &[edit(0, 4, 1, 0, " ")], UTF16)
            .expect("applied");
        assert_eq!(store.text(&uri).as_deref(), Some("a: 1 b: 3\r\n"));
    }

    #[test]
    fn lone_cr_is_a_line_break() {
        let (store, uri) = store_with("a: 1\rb: 2\rc: 3");
        store
            .change(&uri, 2, &[edit(2, 0, 2, 1, "d")], UTF16)
            .expect("applied");
        assert_eq!(store.text(&uri).as_deref(), Some("a: 1\rb: 2\rd: 3"));
    }

    #[test]
    fn batch_applies_in_order() {
        let (store, uri) = store_with("x: 😀\ny: 中\n");
        let batch = [
            edit(0, 3, 0, 5, "ok"),   // replaces the emoji (2 UTF-16 units)
            edit(1, 4, 1, 4, "文"),   // after 中, in the text the first edit produced
            edit(2, 0, 2, 0, "z: 1"), // at the end
        ];
        store.change(&uri, 2, &batch, UTF16).expect("applied");
        assert_eq!(store.text(&uri).as_deref(), Some("x: ok\ny: 中文\nz: 1"));
    }

    #[test]
    fn utf8_columns() {
        let (store, uri) = store_with("x: 😀!\n");
        store
            .change(&uri, 2, &[edit(0, 7, 0, 8, "?")], PositionEncoding::Utf8)
            .expect("applied");
        assert_eq!(store.text(&uri).as_deref(), Some("x: 😀?\n"));
    }

    #[test]
    fn whole_document_replacement_then_incremental() {
        let (store, uri) = store_with("old");
        store
            .change(&uri, 2, &[whole("new: 1\n"), edit(0, 5, 0, 6, "2")], UTF16)
            .expect("applied");
        assert_eq!(store.text(&uri).as_deref(), Some("new: 2\n"));
    }

    #[test]
    fn out_of_range_edits_are_clamped() {
        let (store, uri) = store_with("a\nb");
        store
            .change(&uri, 2, &[edit(0, 50, 9, 9, "!")], UTF16)
            .expect("applied");
        assert_eq!(store.text(&uri).as_deref(), Some("a!"));
    }

    #[test]
    fn versions_must_increase() {
        let (store, uri) = store_with("a");
        assert_eq!(
            store.change(&uri, 1, &[whole("b")], UTF16).err(),
            Some(ChangeError::StaleVersion {
                current: 1,
                received: 1
            })
        );
        assert_eq!(store.text(&uri).as_deref(), Some("a"));
        let other = super::tests::uri("serverless.json");
        assert_eq!(
            store.change(&other, 5, &[whole("b")], UTF16).err(),
            Some(ChangeError::NotOpen)
        );
    }

    #[test]
    fn analysis_of_an_old_version_is_refused() {
        let (store, uri) = store_with("a");
        store
            .change(&uri, 2, &[whole("b")], UTF16)
            .expect("applied");
        assert!(!store.set_analysis(&uri, 1, None));
        assert!(store.set_analysis(&uri, 2, None));
    }

    #[test]
    fn changes_hand_over_the_latest_analysis_for_reuse() {
        let (store, uri) = store_with("a: 1\n");
        let first = Arc::new(Analysis::new("a: 1\n", &sls_analysis::NoFiles));
        assert!(store.set_analysis(&uri, 1, Some(first.clone())));
        let pending = store
            .change(&uri, 2, &[whole("a: 2\n")], UTF16)
            .expect("applied")
            .expect("serverless");
        assert!(pending.previous.is_some_and(|p| Arc::ptr_eq(&p, &first)));
        // An analysis that arrives late is refused for its version but still reused.
        let late = Arc::new(Analysis::new("a: 1\n", &sls_analysis::NoFiles));
        store
            .change(&uri, 3, &[whole("a: 3\n")], UTF16)
            .expect("applied");
        assert!(!store.set_analysis(&uri, 2, Some(late.clone())));
        let pending = store
            .change(&uri, 4, &[whole("a: 4\n")], UTF16)
            .expect("applied")
            .expect("serverless");
        assert!(pending.previous.is_some_and(|p| Arc::ptr_eq(&p, &late)));
    }

    #[test]
    fn other_files_are_tracked_but_not_analysed() {
        let store = DocumentStore::default();
        assert!(store.open(uri("docker-compose.yml"), 1, "a").is_none());
        let change = store.change(&uri("docker-compose.yml"), 2, &[whole("b")], UTF16);
        assert!(matches!(change, Ok(None)));
    }
}
