#![no_main]

#[path = "../bodies/zendesk_response.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
