//! The fuzz target's committed seeds and crash inputs, replayed through the same body on every
//! `cargo test` (the fuzzer itself runs only from `scripts/fuzz.sh`), so a found crash stays fixed.

#[path = "../../../fuzz/corpus_files.rs"]
mod corpus_files;
#[path = "../../../fuzz/bodies/triage_text.rs"]
mod triage_text;

#[test]
fn triage_text_corpus() {
    corpus_files::replay("triage_text", triage_text::run);
}
