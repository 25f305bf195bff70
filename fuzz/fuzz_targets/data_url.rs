#![no_main]
//! A pasted QR picture's `data:` URL, quick-add contact recognition.

#[path = "../bodies/data_url.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
