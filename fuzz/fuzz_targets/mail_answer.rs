#![no_main]

#[path = "../bodies/mail_answer.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
