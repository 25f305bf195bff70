//! The fuzz targets' committed seeds and crash inputs, replayed through the same bodies on every
//! `cargo test` (the fuzzer itself runs only from `scripts/fuzz.sh`), so a found crash stays fixed.

// Each helpdesk body brings its own copy of the loopback server (`#[path = "loopback.rs"]`), as it
// must when it is a fuzz target's only module; here two bodies share one binary, so it is there twice.
#![allow(clippy::duplicate_mod)]

#[path = "../../../fuzz/corpus_files.rs"]
mod corpus_files;
#[path = "../../../fuzz/bodies/html_to_text.rs"]
mod html_to_text;
#[path = "../../../fuzz/bodies/rt_response.rs"]
mod rt_response;
#[path = "../../../fuzz/bodies/zendesk_response.rs"]
mod zendesk_response;

#[test]
fn html_to_text_corpus() {
    corpus_files::replay("html_to_text", html_to_text::run);
}

#[test]
fn rt_response_corpus() {
    corpus_files::replay("rt_response", rt_response::run);
}

#[test]
fn zendesk_response_corpus() {
    corpus_files::replay("zendesk_response", zendesk_response::run);
}
