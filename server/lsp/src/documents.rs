//! The open documents: uri → version, rope, and what is known of that exact version's analysis.
//!
//! Edits are applied under a `std::sync::Mutex` that is never held across an `.await`. Nothing
//! is analysed on the way in: an analysis is computed on demand, by the first request that needs
//! the current version or by the task that publishes its diagnostics, and stored with
//! `set_analysis`, which refuses it if the document moved on meanwhile. The parse of the latest
//! analysis stored is kept to be reused by the next one (`Analysis::incremental_in_environment`);
//! the rest of an analysis lives only as long as the document's current version. Each document
//! also records whether its diagnostics are published and whether a task to publish them is
//! scheduled, so a burst of changes schedules one task, not one per change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use sls_analysis::{Analysis, Reusable, MAX_TEXT_LEN};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::convert::PositionEncoding;
use crate::dropper::Dropper;
use crate::{edits, files};

/// What is known of the analysis of a document's current version.
enum AnalysisState {
    /// Not computed yet: the text changed, or files on disk did.
    Stale,
    Ready(Arc<Analysis>),
    /// Analysing this version panicked; requests get an internal error until the next change.
    Failed,
    /// The text is longer than `MAX_TEXT_LEN`: not analysed, one diagnostic says so.
    TooLarge,
}

impl AnalysisState {
    /// The state of a text that has not been analysed yet.
    fn unanalysed(rope: &Rope) -> AnalysisState {
        if rope.len_bytes() > MAX_TEXT_LEN {
            AnalysisState::TooLarge
        } else {
            AnalysisState::Stale
        }
    }
}

/// What a document keeps of its latest analysis once a change makes it stale: only what the
/// next analysis reuses (the parse and the functions' schema validation) and whether it
/// included other files, so that the rest of the old analysis is freed before the next one is
/// built.
struct Kept {
    /// Handed over to the next analysis (see [`Documents::current`]).
    reusable: Option<Reusable>,
    includes_files: bool,
}

impl Kept {
    fn of(analysis: &Analysis) -> Kept {
        Kept {
            reusable: Some(analysis.reusable()),
            includes_files: !analysis.included_files().is_empty(),
        }
    }
}

/// One open document.
struct Document {
    /// Tells this opening of the URI from earlier ones (versions may start again on reopen).
    generation: u64,
    version: i32,
    rope: Rope,
    /// Whether this is a Serverless config (by file name); other documents are only tracked.
    is_serverless: bool,
    analysis: AnalysisState,
    /// What the next analysis reuses of the latest one stored, of any version.
    kept: Option<Kept>,
    /// Whether the diagnostics of `analysis` have been published.
    published: bool,
    /// Whether a task that publishes this document's diagnostics is waiting to run.
    publication_scheduled: bool,
}

/// The current version of a Serverless config, as a request or a publication finds it.
pub enum Current {
    Ready(Arc<Analysis>),
    /// Not analysed yet: the text to analyse.
    Stale(ToAnalyse),
    /// Analysing this version failed.
    Failed {
        version: i32,
    },
    /// Too long to analyse (see `MAX_TEXT_LEN`).
    TooLarge,
}

/// What is published for a version.
pub enum Published {
    Analysis(Arc<Analysis>),
    /// The text is this many bytes, too long to analyse.
    TooLarge(usize),
}

/// Text of a Serverless config at a version, to be analysed.
pub struct ToAnalyse {
    pub uri: Uri,
    generation: u64,
    pub version: i32,
    /// Shared with the analysis made of it, which keeps it.
    pub text: Arc<str>,
    /// What an analysis of an earlier version left for the new one to reuse.
    pub previous: Option<Reusable>,
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
    generations: Mutex<u64>,
    /// Frees replaced analyses and parses away from the edits and publications.
    dropper: Dropper,
}

