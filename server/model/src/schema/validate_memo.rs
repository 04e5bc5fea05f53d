//! Reusing what the validation of a function found in the previous version of a document: a
//! function whose segment the incremental parse copied unchanged (same text, so the same nodes
//! renumbered) gives the same errors, moved to its new node ids, so it is not validated again.
//! Only functions that nothing else can change are reused: their value is the parse's own
//! node (no variable replaces it or anything inside), validated outside a quiet trial, and
//! every error found lies inside the function.

use sls_syntax::{NodeId, SegmentNodes};

use super::{RawError, Seg, Validator};
use crate::schema::graph::{Schema, SchemaId};
use crate::schema::instance::{Inst, Slot};

/// What the validation of each function found: kept by the caller and handed to the next
/// validation of the same document (see [`super::validate_reusing`]).
#[derive(Debug, Default)]
pub struct FunctionMemo {
    /// The schema the results are for (its address: one of the two static graphs).
    schema: usize,
    /// AJV's schema path at the functions' values, the same for every result.
    route: String,
    /// In tree order (the order the functions are validated in).
    found: Vec<Found>,
    /// How many of the results were taken from the previous validation's.
    reused: usize,
}

impl FunctionMemo {
    /// How many functions were not validated again: their results were the previous ones.
    pub fn reused(&self) -> usize {
        self.reused
    }
}

/// The validation of one function's value against one schema.
#[derive(Debug, Clone)]
struct Found {
    /// The function's first node (its key).
    first: NodeId,
    schema: SchemaId,
    failures: usize,
    errors: Vec<RawError>,
}

/// What a validation may reuse: the segments of the parse it validates (see
/// `sls_syntax::Parse::segments`) and what the validation of the previous parse found.
#[derive(Clone, Copy)]
pub struct Reuse<'a> {
    pub segments: &'a [SegmentNodes],
    pub previous: Option<&'a FunctionMemo>,
}

/// A validation's reuse and the memo it fills for the next one.
pub(super) struct Memo<'a> {
    reuse: Reuse<'a>,
    next: FunctionMemo,
}

impl<'a> Memo<'a> {
    pub fn new(reuse: Reuse<'a>, schema: &Schema) -> Memo<'a> {
        Memo {
            reuse,
            next: FunctionMemo {
                schema: address(schema),
                ..FunctionMemo::default()
            },
        }
    }

    pub fn finish(self) -> FunctionMemo {
        self.next
    }
}

fn address(schema: &Schema) -> usize {
    std::ptr::from_ref(schema) as usize
}

impl<'t> Validator<'_, '_, 't> {
    /// Validates the value of the function whose entry is being validated, reusing the previous
    /// validation's result when its segment is unchanged. `false` when the value is not one
    /// this memo handles (the caller validates it as any other value).
    pub(super) fn validate_function(&mut self, id: SchemaId, slot: Slot, value: Inst) -> bool {
        let Some(segment) = self.function_segment(value) else {
            return false;
        };
        if let Some(found) = self.previous_result(&segment, id) {
            self.failures += found.failures;
            self.errors.extend(found.errors.iter().cloned());
            self.remember(found);
            if let Some(memo) = self.memo.as_mut() {
                memo.next.reused += 1;
            }
            return true;
        }
        let (errors, failures) = (self.errors.len(), self.failures);
        self.validate(id, slot, value);
        let inside =
            |node: Option<NodeId>| node.is_none_or(|n| segment.first <= n && n < segment.end);
        let found = self.errors.get(errors..).unwrap_or_default();
        if found.iter().all(|e| inside(e.node) && inside(e.key_node)) {
            let found = Found {
                first: segment.first,
                schema: id,
                failures: self.failures - failures,
                errors: found.to_vec(),
            };
            self.remember(found);
        }
        true
    }

    /// The segment of the function whose value is `value`, when the memo may stand for its
    /// validation: at `functions.<name>`, recorded (not a quiet trial), the parse's own node
    /// with nothing in the function replaced by the view.
    fn function_segment(&self, value: Inst) -> Option<SegmentNodes> {
        let memo = self.memo.as_ref()?;
        let at_function = matches!(self.path.as_slice(), [Seg::Key("functions"), Seg::Key(_)]);
        let Inst::Node(id) = value else {
            return None;
        };
        if self.quiet > 0 || !at_function {
            return None;
        }
        let segments = memo.reuse.segments;
        let index = segments.partition_point(|s| s.first <= id).checked_sub(1)?;
        let segment = *segments.get(index)?;
        let view = self.instance.view();
        (segment.value == id && !view.replaces_any(segment.first.0..segment.end.0))
            .then_some(segment)
    }

    /// The previous validation's result for this function and schema, moved to the function's
    /// node ids in this parse.
    fn previous_result(&self, segment: &SegmentNodes, id: SchemaId) -> Option<Found> {
        let memo = self.memo.as_ref()?;
        let previous = memo.reuse.previous?;
        let old_first = segment.previous_first?;
        if previous.schema != memo.next.schema || previous.route != self.schema_path {
            return None;
        }
        let start = previous.found.partition_point(|f| f.first < old_first);
        let found = previous.found[start..]
            .iter()
            .take_while(|f| f.first == old_first)
            .find(|f| f.schema == id)?;
        let moved = |node: NodeId| NodeId(node.0.saturating_sub(old_first.0) + segment.first.0);
        let errors = found
            .errors
            .iter()
            .map(|error| RawError {
                node: error.node.map(moved),
                key_node: error.key_node.map(moved),
                ..error.clone()
            })
            .collect();
        Some(Found {
            first: segment.first,
            schema: id,
            failures: found.failures,
            errors,
        })
    }

    /// Keeps a function's result for the next validation (the latest for a function and schema
    /// validated twice).
    fn remember(&mut self, found: Found) {
        let route = &self.schema_path;
        let Some(memo) = self.memo.as_mut() else {
            return;
        };
        let next = &mut memo.next;
        if next.found.is_empty() {
            next.route.clone_from(route);
        } else if next.route != *route {
            return;
        }
        match next.found.last_mut() {
            Some(last) if last.first > found.first => {}
            Some(last) if last.first == found.first && last.schema == found.schema => *last = found,
            _ => next.found.push(found),
        }
    }
}
