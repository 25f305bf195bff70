#![no_main]
//! A platform profile (TOML).

#[path = "../bodies/profile_toml.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
