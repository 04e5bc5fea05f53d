//! The template as indented JSON text, byte for byte what `serde_json::to_string_pretty`
//! writes (two spaces, `"key": value`, `{}` and `[]` when empty), written straight into a
//! byte buffer (handed to a writer in pieces when there is one): a template of tens of
//! thousands of resources is tens of megabytes of text.

use std::io::Write;

use serde_json::Value;

// serde_json escapes exactly what JavaScript's `JSON.stringify` escapes.
use crate::js_json::write_string;

/// Objects of the first two levels with at least this many entries (the `Resources` of a
/// large service) are written on two threads, [`CHUNK`] entries at a time on each in turn.
const WORTH_TWO_THREADS: usize = 4_096;

/// How many entries of a large object one thread writes before the other's turn.
const CHUNK: usize = 1_024;

/// Appends `value` as indented JSON to `out`.
pub fn write_pretty(out: &mut Vec<u8>, value: &Value) {
    write_entry(out, value);
}

/// [`write_pretty`] of what an entry holds.
pub(crate) fn write_entry<V: Entry + ?Sized>(out: &mut Vec<u8>, value: &V) {
    write_at_depth(out, value, 0);
}

/// Appends `value` as indented JSON to `out`, as it is written `depth` levels deep (its
/// closing line indented for that depth; only the first two levels are ever split between
/// threads).
pub(crate) fn write_at_depth<V: Entry + ?Sized>(out: &mut Vec<u8>, value: &V, depth: usize) {
    let mut writer = Writer {
        hand_over: &mut |_| {},
        piece: usize::MAX,
        split_from: WORTH_TWO_THREADS,
        chunk: CHUNK,
    };
    value.write(&mut writer, out, depth);
}

/// Writes `value` as indented JSON, then a line break, to `sink`, a piece at a time.
pub fn write_pretty_to(sink: &mut dyn Write, value: &Value) -> std::io::Result<()> {
    write_entry_to(sink, value)
}

/// [`write_pretty_to`] of what an entry holds.
pub(crate) fn write_entry_to<V: Entry + ?Sized>(
    sink: &mut dyn Write,
    value: &V,
) -> std::io::Result<()> {
    write_in_pieces(sink, value, 1 << 18, WORTH_TWO_THREADS, CHUNK)
}

/// [`write_pretty_to`], handing the text over whenever `piece` bytes are ready, writing objects
/// of `split_from` entries on two threads, `chunk` entries at a time.
fn write_in_pieces<V: Entry + ?Sized>(
    sink: &mut dyn Write,
    value: &V,
    piece: usize,
    split_from: usize,
    chunk: usize,
) -> std::io::Result<()> {
    let mut failed = None;
    let mut out = buffer_for(piece);
    let mut hand_over = |out: &mut Vec<u8>| {
        if failed.is_none() {
            failed = sink.write_all(out).err();
            out.clear();
        }
    };
    let mut writer = Writer {
        hand_over: &mut hand_over,
        piece,
        split_from,
        chunk,
    };
    value.write(&mut writer, &mut out, 0);
    out.push(b'\n');
    match failed {
        Some(error) => Err(error),
        None => sink.write_all(&out).and_then(|()| sink.flush()),
    }
}

/// Takes what is written so far (between the entries of objects and arrays, once a piece is
/// ready).
type HandOver<'h> = dyn FnMut(&mut Vec<u8>) + 'h;

/// What the writer writes as the value of an entry: a tree, or text written before.
pub(crate) trait Entry: Sync {
    /// Appends the entry's value `depth` levels deep.
    fn write(&self, writer: &mut Writer<'_, '_>, out: &mut Vec<u8>, depth: usize);
}

impl Entry for Value {
    fn write(&self, writer: &mut Writer<'_, '_>, out: &mut Vec<u8>, depth: usize) {
        writer.value(out, self, depth);
    }
}

pub(crate) struct Writer<'h, 'f> {
    hand_over: &'h mut HandOver<'f>,
    /// How much text makes a piece to hand over.
    piece: usize,
    split_from: usize,
    chunk: usize,
}

impl Writer<'_, '_> {
    /// Hands the text over when a piece is ready.
    fn hand_over_piece(&mut self, out: &mut Vec<u8>) {
        if out.len() >= self.piece {
            (self.hand_over)(out);
        }
    }

