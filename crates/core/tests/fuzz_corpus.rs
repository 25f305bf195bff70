//! The fuzz targets' committed seeds and crash inputs, replayed through the same bodies on every
//! `cargo test` (the fuzzer itself runs only from `scripts/fuzz.sh`), so a found crash stays fixed.

#[path = "../../../fuzz/corpus_files.rs"]
mod corpus_files;
#[path = "../../../fuzz/bodies/profile_toml.rs"]
mod profile_toml;
#[path = "../../../fuzz/bodies/redact.rs"]
mod redact;
#[path = "../../../fuzz/bodies/triage_text.rs"]
mod triage_text;

#[test]
fn triage_text_corpus() {
    corpus_files::replay("triage_text", triage_text::run);
}

#[test]
fn profile_toml_corpus() {
    corpus_files::replay("profile_toml", profile_toml::run);
}

#[test]
fn redact_corpus() {
    corpus_files::replay("redact", redact::run);
}
