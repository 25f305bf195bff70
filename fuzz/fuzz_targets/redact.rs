#![no_main]
//! The redactor (card keys, phones, e-mails masked).

#[path = "../bodies/redact.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
