#![no_main]

#[path = "../bodies/data_url.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
