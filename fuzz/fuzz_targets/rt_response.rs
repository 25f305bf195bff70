#![no_main]
//! Request Tracker pages through the real connector and HTTP client.

#[path = "../bodies/rt_response.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
