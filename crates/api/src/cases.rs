//! Cases: create one from the wizard, list them with their next step, open one with its timeline,
//! and log "I contacted them" — after which the recommendation is recomputed from the history, so
//! the ladder and the escalation rules of domain.md apply in the app as they do in the CLI.
//!
//! Recommendations are never stored: they depend on the moment (phone hours, deadlines), so they are
//! recomputed whenever a case is shown. The engine takes microseconds, so this costs nothing.

use crate::models::Labeled;
use crate::Call;
use chrono::{DateTime, Duration, FixedOffset};
use reachright_core::scenario::MAX_TEXT_CHARS;
use reachright_core::{Channel, Lang, Outcome};
use reachright_store::{
    CaseRow, CaseUpdate, ContactRow, EventRow, NewContact, NewEvent, NewReminder, Store,
};

use crate::error::{Error, Result};
use crate::models::{
    Analysis, CaseDetail, CaseSummary, ContactInput, ContactView, Intake, ReminderView,
    TimelineEntry,
};
use crate::views::{analysis_of, coded};
use reachright_domain::form_time::parse_local_time;
use reachright_domain::record::{self, stamp, title_of, to_json};
/// The platform, the user's standing there, the history and the user's contact details.
pub use reachright_domain::stored::context;
use reachright_domain::stored::{attempt_of, platform, read_intake, triage_form};
use reachright_domain::Status;

/// The draft key of the new-case wizard.
pub const WIZARD_DRAFT: &str = "wizard";

/// Save the wizard's form as a new case (the wizard's draft is then discarded).
pub fn create(call: &Call<'_>, intake: &Intake) -> Result<CaseDetail> {
    let row = record::create(call.store, intake, call.now, call.lang)?;
    call.store.delete_draft(WIZARD_DRAFT)?;
    detail(call, &row.id)
}

/// Replace a case's form (the user corrected or completed it).
pub fn update(call: &Call<'_>, id: &str, intake: &Intake) -> Result<CaseDetail> {
    record::check(call.store, intake)?;
    call.store.update_case(
        id,
        &CaseUpdate {
            at: stamp(call.now),
            title: Some(title_of(intake, call.lang)),
            platform_id: Some(intake.platform_id.clone()),
            status: None,
            intake_json: Some(to_json(intake)?),
            event: Some(NewEvent {
                at: stamp(call.now),
                kind: "edited".into(),
                summary: String::new(),
                data_json: None,
            }),
        },
    )?;
    detail(call, id)
}

pub fn set_status(call: &Call<'_>, id: &str, status: &str) -> Result<CaseDetail> {
    let s = Status::parse(status)
        .ok_or_else(|| Error::invalid("status", format!("unknown status {status:?}")))?;
    call.store.set_status(id, s.code(), &stamp(call.now))?;
    detail(call, id)
}

pub fn delete(store: &Store, id: &str) -> Result<()> {
    Ok(store.delete_case(id)?)
}

/// "I contacted them": log the contact, move the status along, and return the case with its
/// recommendation recomputed from the new history.
pub fn log_contact(call: &Call<'_>, id: &str, input: &ContactInput) -> Result<CaseDetail> {
    let channel: Channel = input
        .channel
        .parse()
        .map_err(|_| Error::invalid("channel", format!("unknown channel {:?}", input.channel)))?;
    let outcome: Outcome = input
        .outcome
        .parse()
        .map_err(|_| Error::invalid("outcome", format!("unknown outcome {:?}", input.outcome)))?;
    let row = call.store.get_case(id)?;
    let intake = read_intake(&row)?;
    let tz = platform(call.store, intake.platform_id.as_deref())?.0.tz();
    let at = parse_local_time("at", &input.at, tz)?.unwrap_or(call.now);
    // A little slack for clocks; a contact next week has not happened yet.
    if at > call.now + Duration::minutes(5) {
        return Err(Error::invalid("at", "a contact cannot be in the future"));
    }
    for (field, s) in [("note", &input.note), ("reference", &input.reference)] {
        if s.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::invalid(
                field,
                format!("longer than {MAX_TEXT_CHARS} characters"),
            ));
        }
    }
    // What the contact means for the case, written with it.
    let status = match outcome {
        Outcome::Resolved => Status::Resolved,
        Outcome::Pending => Status::Waiting,
        _ => Status::Open,
    };
    call.store.add_contact(
        id,
        &NewContact {
            at: stamp(at),
            channel: channel.code().into(),
            outcome: outcome.code().into(),
            note: input.note.trim().into(),
            reference: Some(input.reference.trim().to_string()).filter(|s| !s.is_empty()),
            status: Some(status.code().into()),
        },
    )?;
    detail(call, id)
}