impl DocumentStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        // A panic while holding the lock leaves consistent data (edits are applied whole).
        self.documents
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn next_generation(&self) -> u64 {
        let mut counter = self
            .generations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *counter += 1;
        *counter
    }

    /// Opens (or reopens) a document; returns whether it is a Serverless config.
    pub fn open(&self, uri: Uri, version: i32, text: &str) -> bool {
        let is_serverless = files::is_serverless_config(&uri);
        let rope = Rope::from_str(text);
        let document = Document {
            generation: self.next_generation(),
            version,
            analysis: AnalysisState::unanalysed(&rope),
            rope,
            is_serverless,
            kept: None,
            published: false,
            publication_scheduled: false,
        };
        self.lock().insert(uri, document);
        is_serverless
    }

    /// Applies a batch of changes in order; returns whether the document is a Serverless config.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> Result<bool, ChangeError> {
        let mut documents = self.lock();
        let document = documents.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        if version <= document.version {
            return Err(ChangeError::StaleVersion {
                current: document.version,
                received: version,
            });
        }
        for change in changes {
            edits::apply(&mut document.rope, change, encoding);
        }
        document.version = version;
        let replaced = std::mem::replace(&mut document.analysis, AnalysisState::Stale);
        document.invalidate();
        let is_serverless = document.is_serverless;
        drop(documents);
        self.dropper.later(replaced);
        Ok(is_serverless)
    }

    /// The analysis of the current version of a Serverless config, or the text to compute it
    /// from; `None` if the document is not open or not a Serverless config. The text comes with
    /// what the latest analysis left for reuse, handed over rather than shared: the job then
    /// holds the previous parse alone and lets go of it once its own is built. (An analysis
    /// that fails leaves the next one to parse the whole text.)
    pub fn current(&self, uri: &Uri) -> Option<Current> {
        let mut documents = self.lock();
        let document = documents.get_mut(uri).filter(|d| d.is_serverless)?;
        Some(match &document.analysis {
            AnalysisState::Ready(analysis) => Current::Ready(analysis.clone()),
            AnalysisState::Failed => Current::Failed {
                version: document.version,
            },
            AnalysisState::TooLarge => Current::TooLarge,
            AnalysisState::Stale => Current::Stale(ToAnalyse {
                uri: uri.clone(),
                generation: document.generation,
                version: document.version,
                text: Arc::from(document.rope.to_string()),
                previous: document.kept.as_mut().and_then(|k| k.reusable.take()),
            }),
        })
    }

    /// Stores the analysis of `analysed` (`None`: it failed); returns false if the document
    /// has moved on or closed. Any analysis stored (even of an old version) is kept for the
    /// next one to reuse.
    pub fn set_analysis(&self, analysed: &ToAnalyse, analysis: Option<Arc<Analysis>>) -> bool {
        let mut documents = self.lock();
        let Some(document) = documents
            .get_mut(&analysed.uri)
            .filter(|d| d.generation == analysed.generation)
        else {
            return false;
        };
        if let Some(analysis) = &analysis {
            let replaced = document.kept.replace(Kept::of(analysis));
            self.dropper.later(replaced);
        }
        if document.version != analysed.version {
            return false;
        }
        document.analysis = match analysis {
            Some(analysis) => AnalysisState::Ready(analysis),
            None => AnalysisState::Failed,
        };
        document.published = false;
        true
    }

    /// Closes a document; returns whether it was open.
    pub fn close(&self, uri: &Uri) -> bool {
        self.lock().remove(uri).is_some()
    }

    /// Whether an open document is a Serverless config; `None` if it is not open.
    pub fn is_serverless(&self, uri: &Uri) -> Option<bool> {
        self.lock().get(uri).map(|d| d.is_serverless)
    }

    /// Drops the analysis of every open Serverless config (files on disk changed); returns
    /// their URIs.
    pub fn invalidate_all(&self) -> Vec<Uri> {
        self.lock()
            .iter_mut()
            .filter(|(_, document)| document.is_serverless)
            .map(|(uri, document)| {
                document.invalidate();
                uri.clone()
            })
            .collect()
    }

    /// Drops the analysis of the open configs that include other files (one of those may have
    /// been edited in the editor); returns their URIs.
    pub fn invalidate_including(&self) -> Vec<Uri> {
        self.lock()
            .iter_mut()
            .filter(|(_, document)| {
                document.is_serverless
                    && document
                        .kept
                        .as_ref()
                        .is_some_and(|kept| kept.includes_files)
            })
            .map(|(uri, document)| {
                document.invalidate();
                uri.clone()
            })
            .collect()
    }

    /// The URIs of the open Serverless configs.
    pub fn serverless_uris(&self) -> Vec<Uri> {
        self.lock()
            .iter()
            .filter(|(_, document)| document.is_serverless)
            .map(|(uri, _)| uri.clone())
            .collect()
    }

    /// The text of the open document at `path` (a file path), if one is open there.
    pub fn text_at(&self, path: &std::path::Path) -> Option<String> {
        self.lock()
            .iter()
            .find(|(uri, _)| crate::project::file_path(uri).is_some_and(|p| p == path))
            .map(|(_, document)| document.rope.to_string())
    }

    /// Notes that the document's diagnostics are to be published; returns its generation if
    /// the caller is to start the task that does it (none is scheduled yet).
    pub fn schedule_publication(&self, uri: &Uri) -> Option<u64> {
        let mut documents = self.lock();
        let document = documents.get_mut(uri).filter(|d| d.is_serverless)?;
        if document.publication_scheduled {
            return None;
        }
        document.publication_scheduled = true;
        Some(document.generation)
    }

    /// The scheduled task starts: later changes schedule another one. Returns false if the
    /// document it was scheduled for has closed since.
    pub fn start_publication(&self, uri: &Uri, generation: u64) -> bool {
        let mut documents = self.lock();
        match documents
            .get_mut(uri)
            .filter(|d| d.generation == generation)
        {
            Some(document) => {
                document.publication_scheduled = false;
                true
            }
            None => false,
        }
    }

    /// The current version and its analysis, if analysed and not yet published; marks it
    /// published.
    pub fn take_unpublished(&self, uri: &Uri) -> Option<(i32, Published)> {
        let mut documents = self.lock();
        let document = documents.get_mut(uri)?;
        let published = match &document.analysis {
            AnalysisState::Ready(analysis) => Published::Analysis(analysis.clone()),
            AnalysisState::TooLarge => Published::TooLarge(document.rope.len_bytes()),
            AnalysisState::Stale | AnalysisState::Failed => return None,
        };
        if document.published {
            return None;
        }
        document.published = true;
        Some((document.version, published))
    }

    #[cfg(test)]
    fn text(&self, uri: &Uri) -> Option<String> {
        self.lock().get(uri).map(|d| d.rope.to_string())
    }
}

