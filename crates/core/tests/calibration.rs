//! Does confidence mean something? The product's goals, measured on the corpora in `tests/data`:
//! the app asks the user to confirm the type for at most one story in three, and at most 2 % of the
//! answers it does not ask about are wrong; the runner-up it offers as the one-click correction
//! makes the top two right almost always.
//!
//! `CONFIRM_BELOW` and the Platt mapping of `classify` were chosen on development data only
//! (corpus-real-a as the engine read it before it was tuned on it). The blind corpora were never
//! read or tuned on; where a goal is not met on one of them, the assertion states the honest
//! figure measured when the bar was set, so a regression still fails, and the comment says so.
//! Print the figures with `cargo run -p reachright-core --example calibration`.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use reachright_core::calibration::{parse_corpus, Report};

fn report(file: &str) -> Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let samples = parse_corpus(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        samples.len() >= 100,
        "{file}: only {} stories",
        samples.len()
    );
    let r = Report::measure(&samples);
    eprintln!("{}", r.summary_row(file));
    r
}

const ONE_IN_THREE: f64 = 1.0 / 3.0;

#[test]
fn the_older_blind_corpora_meet_both_goals() {
    for file in ["corpus-blind.jsonl", "corpus-blind2.jsonl"] {
        let r = report(file);
        assert!(
            r.ask_rate() <= ONE_IN_THREE,
            "{file}: asks {:.3}",
            r.ask_rate()
        );
        assert!(
            r.confident_error_rate() <= 0.02,
            "{file}: {:.3} wrong when not asking",
            r.confident_error_rate()
        );
        assert!(
            r.top2_accuracy() >= 0.98,
            "{file}: top-2 {:.3}",
            r.top2_accuracy()
        );
    }
}

#[test]
fn the_real_people_blind_corpora_pooled_meet_both_goals() {
    let b = report("corpus-real-b.jsonl");
    let c = report("corpus-real-c.jsonl");
    let pooled = Report::merged([&b, &c]);
    assert!(
        pooled.ask_rate() <= ONE_IN_THREE,
        "asks {:.3}",
        pooled.ask_rate()
    );
    // Measured 6 of 187 (3.2 %) at the last change: the goal of 2 % is NOT met on these two
    // corpora together, and the engine was not tuned on them to make it so.
    assert!(
        pooled.confident_error_rate() <= 0.033,
        "{:.3} wrong when not asking",
        pooled.confident_error_rate()
    );
    assert!(
        pooled.top2_accuracy() >= 0.94,
        "top-2 {:.3}",
        pooled.top2_accuracy()
    );
}

#[test]
fn each_real_people_blind_corpus_as_measured() {
    let b = report("corpus-real-b.jsonl");
    // Goal met on asking (22 %); not on confident errors: 4 of 101 (4.0 %).
    assert!(b.ask_rate() <= ONE_IN_THREE, "b asks {:.3}", b.ask_rate());
    assert!(
        b.confident_error_rate() <= 0.04,
        "b: {:.3}",
        b.confident_error_rate()
    );
    assert!(b.accuracy() >= 0.89 && b.top2_accuracy() >= 0.96, "{b:?}");
    let c = report("corpus-real-c.jsonl");
    // Neither goal quite met: asks 33.8 % (44 of 130), 2 of 86 confident answers wrong (2.3 %).
    assert!(c.ask_rate() <= 0.35, "c asks {:.3}", c.ask_rate());
    assert!(
        c.confident_error_rate() <= 0.025,
        "c: {:.3}",
        c.confident_error_rate()
    );
    assert!(c.accuracy() >= 0.91 && c.top2_accuracy() >= 0.93, "{c:?}");
}

#[test]
fn high_confidence_is_right_on_every_blind_corpus_pooled() {
    let reports: Vec<Report> = [
        "corpus-blind.jsonl",
        "corpus-blind2.jsonl",
        "corpus-real-b.jsonl",
        "corpus-real-c.jsonl",
    ]
    .into_iter()
    .map(report)
    .collect();
    let all = Report::merged(&reports);
    eprintln!("{}", all.reliability_markdown());
    // The top bucket is what the app acts on without asking; it must be right ≥ 97 % of the time,
    // and it must hold most stories (otherwise the app would still ask too often).
    let top = all.buckets.last().unwrap();
    assert!(top.correct as f64 >= 0.97 * top.count as f64, "{top:?}");
    assert!(top.count * 2 > all.total, "{top:?}");
    // Confidence is ordered: the top bucket is more often right than everything below the bar.
    let below: (usize, usize) = all
        .buckets
        .iter()
        .filter(|b| b.hi <= 0.8)
        .fold((0, 0), |(n, k), b| (n + b.count, k + b.correct));
    assert!((below.1 as f64) / (below.0 as f64) < 0.9, "{below:?}");
}

#[test]
fn the_development_corpora_meet_both_goals() {
    for file in ["corpus-holdout.jsonl", "corpus-real-a.jsonl"] {
        let r = report(file);
        assert!(
            r.ask_rate() <= ONE_IN_THREE,
            "{file}: asks {:.3}",
            r.ask_rate()
        );
        assert!(r.confident_error_rate() <= 0.02, "{file}");
    }
}
