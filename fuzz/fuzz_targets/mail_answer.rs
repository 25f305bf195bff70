#![no_main]
//! A platform's e-mail answer: headers, MIME, charsets, HTML, attachments.

#[path = "../bodies/mail_answer.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
