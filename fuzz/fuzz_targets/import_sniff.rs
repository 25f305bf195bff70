#![no_main]
//! Evidence import: type sniffing, dimensions, thumbnails, EXIF time.

#[path = "../bodies/import_sniff.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
