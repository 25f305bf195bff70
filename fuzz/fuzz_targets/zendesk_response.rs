#![no_main]
//! Zendesk pages through the real connector and HTTP client.

#[path = "../bodies/zendesk_response.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
