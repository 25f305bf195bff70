//! The fuzz target's committed seeds and crash inputs, replayed through the same body on every
//! `cargo test` (the fuzzer itself runs only from `scripts/fuzz.sh`), so a found crash stays fixed.

#[path = "../../../fuzz/corpus_files.rs"]
mod corpus_files;
#[path = "../../../fuzz/bodies/data_url.rs"]
mod data_url;

#[test]
fn data_url_corpus() {
    corpus_files::replay("data_url", data_url::run);
}
