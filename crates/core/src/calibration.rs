//! Does the classifier's confidence mean something? Measures it on a labelled corpus.
//!
//! The UI acts on a classification without asking when [`Classification::needs_confirmation`] is
//! false, and offers the runner-up as the one-click correction when it is true. So the figures that
//! matter to a user are: how often the app asks (the ask rate), how often an answer it did *not*
//! ask about is wrong (the confident-error rate), how often the right type is the first or the
//! second guess (top-2), and whether a confidence of 0.8 is right about four times in five (the
//! reliability table). The test `tests/calibration.rs` asserts the product's goals with these
//! figures and `examples/calibration.rs` prints them; both share this code so they cannot disagree.
//!
//! [`Classification::needs_confirmation`]: crate::classify::Classification::needs_confirmation

use std::fmt::Write as _;

use crate::classify::classify;
use crate::error::{Error, Result};
use crate::taxonomy::ProblemType;

/// One labelled story.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    pub text: String,
    pub label: ProblemType,
}

/// Read a corpus: one JSON object per line with `text` and `problem_type` (other keys, such as the
/// writers' `reason`, are ignored). Blank lines are skipped; a bad line is an error naming its line.
pub fn parse_corpus(jsonl: &str) -> Result<Vec<Labelled>> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            let at = |what: String| Error::Json(format!("corpus line {}: {what}", n + 1));
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| at(e.to_string()))?;
            let text = v["text"]
                .as_str()
                .ok_or_else(|| at("no \"text\" string".into()))?;
            let label = v["problem_type"]
                .as_str()
                .ok_or_else(|| at("no \"problem_type\" string".into()))?
                .parse()
                .map_err(|e: Error| at(e.to_string()))?;
            Ok(Labelled {
                text: text.to_string(),
                label,
            })
        })
        .collect()
}

/// Lower edges of the reliability buckets; the last bucket runs to 1.0 inclusive.
pub const BUCKET_EDGES: [f64; 7] = [0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/// One row of the reliability table: stories whose confidence fell in `[lo, hi)`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bucket {
    pub lo: f64,
    pub hi: f64,
    pub count: usize,
    pub correct: usize,
}

