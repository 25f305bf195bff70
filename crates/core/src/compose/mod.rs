//! The composer: the five texts of domain.md ("Messages the app writes for the user"), written from
//! one resolved case so the user never has to find the words while anxious.
//!
//! Why it looks the way it does:
//! - **Chinese, always.** The texts go to Chinese platforms and Chinese authorities, so they are written
//!   in Chinese whatever the app's language; [`Lang`] only names the texts in the app
//!   ([`ComposeKind::label`]).
//! - **One set of facts, five shapes.** Every fact (order number, time, product, amount, symptom, error,
//!   steps, demand, evidence, contact history) is formatted once, in [`Facts::new`], and each text only
//!   arranges them. A fix to how a time or an amount is written therefore reaches all five texts.
//! - **Nothing is silently dropped.** A fact the user has not given yet becomes a visible placeholder
//!   such as `【待补充:订单编号】`, never `None` and never an empty line, because the seed's misconception
//!   #2 (vague descriptions) costs more than a placeholder the user has to fill in.
//!   [`has_placeholders`] tells the UI whether a text still needs editing before it is sent.
//! - **The user's words win.** `Case.demand` and `Case.evidence` are used as given; only when they are
//!   absent does the composer suggest a demand or an evidence list fitting the problem type.
//! - **Times in the platform's zone** (`2024年5月20日 14:30`), amounts through [`Money`]'s `Display`.
//! - **Public complaints are redacted.** 黑猫投诉 is public and cannot be withdrawn, so
//!   [`redact_for_public`] masks card keys, phone numbers, e-mail addresses, ID-card numbers and labelled
//!   personal fields; the 12315 version keeps them (the authority needs them to act).
//! - **Pure.** No clock, no I/O: `now` comes in with the input, like everywhere else in this crate.

use std::fmt;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, TimeZone};
use reachright_tz::Tz;
use regex::{Captures, Regex};
use serde::Serialize;

use crate::calendar::{BusinessCalendar, PhoneHours};
use crate::lang::Lang;
use crate::money::Money;
use crate::profile::PlatformProfile;
use crate::scenario::{Case, ContactAttempt, ContactDetails, Field, TriageResult};
use crate::taxonomy::{coded_enum, Channel, Demand, Group, Outcome, ProblemType};

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

coded_enum! {
    /// Which text to write: one per channel that needs words from the user. The labels are the
    /// headings the user reads in the app; the texts themselves are always Chinese.
    ComposeKind, "kind" {
        Chat => "chat", "在线客服开场白", "Opening message for online chat";
        Phone => "phone", "电话客服问题清单", "Question list for the phone line";
        Email => "email", "售后邮件", "E-mail to after-sales";
        Ticket => "ticket", "工单内容", "Support ticket";
        Complaint => "complaint", "投诉书（12315/黑猫投诉）", "Complaint letter (12315 / Black Cat)";
    }
}

/// One written text. `subject` is set for the kinds that have one (email, ticket, complaint).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Composed {
    pub kind: ComposeKind,
    pub subject: Option<String>,
    pub body: String,
}

impl fmt::Display for Composed {
    /// The text as the user copies it: `主题:…`, a blank line, then the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(subject) = &self.subject {
            writeln!(f, "主题：{subject}")?;
            writeln!(f)?;
        }
        f.write_str(&self.body)
    }
}

/// Everything a text is written from: the resolved case, its triage, the platform and the moment.
#[derive(Debug, Clone, Copy)]
pub struct ComposeInput<'a> {
    pub case: &'a Case,
    pub result: &'a TriageResult,
    pub profile: &'a PlatformProfile,
    pub now: DateTime<Tz>,
    /// The app's language. The texts stay Chinese (they go to Chinese platforms and authorities);
    /// this is carried for what the app shows around them, such as [`ComposeKind::label`].
    pub lang: Lang,
}

/// Write one text for one case.
pub fn compose(kind: ComposeKind, input: &ComposeInput) -> Composed {
    let draft = Draft::new(input);
    match kind {
        ComposeKind::Chat => chat(&draft),
        ComposeKind::Phone => phone(&draft),
        ComposeKind::Email => email(&draft),
        ComposeKind::Ticket => ticket(&draft),
        ComposeKind::Complaint => complaint(&draft),
    }
}

/// All five texts, in [`ComposeKind::ALL`] order.
pub fn compose_all(input: &ComposeInput) -> Vec<Composed> {
    ComposeKind::ALL
        .iter()
        .map(|&k| compose(k, input))
        .collect()
}

/// How every placeholder the composer writes begins (so the UI can highlight them).
pub const PLACEHOLDER_MARKERS: [&str; 4] =
    ["【待补充", "【请填写", "【请按以下清单", "【通话后填写"];

/// Whether a text still holds a placeholder the user must fill in (or delete) before sending.
/// Only the composer's own markers count, so a product named `【官方】点卡` does not.
pub fn has_placeholders(text: &str) -> bool {
    PLACEHOLDER_MARKERS.iter().any(|m| text.contains(m))
}

// One file per part; they share this module's imports and each other's items through
// `use super::*`, so each file holds only its own rules.
mod facts;
mod redact;
#[cfg(test)]
mod tests;
mod texts;

use facts::*;
pub use redact::redact_for_public;
use texts::*;
