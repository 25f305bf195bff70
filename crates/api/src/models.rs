//! The types that cross IPC between the shell and the UI. They are defined once, here, and
//! `ui/src/ipc/bindings.ts` is generated from them (see [`crate::bindings`]); a test fails when the
//! committed file is stale, so the two sides cannot drift apart.
//!
//! Codes (`delivery_delay`, `online_chat` …) always travel with their label in the user's language
//! ([`Coded`]), so the UI never keeps a second copy of the taxonomy.

use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

/// A stable code with its label in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Coded {
    pub code: String,
    pub label: String,
}

/// A code of a closed set (a serde enum: the TypeScript side gets a union of its codes) with its
/// label in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Labeled<C> {
    pub code: C,
    pub label: String,
}

impl<C> Labeled<C> {
    pub fn new(code: C, label: impl Into<String>) -> Self {
        Labeled {
            code,
            label: label.into(),
        }
    }
}

pub use reachright_core::taxonomy::Outcome;
pub use reachright_domain::{Intake, Status};

/// What the app read from a story: the fields it found and how sure it is of the problem type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct StoryReading {
    /// Only what the story says (empty where it says nothing), with the story and platform; the
    /// wizard fills its empty fields from it — the one merge of typed and found values.
    pub found: Intake,
    pub problem_type: Coded,
    pub confidence: f64,
    /// The type is a guess the user should confirm (one click) before relying on it.
    pub needs_confirmation: bool,
    pub alternative: Option<Coded>,
    /// Earlier contacts the story tells of ("电话一直占线"), for the user to confirm one by one into
    /// the case's history once it is saved; none is recorded without that click.
    pub suggested_contacts: Vec<SuggestedContactView>,
}

/// One earlier contact read from the story, worded for its confirmation and ready to become a
/// [`ContactInput`]: the channel and the history outcome codes, the words it was read from (the
/// contact's note) and when it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct SuggestedContactView {
    pub channel: Coded,
    /// The contact-history outcome (`no_response`, `unresolved`, `dissatisfied` …).
    pub outcome: Labeled<Outcome>,
    /// The phrase of the story it was read from.
    pub matched: String,
    /// RFC 3339 when the story says or implies when; empty otherwise (logged as "now").
    pub at: String,
}

/// The live reading of a form: the description and what is still missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Analysis {
    pub problem_type: Coded,
    pub group: Coded,
    pub confidence: f64,
    pub needs_confirmation: bool,
    pub alternative: Option<Coded>,
    /// Form fields still empty that a complete description needs (codes match [`Intake`]'s fields).
    pub missing: Vec<Coded>,
    /// The structured description of the seed: order, time, product, amount, symptom, steps, demand.
    pub description_text: String,
    pub recommendation: Recommendation,
}

/// The recommendation for this case at this moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Recommendation {
    pub primary: ChannelAction,
    /// What to use this minute when the primary cannot be used now (the phone line at night);
    /// `None` when the primary is also the thing to do now. The first reason says why.
    pub do_now: Option<ChannelAction>,
    /// The rest of the ladder, in order.
    pub alternatives: Vec<ChannelAction>,
    pub reasons: Vec<String>,
    pub warnings: Vec<WarningView>,
    /// `紧急` or `一般`, as in the e-mail subject.
    pub urgency: String,
    pub urgent: bool,
    pub subject: String,
    pub expected_response: String,
    pub prepare: Vec<String>,
    /// RFC 3339; set while the phone line is closed.
    pub next_phone_opening: Option<String>,
    /// RFC 3339; set when a pending ticket or e-mail decides the result.
    pub sla_deadline: Option<String>,
    /// RFC 3339; the end of the recharge window, for the countdown.
    pub recharge_deadline: Option<String>,
    /// The platform has had its chance: the complaint is now the primary channel.
    pub escalated: bool,
    /// The five texts (chat, phone, email, ticket, complaint), always in Chinese.
    pub texts: Vec<ComposedText>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct WarningView {
    pub code: String,
    pub message: String,
    pub at: Option<String>,
}

/// One channel and what the app can do for the user there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ChannelAction {
    pub channel: Coded,
    /// The text the user sends or reads out there (a [`ComposedText::kind`]).
    pub text_kind: reachright_core::compose::ComposeKind,
    /// A web page to open (chat, ticket form, VIP contact page), when the platform has one.
    pub url: Option<String>,
    /// The phone number to call (phone channel, or a VIP agent reached by phone).
    pub phone: Option<String>,
    /// `mailto:` with the subject of domain.md (email channel).
    pub mailto: Option<String>,
    /// The platform's 企业微信/微信 QR picture (chat and exclusive agent), to scan with the phone.
    pub qr: Option<String>,
    /// Where to complain (third-party complaint channel).
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ComposedText {
    pub kind: reachright_core::compose::ComposeKind,
    pub label: String,
    pub subject: Option<String>,
    pub body: String,
    /// The text still has 【待补充…】 gaps the user should fill in before sending.
    pub has_placeholders: bool,
}

/// One line of the cases home screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct CaseSummary {
    pub id: String,
    pub title: String,
    pub status: Labeled<Status>,
    pub problem_type: Coded,
    pub platform_name: String,
    /// What to do now, e.g. `联系在线客服`.
    pub next_step: String,
    pub urgent: bool,
    pub created_at: String,
    pub updated_at: String,
    pub contacts: u32,
}

