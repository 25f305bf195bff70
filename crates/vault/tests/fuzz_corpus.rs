//! The fuzz targets' committed seeds and crash inputs, replayed through the same bodies on every
//! `cargo test` (the fuzzer itself runs only from `scripts/fuzz.sh`), so a found crash stays fixed.

#[path = "../../../fuzz/corpus_files.rs"]
mod corpus_files;
#[path = "../../../fuzz/bodies/import_sniff.rs"]
mod import_sniff;
#[path = "../../../fuzz/bodies/safe_names.rs"]
mod safe_names;
#[path = "../../../fuzz/bodies/sealed_open.rs"]
mod sealed_open;
#[path = "../../../fuzz/bodies/strip_location.rs"]
mod strip_location;
#[path = "../../../fuzz/bodies/vault_json.rs"]
mod vault_json;

#[test]
fn strip_location_corpus() {
    corpus_files::replay("strip_location", strip_location::run);
}

#[test]
fn import_sniff_corpus() {
    corpus_files::replay("import_sniff", import_sniff::run);
}

#[test]
fn sealed_open_corpus() {
    corpus_files::replay("sealed_open", sealed_open::run);
}

#[test]
fn vault_json_corpus() {
    corpus_files::replay("vault_json", vault_json::run);
    vault_json::cleanup();
}

#[test]
fn safe_names_corpus() {
    corpus_files::replay("safe_names", safe_names::run);
}
