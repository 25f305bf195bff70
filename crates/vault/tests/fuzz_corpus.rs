//! The fuzz targets' committed seeds and crash inputs, replayed through the same bodies on every
//! `cargo test` (the fuzzer itself runs only from `scripts/fuzz.sh`), so a found crash stays fixed.

#[path = "../../../fuzz/corpus_files.rs"]
mod corpus_files;
#[path = "../../../fuzz/bodies/import_sniff.rs"]
mod import_sniff;
#[path = "../../../fuzz/bodies/strip_location.rs"]
mod strip_location;

#[test]
fn strip_location_corpus() {
    corpus_files::replay("strip_location", strip_location::run);
}

#[test]
fn import_sniff_corpus() {
    corpus_files::replay("import_sniff", import_sniff::run);
}
