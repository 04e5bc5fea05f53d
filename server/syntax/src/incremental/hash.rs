//! A fast non-cryptographic hash of segment texts (equal hashes are compared in full).

const SEED: u64 = 0x517c_c1b7_2722_0a95;

/// Hashes `text` eight bytes at a time (FxHash's mixing step).
pub(super) fn of(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED);
    }
    h
}