/// The figures of one corpus.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub total: usize,
    pub correct: usize,
    /// Stories where the engine asks the user to confirm the type.
    pub asked: usize,
    /// Stories it does not ask about but gets wrong.
    pub confident_wrong: usize,
    /// The right type is the first guess or the runner-up.
    pub top2: usize,
    pub buckets: Vec<Bucket>,
    /// `text — want x, got y (confidence)` for every wrong first guess, for lexicon work on
    /// development data only.
    pub errors: Vec<String>,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Report {
    /// Classify every story and count.
    pub fn measure(samples: &[Labelled]) -> Report {
        let mut r = Report {
            buckets: BUCKET_EDGES
                .iter()
                .enumerate()
                .map(|(i, &lo)| Bucket {
                    lo,
                    hi: BUCKET_EDGES.get(i + 1).copied().unwrap_or(1.0),
                    ..Bucket::default()
                })
                .collect(),
            ..Report::default()
        };
        for s in samples {
            let c = classify(&s.text);
            let right = c.problem_type == s.label;
            r.total += 1;
            r.correct += usize::from(right);
            r.top2 += usize::from(right || c.alternative == Some(s.label));
            if c.needs_confirmation() {
                r.asked += 1;
            } else if !right {
                r.confident_wrong += 1;
            }
            let i = BUCKET_EDGES
                .iter()
                .rposition(|&lo| c.confidence >= lo)
                .unwrap_or(0);
            r.buckets[i].count += 1;
            r.buckets[i].correct += usize::from(right);
            if !right {
                r.errors.push(format!(
                    "{} — want {}, got {} ({:.3}), runner-up {:?}, via {:?}",
                    s.text,
                    s.label,
                    c.problem_type,
                    c.confidence,
                    c.alternative.map(|a| a.code()),
                    c.matched
                ));
            }
        }
        r
    }

    pub fn accuracy(&self) -> f64 {
        share(self.correct, self.total)
    }

    /// How often the app asks the user to confirm the type.
    pub fn ask_rate(&self) -> f64 {
        share(self.asked, self.total)
    }

    /// Wrong answers among those the app does not ask about.
    pub fn confident_error_rate(&self) -> f64 {
        share(self.confident_wrong, self.total - self.asked)
    }

    pub fn top2_accuracy(&self) -> f64 {
        share(self.top2, self.total)
    }

    /// One Markdown table row of the summary figures, after [`Report::SUMMARY_HEADER`].
    pub fn summary_row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {:.1} % | {:.1} % | {:.1} % ({}/{}) | {:.1} % |",
            self.total,
            100.0 * self.accuracy(),
            100.0 * self.ask_rate(),
            100.0 * self.confident_error_rate(),
            self.confident_wrong,
            self.total - self.asked,
            100.0 * self.top2_accuracy(),
        )
    }

    pub const SUMMARY_HEADER: &'static str = "| corpus | stories | accuracy | asks to confirm | wrong when not asking | top-2 |\n|---|---|---|---|---|---|";

    /// The reliability table in Markdown: confidence bucket → stories, accuracy.
    pub fn reliability_markdown(&self) -> String {
        let mut out = String::from("| confidence | stories | accuracy |\n|---|---|---|\n");
        for b in &self.buckets {
            let close = if b.hi >= 1.0 { ']' } else { ')' };
            let acc = if b.count == 0 {
                "–".to_string()
            } else {
                format!("{:.1} %", 100.0 * share(b.correct, b.count))
            };
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "| [{:.1}, {:.1}{close} | {} | {acc} |",
                b.lo, b.hi, b.count
            );
        }
        out
    }

    /// The counts of several reports added up (the reliability table over all corpora).
    pub fn merged<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Report {
        let mut all = Report::measure(&[]);
        for r in reports {
            all.total += r.total;
            all.correct += r.correct;
            all.asked += r.asked;
            all.confident_wrong += r.confident_wrong;
            all.top2 += r.top2;
            for (a, b) in all.buckets.iter_mut().zip(&r.buckets) {
                a.count += b.count;
                a.correct += b.correct;
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_names_the_bad_one() {
        let c = parse_corpus(
            "{\"text\":\"账号被冻结了\",\"problem_type\":\"account_frozen\",\"reason\":\"x\"}\n\n",
        )
        .unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].label, ProblemType::AccountFrozen);
        let err = parse_corpus("{\"text\":\"a\",\"problem_type\":\"account_frozen\"}\n{\"text\":\"a\",\"problem_type\":\"nope\"}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(parse_corpus("{\"problem_type\":\"other\"}").is_err());
    }

    #[test]
    fn counts_add_up() {
        let samples = parse_corpus(concat!(
            "{\"text\":\"充值后账号被冻结了,登录不上\",\"problem_type\":\"account_frozen\"}\n",
            "{\"text\":\"充值后账号被冻结了,登录不上\",\"problem_type\":\"refund_request\"}\n",
            "{\"text\":\"你好\",\"problem_type\":\"other\"}\n",
        ))
        .unwrap();
        let r = Report::measure(&samples);
        assert_eq!(r.total, 3);
        assert_eq!(r.correct, 2);
        assert_eq!(r.buckets.iter().map(|b| b.count).sum::<usize>(), 3);
        assert_eq!(r.errors.len(), 1);
        // The frozen story is confident, so its wrongly labelled twin is a confident error;
        // "你好" is asked about.
        assert_eq!(r.asked, 1);
        assert_eq!(r.confident_wrong, 1);
        assert!((r.confident_error_rate() - 0.5).abs() < 1e-9);
        let m = Report::merged([&r, &r]);
        assert_eq!((m.total, m.correct, m.asked), (6, 4, 2));
        assert!(r.reliability_markdown().contains("| [0.9, 1.0] |"));
    }

    #[test]
    fn empty_corpus_has_zero_rates_not_nan() {
        let r = Report::measure(&[]);
        assert_eq!(r.accuracy(), 0.0);
        assert_eq!(r.confident_error_rate(), 0.0);
    }
}
