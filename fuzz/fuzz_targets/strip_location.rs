#![no_main]
//! Location removal (oracle: no GPS tag or EXIF block left).

#[path = "../bodies/strip_location.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::run(data));