    pub(crate) fn value(&mut self, out: &mut Vec<u8>, value: &Value, depth: usize) {
        match value {
            Value::Array(items) if !items.is_empty() => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
                    indent(out, depth + 1);
                    self.value(out, item, depth + 1);
                    self.hand_over_piece(out);
                }
                out.push(b'\n');
                indent(out, depth);
                out.push(b']');
            }
            Value::Object(map) => self.object(out, map.iter(), map.len(), depth),
            _ => write_leaf(out, value),
        }
    }

    /// An object of `len` entries (`{}` when empty).
    pub(crate) fn object<'v, V: Entry + 'v>(
        &mut self,
        out: &mut Vec<u8>,
        entries: impl Iterator<Item = (&'v String, &'v V)>,
        len: usize,
        depth: usize,
    ) {
        if len == 0 {
            out.extend_from_slice(b"{}");
            return;
        }
        out.push(b'{');
        if depth < 2 && len >= self.split_from {
            let entries: Vec<(&String, &V)> = entries.collect();
            self.entries_on_two_threads(out, &entries, depth);
        } else {
            self.entries(out, entries, depth, true);
        }
        out.push(b'\n');
        indent(out, depth);
        out.push(b'}');
    }

    /// The entries of an object, each on its line (`first`: they open the object).
    fn entries<'v, V: Entry + 'v>(
        &mut self,
        out: &mut Vec<u8>,
        entries: impl IntoIterator<Item = (&'v String, &'v V)>,
        depth: usize,
        first: bool,
    ) {
        for (i, (key, item)) in entries.into_iter().enumerate() {
            out.extend_from_slice(if i == 0 && first { b"\n" } else { b",\n" });
            indent(out, depth + 1);
            write_string(out, key);
            out.extend_from_slice(b": ");
            item.write(self, out, depth + 1);
            self.hand_over_piece(out);
        }
    }

    /// The entries of a large object, in chunks of `self.chunk` entries: the even chunks
    /// written here, the odd ones on another thread meanwhile and handed over in order; the
    /// other thread is at most two chunks ahead, so little text waits.
    fn entries_on_two_threads<V: Entry>(
        &mut self,
        out: &mut Vec<u8>,
        entries: &[(&String, &V)],
        depth: usize,
    ) {
        let chunks: Vec<&[(&String, &V)]> = entries.chunks(self.chunk.max(1)).collect();
        let (split_from, chunk) = (self.split_from, self.chunk);
        let odd: Vec<&[(&String, &V)]> = chunks.iter().skip(1).step_by(2).copied().collect();
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
            let worker = std::thread::Builder::new()
                .name("serverless-ls-text".to_owned())
                .spawn_scoped(scope, move || {
                    for part in odd {
                        let mut text = Vec::new();
                        let mut writer = Writer {
                            hand_over: &mut |_| {},
                            piece: usize::MAX,
                            split_from,
                            chunk,
                        };
                        writer.entries(&mut text, part.iter().copied(), depth, false);
                        if sender.send(text).is_err() {
                            return;
                        }
                    }
                });
            for (i, part) in chunks.iter().enumerate() {
                if i % 2 == 0 || worker.is_err() {
                    self.entries(out, part.iter().copied(), depth, i == 0);
                } else {
                    match receiver.recv() {
                        Ok(text) => out.extend_from_slice(&text),
                        // The other thread stopped: its panic is raised below.
                        Err(_) => break,
                    }
                }
                self.hand_over_piece(out);
            }
            if let Ok(Err(panic)) = worker.map(|handle| handle.join()) {
                std::panic::resume_unwind(panic);
            }
        });
    }
}

/// A buffer for the text of a piece (empty when the text is not handed over in pieces).
fn buffer_for(piece: usize) -> Vec<u8> {
    match piece {
        usize::MAX => Vec::new(),
        piece => Vec::with_capacity(piece + (piece >> 2)),
    }
}

/// A value without entries: a scalar, `[]` or `{}`.
fn write_leaf(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::String(s) => write_string(out, s),
        Value::Array(_) => out.extend_from_slice(b"[]"),
        Value::Object(_) => out.extend_from_slice(b"{}"),
    }
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    const SPACES: &[u8] = b"                                                                ";
    let mut left = depth * 2;
    while left > 0 {
        let step = left.min(SPACES.len());
        out.extend_from_slice(&SPACES[..step]);
        left -= step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_literal::json;

    fn to_string_pretty(value: &Value) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, value);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let deep = (0..40).fold(json!("leaf"), |inner, _| json!([inner]));
        let value = json!({
            "a": [1, -2, 1.5, 1e300, 0.1, u64::MAX, true, false, null, [], {}],
            "escapes": "q\"b\\s/\u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f}é😀\u{2028}",
            "nested": { "x": { "y": [] }, "": "" },
            "deep": deep
        });
        assert_eq!(
            Some(to_string_pretty(&value)),
            serde_json::to_string_pretty(&value).ok()
        );
        for (piece, split_from, chunk) in [
            (1, 1, 1),
            (16, 2, 1),
            (16, 2, 3),
            (16, 1 << 20, 1),
            (1 << 18, 3, 2),
        ] {
            let mut written = Vec::new();
            assert!(write_in_pieces(&mut written, &value, piece, split_from, chunk).is_ok());
            assert_eq!(
                String::from_utf8(written).ok(),
                serde_json::to_string_pretty(&value).ok().map(|t| t + "\n")
            );
        }
        for scalar in [json!(null), json!("s"), json!(3), json!([]), json!({})] {
            assert_eq!(
                Some(to_string_pretty(&scalar)),
                serde_json::to_string_pretty(&scalar).ok()
            );
        }
    }

    /// Records the size of each write.
    struct Writes(Vec<usize>);

    impl Write for Writes {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.push(bytes.len());
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_text_of_the_other_thread_is_handed_over_in_pieces() {
        let entries = (0..2_000).map(|i| (format!("Resource{i}"), json!({ "Type": "T", "N": i })));
        let value = json!({ "Resources": Value::Object(entries.collect()) });
        let mut writes = Writes(Vec::new());
        assert!(write_in_pieces(&mut writes, &value, 1_024, 1_000, 16).is_ok());
        let total: usize = writes.0.iter().sum();
        assert_eq!(
            Some(total),
            serde_json::to_string_pretty(&value)
                .ok()
                .map(|t| t.len() + 1)
        );
        // A piece, plus the entry that completes it, plus a piece of the other half.
        assert!(
            writes.0.iter().all(|&len| len < 3 * 1_024),
            "{:?}",
            writes.0
        );
    }
}
