#![no_main]
//! Scenario JSON; story normalisation, extraction, classification.

#[path = "../bodies/triage_text.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