/// A case page: the form, the recommendation recomputed with the contact history, the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub intake: Intake,
    pub analysis: Analysis,
    pub contacts: Vec<ContactView>,
    /// The newest entries of the history ([`crate::cases::TIMELINE_FIRST`]), oldest first; the
    /// earlier ones come from [`crate::cases::timeline_page`].
    pub timeline: Vec<TimelineEntry>,
    /// How many entries the whole history has.
    pub timeline_total: u32,
    /// Resolved, with "solved by self-help" somewhere in its history.
    pub resolved_by_self_help: bool,
    /// "解决了吗？" a day after the last action on an active case.
    pub nudge: Option<crate::nudges::Nudge>,
    pub reminders: Vec<ReminderView>,
}

/// "I contacted them": what the user tells the app after a contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ContactInput {
    pub channel: String,
    /// RFC 3339 or the form's `YYYY-MM-DDTHH:MM`; empty means now.
    #[serde(default)]
    pub at: String,
    pub outcome: String,
    #[serde(default)]
    pub note: String,
    /// A ticket number, an agent's name … anything to quote next time.
    #[serde(default)]
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ContactView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub channel: Coded,
    pub at: String,
    pub outcome: Labeled<Outcome>,
    pub note: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct TimelineEntry {
    pub at: String,
    /// `created`, `contact`, `edited`, `status`, `reminder`, `note`.
    pub kind: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ReminderView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub case_id: String,
    pub due_at: String,
    pub kind: String,
    pub message: String,
    pub done: bool,
}

/// A platform in the user's directory, with the user's own standing there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct PlatformEntry {
    /// `None` when creating.
    pub id: Option<String>,
    pub profile: ProfileForm,
    pub vip: bool,
    pub verified: bool,
}

/// A platform profile as the directory form edits it; the same shape as the TOML profile
/// (`crates/core/profiles/default.toml`), validated by the engine on save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ProfileForm {
    pub name: String,
    pub timezone: String,
    pub channels: Vec<String>,
    pub vip_threshold_cny: f64,
    pub vip_callback_minutes: u32,
    pub vip_response_hours: u32,
    pub ticket_sla_business_days: u32,
    pub recharge_window_hours: u32,
    pub recharge_urgent_hours: u32,
    pub phone: PhoneForm,
    pub links: LinksForm,
    pub calendar: CalendarForm,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct PhoneForm {
    pub number: String,
    /// `09:00-18:00`
    pub hours: String,
    pub business_days_only: bool,
    pub peaks: Vec<String>,
    pub callback_service: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct LinksForm {
    pub chat_url: String,
    pub ticket_url: String,
    pub email: String,
    pub vip_contact: String,
    #[serde(default)]
    pub qq: String,
    /// A pasted 企业微信/微信 QR picture (`data:image/…;base64,`), shown large to scan.
    #[serde(default)]
    pub contact_qr: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct CalendarForm {
    pub extra_holidays: Vec<String>,
    pub extra_workdays: Vec<String>,
}

/// The user's preferences and the contact details printed at the end of e-mails and complaints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
#[serde(default)]
pub struct Settings {
    /// `zh-CN`, `zh-Hant` or `en`.
    pub lang: String,
    /// Whether a language was ever saved: a first start follows the system's language.
    /// Read only: saving the settings saves a language, so it is then true.
    pub lang_chosen: bool,
    /// The writing of the texts sent to platforms: `zh-CN` (the default) or `zh-Hant`.
    pub send_lang: String,
    /// 1.0 = normal; the large-text mode goes up to 1.6.
    pub text_scale: f64,
    /// `system`, `light` or `dark`.
    pub theme: String,
    /// 长辈模式 (big tiles, one answer screen, read-aloud): `None` until the user has answered the
    /// first start's question, so the question is asked once.
    pub simple_mode: Option<bool>,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub contact_account: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: "zh-CN".into(),
            lang_chosen: false,
            send_lang: "zh-CN".into(),
            text_scale: 1.0,
            theme: "system".into(),
            simple_mode: None,
            contact_name: String::new(),
            contact_phone: String::new(),
            contact_email: String::new(),
            contact_account: String::new(),
        }
    }
}

/// Choices the forms offer, with labels in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Vocabulary {
    pub problem_types: Vec<Coded>,
    pub channels: Vec<Coded>,
    pub outcomes: Vec<Labeled<Outcome>>,
    pub demands: Vec<Coded>,
    pub statuses: Vec<Labeled<Status>>,
}

/// A saved draft of the wizard (or of a case form), restored after a crash or a closed window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Draft {
    pub key: String,
    pub body: String,
    pub updated_at: String,
}

/// A platform profile exported for sharing: the TOML text and the file it was written to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ExportedProfile {
    pub toml: String,
    pub path: String,
}

/// Where the app keeps its data, shown in the settings so the user can back it up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
}

/// A rule of the self-help entry in plain words, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct SelfHelpRule {
    pub text: String,
    pub source: String,
}

/// The self-help of one problem type ("先试试这几步"), in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct SelfHelpEntry {
    pub problem_type: Coded,
    pub title: String,
    /// The checks to try before contacting anyone, in order.
    pub steps: Vec<String>,
    pub rules: Vec<SelfHelpRule>,
}

/// The 帮助 screen: the entries matching the search, best first (all of them for an empty
/// search), and how often self-help has closed a case without contacting anyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct SelfHelpSearch {
    pub entries: Vec<SelfHelpEntry>,
    pub resolved_count: u32,
}
