//! cargo-fuzz wrapper of `sls_fuzz::targets::ide`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sls_fuzz::targets::ide(data));
