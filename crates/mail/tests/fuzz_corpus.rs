//! The `mail_answer` fuzz target's committed seeds and crash inputs, replayed through the same
//! body on every `cargo test` (the fuzzer itself runs only from `scripts/fuzz.sh`).

#[path = "../../../fuzz/corpus_files.rs"]
mod corpus_files;
#[path = "../../../fuzz/bodies/mail_answer.rs"]
mod mail_answer;

#[test]
fn mail_answer_corpus() {
    corpus_files::replay("mail_answer", mail_answer::run);
}
