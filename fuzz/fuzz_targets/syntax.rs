//! cargo-fuzz wrapper of `sls_fuzz::targets::syntax`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sls_fuzz::targets::syntax(data));