impl Document {
    /// The text or the files around it changed: the analysis is to be computed again.
    fn invalidate(&mut self) {
        self.analysis = AnalysisState::unanalysed(&self.rope);
        self.published = false;
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

    #[test]
    fn changes_apply_in_order() {
        let (store, uri) = store_with("a: 1\r\nb: 2\r\n");
        let batch = [edit(1, 3, 1, 4, "3"), edit(0, 0, 0, 0, "# x\n")];
        assert_eq!(store.change(&uri, 2, &batch, UTF16), Ok(true));
        assert_eq!(store.text(&uri).as_deref(), Some("# x\na: 1\r\nb: 3\r\n"));
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
        assert!(store.open(uri.clone(), 1, text));
        (store, uri)
    }

    const UTF16: PositionEncoding = PositionEncoding::Utf16;

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

    /// The text to analyse of the current version (which must not be analysed yet).
    fn stale(store: &DocumentStore, uri: &Uri) -> ToAnalyse {
        match store.current(uri) {
            Some(Current::Stale(job)) => job,
            _ => panic!("expected a version to analyse"),
        }
    }

    fn analysis_of(text: &str) -> Arc<Analysis> {
        Arc::new(Analysis::new(text, &sls_analysis::NoFiles))
    }

    #[test]
    fn analysis_of_an_old_version_is_refused() {
        let (store, uri) = store_with("a");
        let old = stale(&store, &uri);
        store
            .change(&uri, 2, &[whole("b")], UTF16)
            .expect("applied");
        assert!(!store.set_analysis(&old, None));
        let current = stale(&store, &uri);
        assert_eq!((current.version, &*current.text), (2, "b"));
        assert!(store.set_analysis(&current, None));
        assert!(matches!(
            store.current(&uri),
            Some(Current::Failed { version: 2 })
        ));
    }

    #[test]
    fn an_analysis_for_an_earlier_opening_is_refused() {
        let (store, uri) = store_with("a: 1\n");
        let before = stale(&store, &uri);
        assert!(store.close(&uri));
        assert!(store.open(uri.clone(), 1, "b: 2\n"));
        assert!(!store.set_analysis(&before, Some(analysis_of("a: 1\n"))));
        assert!(matches!(store.current(&uri), Some(Current::Stale(_))));
    }

    #[test]
    fn changes_hand_over_the_latest_analysis_for_reuse() {
        let (store, uri) = store_with("a: 1\n");
        let first = analysis_of("a: 1\n");
        assert!(store.set_analysis(&stale(&store, &uri), Some(first.clone())));
        store
            .change(&uri, 2, &[whole("a: 2\n")], UTF16)
            .expect("applied");
        let second = stale(&store, &uri);
        assert!(second
            .previous
            .as_ref()
            .is_some_and(|p| p.same_as(&first.reusable())));
        // Handed over, not shared: the job alone holds the previous parse, so the analysis can
        // let go of it early; a job made before the next analysis is stored has nothing to reuse.
        assert!(stale(&store, &uri).previous.is_none());
        // An analysis that arrives late is refused for its version but still reused.
        let late = analysis_of("a: 2\n");
        store
            .change(&uri, 3, &[whole("a: 3\n")], UTF16)
            .expect("applied");
        assert!(!store.set_analysis(&second, Some(late.clone())));
        assert!(stale(&store, &uri)
            .previous
            .is_some_and(|p| p.same_as(&late.reusable())));
    }

    #[test]
    fn each_analysis_is_published_once() {
        let (store, uri) = store_with("a: 1\n");
        assert!(store.take_unpublished(&uri).is_none());
        assert!(store.set_analysis(&stale(&store, &uri), Some(analysis_of("a: 1\n"))));
        assert_eq!(store.take_unpublished(&uri).map(|(v, _)| v), Some(1));
        assert!(store.take_unpublished(&uri).is_none());
        // Files on disk changed: the same version is analysed and published again.
        assert_eq!(store.invalidate_all(), vec![uri.clone()]);
        assert!(store.take_unpublished(&uri).is_none());
        assert!(store.set_analysis(&stale(&store, &uri), Some(analysis_of("a: 1\n"))));
        assert_eq!(store.take_unpublished(&uri).map(|(v, _)| v), Some(1));
    }

    #[test]
    fn one_publication_is_scheduled_at_a_time() {
        let (store, uri) = store_with("a");
        let generation = store.schedule_publication(&uri).expect("first");
        assert_eq!(store.schedule_publication(&uri), None);
        assert!(store.start_publication(&uri, generation));
        let again = store.schedule_publication(&uri).expect("after the start");
        // Reopened meanwhile: the task scheduled for the earlier opening finds nothing to do.
        store.close(&uri);
        store.open(uri.clone(), 1, "b");
        assert!(!store.start_publication(&uri, again));
        assert!(store.schedule_publication(&uri).is_some());
    }

    #[test]
    fn a_text_over_the_limit_is_not_analysed() {
        let big = "#".repeat(MAX_TEXT_LEN + 1);
        let (store, uri) = store_with(&big);
        assert!(matches!(store.current(&uri), Some(Current::TooLarge)));
        assert!(matches!(
            store.take_unpublished(&uri),
            Some((1, Published::TooLarge(len))) if len == big.len()
        ));
        // Cut below the limit, it is analysed again.
        store
            .change(&uri, 2, &[edit(0, 0, 0, 10, "")], UTF16)
            .expect("applied");
        assert!(matches!(store.current(&uri), Some(Current::Stale(_))));
    }

    #[test]
    fn other_files_are_tracked_but_not_analysed() {
        let store = DocumentStore::default();
        let other = uri("docker-compose.yml");
        assert!(!store.open(other.clone(), 1, "a"));
        assert_eq!(store.change(&other, 2, &[whole("b")], UTF16), Ok(false));
        assert!(store.current(&other).is_none());
        assert_eq!(store.schedule_publication(&other), None);
        assert_eq!(store.is_serverless(&other), Some(false));
    }
}
