//! The documentation of the latest completion lists, kept for `completionItem/resolve` when
//! the client fetches it for the item it shows (lists then travel without it).
//!
//! Each list gets a number; each of its items carries `[number, index]` as its `data`. The
//! last few lists are kept, so that an item of a list the client still shows while the next
//! one is computed resolves too; an item of an older list resolves without documentation.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde_json::{json, Value};

/// How many lists are kept.
const KEPT: usize = 4;

#[derive(Default)]
pub struct CompletionDocs {
    lists: Mutex<Kept>,
}

/// The number of the last list, and the lists kept: each number with its items' documentation.
#[derive(Default)]
struct Kept {
    last: u64,
    lists: VecDeque<(u64, Vec<Option<String>>)>,
}

impl CompletionDocs {
    /// Keeps a list's documentation (by item index) and returns the `data` of each item.
    pub fn keep(&self, docs: Vec<Option<String>>) -> Vec<Value> {
        let mut kept = self.lists.lock().unwrap_or_else(|p| p.into_inner());
        kept.last += 1;
        let number = kept.last;
        let data = (0..docs.len())
            .map(|index| json!([number, index]))
            .collect();
        kept.lists.push_back((number, docs));
        while kept.lists.len() > KEPT {
            kept.lists.pop_front();
        }
        data
    }

    /// The documentation of the item whose `data` this is, if its list is still kept.
    pub fn find(&self, data: Option<&Value>) -> Option<String> {
        let (number, index) = match data?.as_array()?.as_slice() {
            [number, index] => (number.as_u64()?, usize::try_from(index.as_u64()?).ok()?),
            _ => return None,
        };
        let kept = self.lists.lock().unwrap_or_else(|p| p.into_inner());
        let (_, docs) = kept.lists.iter().find(|(n, _)| *n == number)?;
        docs.get(index)?.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_documentation_of_the_last_lists_only() {
        let docs = CompletionDocs::default();
        let first = docs.keep(vec![Some("a".into()), None]);
        assert_eq!(docs.find(first.first()), Some("a".to_owned()));
        assert_eq!(docs.find(first.get(1)), None);
        for _ in 0..KEPT - 1 {
            docs.keep(vec![Some("later".into())]);
        }
        assert_eq!(docs.find(first.first()), Some("a".to_owned()));
        let newest = docs.keep(vec![Some("b".into())]);
        assert_eq!(
            docs.find(first.first()),
            None,
            "the first list is no longer kept"
        );
        assert_eq!(docs.find(newest.first()), Some("b".to_owned()));
    }

    #[test]
    fn other_data_finds_nothing() {
        let docs = CompletionDocs::default();
        docs.keep(vec![Some("a".into())]);
        for data in [
            json!(null),
            json!([1]),
            json!([1, -1]),
            json!(["1", 0]),
            json!([1, 9]),
        ] {
            assert_eq!(docs.find(Some(&data)), None, "{data}");
        }
        assert_eq!(docs.find(None), None);
    }
}
