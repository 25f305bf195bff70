#![no_main]
//! Export file names (Windows device names, separators, Chinese).

#[path = "../bodies/safe_names.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
