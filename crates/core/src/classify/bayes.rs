//! A small naive Bayes model over character unigrams and bigrams, the classifier's back-off for
//! stories the phrase lexicon does not cover.
//!
//! Its training data is `train.jsonl` beside this file (labelled stories written for the purpose,
//! independent of the test corpora); training is counting, done once at first use in about a
//! millisecond, so the "weights" are always exactly what the data in the repository says.

use std::collections::HashMap;

use crate::taxonomy::ProblemType;

const N: usize = 13;

/// Laplace smoothing: small, because the vocabulary is large next to a few hundred stories.
const ALPHA: f64 = 0.3;

/// How strongly the posterior is tempered by the number of known features (see `posterior`).
const TEMPER_EXP: f64 = 0.5;

pub struct Bayes {
    /// log P(feature | type) per feature, for features seen in training.
    log_likelihood: HashMap<u64, [f64; N]>,
}

/// Features: each Chinese character, each pair of neighbouring Chinese characters, and each whole
/// ASCII word (`api`, `timeout`). Latin letters are not split into bigrams: letter pairs of random
/// text would otherwise look like evidence.
fn feature_keys(text: &str) -> Vec<u64> {
    const WORD: u64 = 1 << 63;
    let mut keys = Vec::with_capacity(text.len());
    let mut word_hash: Option<u64> = None;
    let mut prev_cjk: Option<char> = None;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            // FNV-1a over the word's bytes.
            let h = word_hash.unwrap_or(0xcbf2_9ce4_8422_2325);
            word_hash = Some((h ^ u64::from(c as u32)).wrapping_mul(0x0100_0000_01b3));
            prev_cjk = None;
            continue;
        }
        if let Some(h) = word_hash.take() {
            keys.push(h | WORD);
        }
        if c.is_alphabetic() && !c.is_ascii() {
            keys.push(u64::from(c as u32) << 32);
            if let Some(p) = prev_cjk {
                keys.push((u64::from(p as u32) << 32) | u64::from(c as u32));
            }
            prev_cjk = Some(c);
        } else {
            prev_cjk = None;
        }
    }
    keys
}

impl Bayes {
    /// Train from `(normalised text, type)` pairs.
    pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, ProblemType)>) -> Bayes {
        let mut counts: HashMap<u64, [f64; N]> = HashMap::new();
        let mut totals = [0.0f64; N];
        for (text, p) in examples {
            let k = p.index();
            for key in feature_keys(text) {
                counts.entry(key).or_insert([0.0; N])[k] += 1.0;
                totals[k] += 1.0;
            }
        }
        let vocabulary = counts.len() as f64;
        let log_likelihood = counts
            .into_iter()
            .map(|(key, c)| {
                let mut l = [0.0; N];
                for k in 0..N {
                    l[k] = ((c[k] + ALPHA) / (totals[k] + ALPHA * vocabulary)).ln();
                }
                (key, l)
            })
            .collect();
        Bayes { log_likelihood }
    }

    /// Posterior probability of each type (uniform prior), in `ProblemType::ALL` order.
    /// Text with no known feature gives a uniform distribution: the model has no opinion.
    pub fn posterior(&self, text: &str) -> [f64; N] {
        let mut log = [0.0f64; N];
        let mut known = 0usize;
        for key in feature_keys(text) {
            if let Some(l) = self.log_likelihood.get(&key) {
                known += 1;
                for k in 0..N {
                    log[k] += l[k];
                }
            }
        }
        // Naive Bayes counts correlated neighbouring features as independent evidence, which makes
        // its posterior far too sure of itself on long texts; dividing by a power of the feature count
        // tempers it into a usable share.
        let temper = (known.max(1) as f64).powf(TEMPER_EXP);
        for v in &mut log {
            *v /= temper;
        }
        let max = log.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut p = [0.0; N];
        let mut sum = 0.0;
        for k in 0..N {
            p[k] = (log[k] - max).exp();
            sum += p[k];
        }
        for v in &mut p {
            *v /= sum;
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_from_examples_and_has_no_opinion_on_unknown_text() {
        let model = Bayes::train([
            ("卡密没到账", ProblemType::DeliveryDelay),
            ("账号被冻结", ProblemType::AccountFrozen),
        ]);
        let p = model.posterior("冻结了");
        assert!(p[ProblemType::AccountFrozen.index()] > p[ProblemType::DeliveryDelay.index()]);
        let p = model.posterior("xyz asdfgh");
        assert!(p.iter().all(|&v| (v - 1.0 / N as f64).abs() < 1e-9));
        let total: f64 = model.posterior("到账").iter().sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
}
