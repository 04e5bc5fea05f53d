//! A large text parsed in two halves on two threads, to the tree `parse` gives.
//!
//! The cut is the incremental parser's (see `split`): between two functions of the
//! `functions:` block, near the middle of the text. The head (everything before the cut) is
//! parsed on this thread; the rest of the functions and the top-level entries after them on
//! another. Each part ends the way it does in place (a key at the functions' indentation
//! follows a part that does not end the text: the sentinel entry, then removed), so its nodes
//! are those of the full parse; the tail's nodes are renumbered after the head's and moved to
//! their offsets, and the functions mapping and the root take the tail's entries.

use text_size::TextRange;

use super::assemble::{nesting, Placing};
use super::segments::{block_entries, SENTINEL};
use super::split::Piece;
use crate::parser::parse;
use crate::tree::{Entry, NodeId, NodeKind, Tree};
use crate::MAX_DEPTH;

/// The tree of `text` (cut into `pieces` by `split`) parsed in two halves, or `None` when the
/// text has no cut for it (no `functions:` block of two functions or more) or a part cannot be
/// placed (a syntax error, nesting near the limit): the caller then parses it at once.
pub(super) fn parse_in_halves(text: &str, pieces: &[Piece]) -> Option<Tree> {
    let items = pieces.iter().find_map(|piece| match piece {
        Piece::Functions { items, .. } if items.len() >= 2 => Some(items),
        _ => None,
    })?;
    let middle = items.partition_point(|item| item.start < text.len() / 2);
    let cut = items.get(middle.clamp(1, items.len() - 1))?.start;
    let functions_end = items.last()?.end;
    let indent = text.get(cut..)?.bytes().take_while(|&b| b == b' ').count();
    let (head, tail) = crate::parallel::both(
        true,
        || part(text.get(..cut)?, indent, true),
        || {
            let functions = part(
                text.get(cut..functions_end)?,
                indent,
                functions_end < text.len(),
            )?;
            let after = match text.get(functions_end..)? {
                "" => None,
                rest => Some(part(rest, 0, false)?),
            };
            Some((functions, after))
        },
    );
    let (functions, after) = tail?;
    stitch(
        head?,
        (functions, cut),
        after.map(|tree| (tree, functions_end)),
    )
}

/// The tree of one part of the text, parsed alone: `indent` is the indentation of the keys
/// that follow it in place (the sentinel key put there is removed). `None` when the part has a
/// syntax error or its root is not a block mapping without properties.
fn part(text: &str, indent: usize, followed: bool) -> Option<Tree> {
    let source = if followed {
        let mut source = String::with_capacity(text.len() + indent + SENTINEL.len());
        source.push_str(text);
        source.extend(std::iter::repeat_n(' ', indent));
        source.push_str(SENTINEL);
        std::borrow::Cow::Owned(source)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let parsed = parse(&source);
    if !parsed.errors.is_empty() || parsed.tree.root != Some(NodeId(0)) {
        return None;
    }
    let mut tree = parsed.tree;
    block_entries(tree.nodes.first()?)?;
    if followed {
        remove_sentinel(&mut tree)?;
    }
    Some(tree)
}

/// Removes the sentinel entry (its key and value, the last two nodes) from the mapping that
/// holds it: the last entry of the deepest last entry's value that is a mapping.
fn remove_sentinel(tree: &mut Tree) -> Option<()> {
    let n = u32::try_from(tree.nodes.len()).ok()?;
    let (key, value) = (NodeId(n.checked_sub(2)?), NodeId(n - 1));
    let mut at = 0usize;
    loop {
        let entries = block_entries(tree.nodes.get(at)?)?;
        let last = *entries.last()?;
        if last.key == key && last.value == value {
            break;
        }
        at = last.value.0 as usize;
    }
    if let NodeKind::Mapping { entries, .. } = &mut tree.nodes.get_mut(at)?.kind {
        entries.pop();
    }
    tree.nodes.truncate(tree.nodes.len() - 2);
    Some(())
}

/// The head's tree with the functions parsed apart (`(tree, offset)`: its entries join the
/// head's last top-level entry, the functions mapping) and the top-level entries after them.
fn stitch(
    mut head: Tree,
    (functions, cut): (Tree, usize),
    after: Option<(Tree, usize)>,
) -> Option<Tree> {
    let functions_map = block_entries(head.nodes.first()?)?.last()?.value;
    block_entries(head.nodes.get(functions_map.0 as usize)?)?;
    // The functions are two levels deeper in place than alone.
    if nesting(&functions) + 2 >= MAX_DEPTH {
        return None;
    }
    let moved = append(&mut head, functions, cut)?;
    extend_mapping(&mut head, functions_map, &moved)?;
    let moved = match after {
        Some((after, offset)) => append(&mut head, after, offset)?,
        None => Vec::new(),
    };
    extend_mapping(&mut head, NodeId(0), &moved)?;
    Some(head)
}

/// Appends the nodes of `part` but its root to `tree`, moved to `offset` and renumbered;
/// returns the root's entries, renumbered.
fn append(tree: &mut Tree, part: Tree, offset: usize) -> Option<Vec<Entry>> {
    let place = Placing {
        first: 1,
        base: u32::try_from(tree.nodes.len()).ok()?,
        from: 0,
        to: u32::try_from(offset).ok()?,
    };
    let entries: Vec<Entry> = block_entries(part.nodes.first()?)?
        .iter()
        .map(|e| Entry {
            key: place.id(e.key),
            value: place.id(e.value),
        })
        .collect();
    if entries.first()?.key != NodeId(place.base) {
        return None;
    }
    tree.nodes
        .extend(part.nodes.into_iter().skip(1).map(|node| place.node(node)));
    Some(entries)
}

/// Adds `added` to the entries of the mapping `id`, whose range then covers its entries (as
/// in the full parse of a text `split` cuts).
fn extend_mapping(tree: &mut Tree, id: NodeId, added: &[Entry]) -> Option<()> {
    let range = |id: NodeId| tree.nodes.get(id.0 as usize).map(|n| n.range);
    let span = block_entries(tree.nodes.get(id.0 as usize)?)?
        .iter()
        .chain(added)
        .flat_map(|e| [range(e.key), range(e.value)])
        .collect::<Option<Vec<TextRange>>>()?
        .into_iter()
        .reduce(TextRange::cover)?;
    let node = tree.nodes.get_mut(id.0 as usize)?;
    if let NodeKind::Mapping { entries, .. } = &mut node.kind {
        entries.extend_from_slice(added);
    }
    node.range = span;
    Some(())
}
