//! Explain a classification: `cargo run -p reachright-core --example classify -- "充值失败了"`.
//! For lexicon work: shows the type, the confidence, the runner-up and the phrases that matched.

fn main() {
    for text in std::env::args().skip(1) {
        let c = reachright_core::classify::classify(&text);
        println!(
            "{text}\n  → {} ({:.3}, asks: {}), runner-up {:?}, matched {:?}, failed contacts {:?}",
            c.problem_type,
            c.confidence,
            c.needs_confirmation(),
            c.alternative,
            c.matched,
            c.contacts
        );
    }
}
