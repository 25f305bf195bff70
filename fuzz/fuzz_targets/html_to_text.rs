#![no_main]
//! A helpdesk's HTML reply to text; `Retry-After`.

#[path = "../bodies/html_to_text.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