/// A reminder on the case, e.g. "call when the phone line opens".
pub fn add_reminder(
    call: &Call<'_>,
    id: &str,
    due_at: &str,
    kind: &str,
    message: &str,
) -> Result<CaseDetail> {
    let due = DateTime::parse_from_rfc3339(due_at.trim())
        .map_err(|_| Error::invalid("due_at", format!("{due_at:?} is not an RFC 3339 time")))?;
    call.store.add_reminder(
        id,
        &NewReminder {
            due_at: stamp(due),
            kind: kind.into(),
            message: message.into(),
        },
    )?;
    detail(call, id)
}

/// Reminders not yet done, across cases, soonest first.
pub fn pending_reminders(store: &Store) -> Result<Vec<ReminderView>> {
    Ok(store
        .pending_reminders()?
        .into_iter()
        .map(reminder_view)
        .collect())
}

/// The home screen: every case with its status and next step, most recently touched first.
pub fn list(call: &Call<'_>) -> Result<Vec<CaseSummary>> {
    summaries(call, call.store.list_cases()?)
}

/// The most cases one page of the list may ask for.
pub const MAX_PAGE: u32 = 500;

/// A page's `limit` must be 1 to [`MAX_PAGE`].
fn check_page(limit: u32) -> Result<()> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(Error::invalid(
            "limit",
            format!("must be 1 to {MAX_PAGE}, not {limit}"),
        ));
    }
    Ok(())
}

/// One page of [`list`]: at most `limit` (1 to [`MAX_PAGE`]) cases after the first `offset`. Each
/// case's next step is worked out when it is listed, so the home screen asks for a page, not for
/// years of cases at once.
pub fn list_page(call: &Call<'_>, offset: u32, limit: u32) -> Result<Vec<CaseSummary>> {
    check_page(limit)?;
    summaries(call, call.store.list_cases_page(offset, limit)?)
}

/// The cases matching every word of `query` (order number, product, story, platform, ticket
/// number…), in the list's order, one page at a time as [`list_page`].
pub fn search(call: &Call<'_>, query: &str, offset: u32, limit: u32) -> Result<Vec<CaseSummary>> {
    check_page(limit)?;
    summaries(call, call.store.search_cases(query, offset, limit)?)
}

/// Each row with its status and next step at `call.now`.
pub(crate) fn summaries(call: &Call<'_>, rows: Vec<CaseRow>) -> Result<Vec<CaseSummary>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let contacts = call.store.contacts(&row.id)?;
        let (summary, _) = summarise(
            call.store,
            &row,
            &read_intake(&row)?,
            &contacts,
            call.now,
            call.lang,
        )?;
        out.push(summary);
    }
    Ok(out)
}

/// One case's form and its analysis at `call.now`: what [`detail`] computes, without the
/// timeline, contacts and reminders views (for callers that only need the recommendation).
pub(crate) fn analysis(call: &Call<'_>, id: &str) -> Result<(Intake, Analysis)> {
    let (_, intake, _, analysis) = analysed(call, id)?;
    Ok((intake, analysis))
}

/// One case read and analysed at `call.now`: its contacts, form, list row and analysis.
fn analysed(call: &Call<'_>, id: &str) -> Result<(Vec<ContactRow>, Intake, CaseSummary, Analysis)> {
    let row = call.store.get_case(id)?;
    let contacts = call.store.contacts(id)?;
    let intake = read_intake(&row)?;
    let (summary, analysis) = summarise(call.store, &row, &intake, &contacts, call.now, call.lang)?;
    Ok((contacts, intake, summary, analysis))
}

