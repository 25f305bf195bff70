//! Facts pulled out of a user's free-text story: order id, amount, product, when it happened, the
//! error the platform showed, what the user already tried, and what they want.
//!
//! The recommender and the composer need these facts to pick a channel (an amount above the VIP
//! threshold, how long the user has waited) and to write a message the agent can act on at once
//! (order id, error text, steps already tried, so the agent does not ask for them again).
//!
//! Everything here is a heuristic over [`normalize`]d text; every rule is general (no example
//! strings), and each field is found independently, so a miss in one never hides another.
//! [`extract`] never panics, is deterministic, and takes the current time as an argument.
//!
//! Decisions worth knowing (details at each function):
//! * A date without a time is that date at 00:00; a period word without a clock (昨天晚上) adds
//!   nothing to the date.
//! * 刚才/刚刚 mean `now` (the lowest-priority time rule): the user says it just happened, and we do
//!   not invent minutes.
//! * Waiting durations (等了两个小时, 一个小时了) date the event only when no explicit time is given;
//!   a bare 今天 (no clock time) yields to them. A duration that does not run until now
//!   (支付成功后30分钟未到账: no 了, no 等了) dates nothing, nor does a deadline (12点前).
//! * Traditional script, full-width characters and common typos are handled by [`normalize`], so
//!   the rules below are written once, in simplified Chinese with ASCII punctuation.
//! * Amounts that are not the payment (补偿5元, 5元红包, 优惠, 返, 送) are skipped.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone};
use reachright_tz::Tz;
use regex::{Captures, Regex};
use serde::Serialize;

use crate::money::{Amount, Currency, Money};
use crate::normalize::normalize;
use crate::taxonomy::Demand;

/// What [`extract`] found. Every field is optional: a story may state any subset of these facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extracted {
    pub order_id: Option<String>,
    /// The amount paid, when it is in CNY.
    pub amount: Option<Money>,
    /// The amount paid, when the story gives it in another currency ($20); never converted.
    pub amount_foreign: Option<Amount>,
    pub product: Option<String>,
    pub occurred_at: Option<DateTime<Tz>>,
    pub error_message: Option<String>,
    pub steps_tried: Vec<String>,
    pub demand: Option<Demand>,
    /// Earlier contacts with the platform told in the story, as suggestions for the history.
    pub contacts: Vec<SuggestedContact>,
}

/// Extracts the facts of `text`; relative times ("昨天", "两个小时前") are resolved against `now`,
/// in `now`'s time zone.
#[must_use]
pub fn extract(text: &str, now: DateTime<Tz>) -> Extracted {
    let t = normalize(text);
    let paid = amount(&t);
    Extracted {
        order_id: order_id(&t),
        amount: paid.and_then(Amount::as_cny),
        amount_foreign: paid.filter(|a| a.currency != Currency::Cny),
        product: product(&t),
        occurred_at: occurred_at(&t, now),
        error_message: error_message(&t),
        steps_tried: steps_tried(&t),
        demand: demand(&t),
        contacts: contacts(&t, now),
    }
}

/// A regex compiled once, on first use. The patterns are constants, so failing to compile is a bug
/// caught by every test.
macro_rules! lazy_regex {
    ($name:ident = $pattern:expr) => {
        pub(super) static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&$pattern).expect("static regex must compile"));
    };
}

// One file per fact. Each extractor reads the shared helpers and its siblings through the
// module's glob imports (`use super::*`), which keeps every file about its own rules only.
mod amount;
mod contacts;
mod demand;
mod error_message;
mod helpers;
mod order_id;
mod product;
mod steps;
#[cfg(test)]
mod tests;
mod time;

use amount::*;
use contacts::*;
pub use contacts::{contact_mentions, ContactMention, ContactOutcome, SuggestedContact};
use demand::*;
use error_message::*;
use helpers::*;
use order_id::*;
use product::*;
use steps::*;
use time::*;
