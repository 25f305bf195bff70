#![no_main]
//! `vault.json` (the vault's public settings).

#[path = "../bodies/vault_json.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