/// The history entries a case page opens with: the newest ones.
pub const TIMELINE_FIRST: u32 = 100;

/// One case with its form, its recommendation at `now`, contacts, reminders and the newest
/// [`TIMELINE_FIRST`] entries of its history: a case of years has thousands, and reading them all
/// was most of the time it took to open one.
pub fn detail(call: &Call<'_>, id: &str) -> Result<CaseDetail> {
    let (contacts, intake, summary, analysis) = analysed(call, id)?;
    let page = call.store.timeline_page(id, 0, TIMELINE_FIRST)?;
    let resolved_by_self_help = summary.status.code == Status::Resolved
        && call.store.has_event(id, crate::selfhelp::EVENT_KIND)?;
    let mut d = CaseDetail {
        intake,
        timeline: timeline(&page.events, &contacts, call.lang),
        timeline_total: page.total,
        resolved_by_self_help,
        contacts: contacts
            .iter()
            .map(|c| contact_view(c, call.lang))
            .collect(),
        reminders: call
            .store
            .reminders(id)?
            .into_iter()
            .map(reminder_view)
            .collect(),
        summary,
        analysis,
        nudge: None,
    };
    d.nudge = crate::nudges::resolved_yet(&d, call.now, call.lang);
    Ok(d)
}

/// Earlier history for the case page: at most `limit` (1 to [`MAX_PAGE`]) entries before the
/// `skip` newest, oldest first.
pub fn timeline_page(
    call: &Call<'_>,
    id: &str,
    skip: u32,
    limit: u32,
) -> Result<Vec<TimelineEntry>> {
    check_page(limit)?;
    let page = call.store.timeline_page(id, skip, limit)?;
    Ok(timeline(&page.events, &call.store.contacts(id)?, call.lang))
}

/// One case's list row, analysis and whole history (for its export).
pub(crate) fn with_history(
    call: &Call<'_>,
    id: &str,
) -> Result<(CaseSummary, Analysis, Vec<TimelineEntry>)> {
    let (contacts, _, summary, analysis) = analysed(call, id)?;
    let events = call.store.timeline(id)?;
    Ok((summary, analysis, timeline(&events, &contacts, call.lang)))
}

