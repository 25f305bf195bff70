#![no_main]
//! Opening a sealed (encrypted) evidence file.

#[path = "../bodies/sealed_open.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