fn summarise(
    store: &Store,
    row: &CaseRow,
    intake: &Intake,
    contacts: &[ContactRow],
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<(CaseSummary, Analysis)> {
    let history = contacts.iter().filter_map(attempt_of).collect::<Vec<_>>();
    let ctx = context(store, intake, &history)?;
    let t = triage_form(intake, &ctx, now, lang)?;
    let send = reachright_domain::settings::send_lang(store)?;
    let analysis = analysis_of(&t, lang, send);
    let status = Status::parse(&row.status).unwrap_or(Status::Open);
    let rec = &analysis.recommendation;
    let next_step = if !status.is_active() {
        String::new()
    } else if let Some(deadline) = &rec.sla_deadline {
        format!(
            "{}{}",
            lang.pick("等待平台答复，截止 ", "Wait for the reply, due "),
            deadline.get(..16).unwrap_or(deadline).replace('T', " ")
        )
    } else {
        rec.primary.channel.label.clone()
    };
    let platform_name = match &row.platform_id {
        Some(_) => ctx.profile.name.clone(),
        None => lang.pick("默认平台", "Default platform").to_string(),
    };
    let summary = CaseSummary {
        id: row.id.clone(),
        title: row.title.clone(),
        status: Labeled::new(status, status.label(lang)),
        problem_type: analysis.problem_type.clone(),
        platform_name,
        next_step,
        urgent: status.is_active() && rec.urgent,
        created_at: row.created_at.clone(),
        updated_at: row.updated_at.clone(),
        contacts: u32::try_from(contacts.len()).unwrap_or(u32::MAX),
    };
    Ok((summary, analysis))
}

fn contact_view(c: &ContactRow, lang: Lang) -> ContactView {
    let channel = c
        .channel
        .parse::<Channel>()
        .map(|ch| coded(ch.code(), ch.label(lang)))
        .unwrap_or_else(|_| coded(&c.channel, &c.channel));
    let outcome = c
        .outcome
        .parse::<Outcome>()
        .map(|o| Labeled::new(o, o.label(lang)))
        // Checked on the way in; an older row's unknown word is shown as it was written.
        .unwrap_or_else(|_| Labeled::new(Outcome::Pending, c.outcome.clone()));
    ContactView {
        id: c.id,
        channel,
        at: c.at.clone(),
        outcome,
        note: c.note.clone(),
        reference: c.reference.clone().unwrap_or_default(),
    }
}

fn reminder_view(r: reachright_store::ReminderRow) -> ReminderView {
    ReminderView {
        id: r.id,
        case_id: r.case_id,
        due_at: r.due_at,
        kind: r.kind,
        message: r.message,
        done: r.done,
    }
}

/// History entries in the user's language, in the store's order (by instant). Contacts are
/// rendered from their rows (not from the text stored with the event) so switching language
/// switches the whole timeline.
fn timeline(events: &[EventRow], contacts: &[ContactRow], lang: Lang) -> Vec<TimelineEntry> {
    // A case with years of contacts has thousands: look each up by id, not by a scan per event.
    let contacts: std::collections::HashMap<i64, &ContactRow> =
        contacts.iter().map(|c| (c.id, c)).collect();
    events
        .iter()
        .map(|e| TimelineEntry {
            at: e.at.clone(),
            kind: e.kind.clone(),
            text: match e.kind.as_str() {
                "created" => format!("{}{}", lang.pick("建立案件：", "Case opened: "), e.summary),
                "edited" => lang
                    .pick("修改了问题描述", "Edited the description")
                    .to_string(),
                "status" => format!(
                    "{}{}",
                    lang.pick("状态改为：", "Status set to: "),
                    Status::parse(&e.summary).map_or(e.summary.as_str(), |s| s.label(lang))
                ),
                "reminder" => format!("{}{}", lang.pick("设置提醒：", "Reminder set: "), e.summary),
                crate::selfhelp::EVENT_KIND => crate::selfhelp::event_text(lang).to_string(),
                // The platform's words, shown as they wrote them after our label.
                "email_reply" => format!(
                    "{}{}",
                    lang.pick("平台回信：", "The platform answered by e-mail: "),
                    e.summary
                ),
                "contact" => contact_of(e, &contacts)
                    .map_or_else(|| e.summary.clone(), |c| contact_text(c, lang)),
                _ => e.summary.clone(),
            },
        })
        .collect()
}

/// The contact a "contact" event records (its data names the contact's id).
fn contact_of<'a>(
    e: &EventRow,
    contacts: &std::collections::HashMap<i64, &'a ContactRow>,
) -> Option<&'a ContactRow> {
    let data: serde_json::Value = serde_json::from_str(e.data_json.as_deref()?).ok()?;
    let id = data.get("contact_id")?.as_i64()?;
    contacts.get(&id).copied()
}

fn contact_text(c: &ContactRow, lang: Lang) -> String {
    let v = contact_view(c, lang);
    let mut text = format!(
        "{}{} — {}",
        lang.pick("联系了", "Contacted "),
        v.channel.label,
        v.outcome.label
    );
    if !v.reference.is_empty() {
        text.push_str(&format!("({})", v.reference));
    }
    if !v.note.is_empty() {
        text.push_str(&format!(":{}", v.note));
    }
    text
}

/// The live reading of a form; with a case, its contact history counts, so the recommendation
/// shown while editing is the one the case page will show.
pub fn analyse_with_history(
    call: &Call<'_>,
    intake: &Intake,
    case_id: Option<&str>,
) -> Result<Analysis> {
    let history = match case_id {
        Some(id) => call
            .store
            .contacts(id)?
            .iter()
            .filter_map(attempt_of)
            .collect(),
        None => Vec::new(),
    };
    let ctx = context(call.store, intake, &history)?;
    let send = reachright_domain::settings::send_lang(call.store)?;
    crate::views::analyse(intake, &ctx, call.now, call.lang, send)
}
