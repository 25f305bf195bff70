//! What is due when, besides polls: the 24 h recharge window, each ticket's SLA (N business days
//! in the platform's calendar), promised callbacks and order watches. Each becomes one or two
//! alarms ("about to pass", "has passed"); an alarm fires once — its mark is stored with the
//! notification in one transaction — and [`next_wake`] tells the runner when the next one is.
//!
//! Recomputed from the cases on every pass rather than stored: the rules depend on the case's
//! form and platform profile, which the user may edit at any time.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use reachright_core::calendar::BusinessCalendar;
use reachright_core::scenario::WarningCode;
use reachright_core::{Lang, PlatformProfile};
use reachright_domain::StoredCase;
use reachright_store::{NewNotification, NotificationRow, Store, TicketRow};
use serde::{Deserialize, Serialize};

use crate::clock::{parse, stamp};
use crate::error::Result;
use crate::notify::{note, Kind};
use crate::schedule::{phase, stop, Phase};
use crate::texts::Said;
use crate::{callbacks, orders, texts};

/// "About to pass" for a ticket's SLA: this long before it.
pub const SLA_WARNING: Duration = Duration::hours(24);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DeadlineKind {
    /// `recharge_failed` must be reported within the window (24 h by default).
    RechargeWindow,
    /// A ticket should be answered within N business days of its submission.
    TicketSla,
}

/// One deadline of an active case, for the case page's countdowns and for the alarms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub case_id: String,
    /// The tracked ticket (its row id), for [`DeadlineKind::TicketSla`].
    pub ticket_id: Option<i64>,
    /// RFC 3339, UTC.
    pub due_at: String,
    /// When "about to pass" is said (RFC 3339, UTC).
    pub warn_at: String,
    /// Negative once passed.
    pub seconds_left: i64,
}

/// The end of the recharge window, when the case is a failed recharge with a known time.
fn recharge_deadline(ctx: &StoredCase, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    // The engine is asked only when the type is unknown (it classifies the story) or a failed
    // recharge: the triage is the costly part of a pass over hundreds of cases.
    if ctx
        .intake
        .problem_type
        .as_deref()
        .is_some_and(|p| !p.trim().is_empty() && p.trim() != "recharge_failed")
    {
        return None;
    }
    let t = ctx.triage(now.fixed_offset(), Lang::Zh).ok()?;
    t.result
        .warnings
        .iter()
        .find(|w| {
            matches!(
                w.code,
                WarningCode::RechargeWindow | WarningCode::RechargeWindowExpired
            )
        })
        .and_then(|w| parse(w.at.as_deref()?))
}

/// The SLA deadline of a ticket still waiting for the platform; `None` once it answered, was
/// resolved or closed.
pub fn sla_deadline(ticket: &TicketRow, profile: &PlatformProfile) -> Option<DateTime<Utc>> {
    if ticket.replied_at.is_some()
        || ticket.stopped.as_deref() == Some(stop::CLOSED)
        || matches!(
            phase(ticket.status.as_deref()),
            Phase::Resolved | Phase::Closed
        )
    {
        return None;
    }
    let submitted = parse(&ticket.submitted_at)?;
    let cal = BusinessCalendar::new(profile);
    let due = cal.add_business_days(
        submitted.with_timezone(&cal.tz()),
        profile.ticket_sla_business_days,
    );
    Some(due.with_timezone(&Utc))
}

fn deadlines_of(
    store: &Store,
    ctx: &StoredCase,
    tickets: &[&TicketRow],
    now: DateTime<Utc>,
) -> Result<Vec<Deadline>> {
    let mut out = Vec::new();
    let mut push = |kind, ticket_id, due: DateTime<Utc>, warn: DateTime<Utc>| {
        out.push(Deadline {
            kind,
            case_id: ctx.row.id.clone(),
            ticket_id,
            due_at: stamp(due),
            warn_at: stamp(warn),
            seconds_left: (due - now).num_seconds(),
        });
    };
    let passed_mark = mark_recharge(&ctx.row.id, "passed");
    if !store.has_mark(&passed_mark)? {
        if let Some(due) = recharge_deadline(ctx, now) {
            let warn = due - Duration::hours(i64::from(ctx.profile().recharge_urgent_hours));
            push(DeadlineKind::RechargeWindow, None, due, warn);
        }
    }
    for t in tickets {
        if let Some(due) = sla_deadline(t, ctx.profile()) {
            push(DeadlineKind::TicketSla, Some(t.id), due, due - SLA_WARNING);
        }
    }
    Ok(out)
}

/// The deadlines of one case (empty once it is resolved or closed).
pub fn case_deadlines(store: &Store, case_id: &str, now: DateTime<Utc>) -> Result<Vec<Deadline>> {
    let ctx = StoredCase::for_rules(store, store.get_case(case_id)?)?;
    if !ctx.is_active() {
        return Ok(Vec::new());
    }
    let tickets = store.tickets_for_case(case_id)?;
    deadlines_of(store, &ctx, &tickets.iter().collect::<Vec<_>>(), now)
}

fn mark_recharge(case_id: &str, stage: &str) -> String {
    format!("deadline:recharge:{case_id}:{stage}")
}

/// Something to say at `at`, once (its notification carries the mark).
#[derive(Debug, Clone)]
pub(crate) struct Alarm {
    pub at: DateTime<Utc>,
    pub note: NewNotification,
    /// An order watch that becomes `late` when this fires.
    pub order_watch: Option<i64>,
}

/// Both alarms of a deadline while it is ahead; only "passed" once it is behind (a user who was
/// away is told where things stand, not what they missed).
fn deadline_alarms(
    d: &Deadline,
    ctx: &StoredCase,
    ticket: Option<&TicketRow>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Vec<Alarm> {
    let (Some(due), Some(warn)) = (parse(&d.due_at), parse(&d.warn_at)) else {
        return Vec::new();
    };
    let title = &ctx.row.title;
    let case_id = Some(ctx.row.id.as_str());
    let days = ctx.profile().ticket_sla_business_days;
    let remote = ticket.map_or("", |t| t.remote_id.as_str());
    let (key, soon_body, passed_body, next_step) = match d.kind {
        DeadlineKind::RechargeWindow => (
            format!("deadline:recharge:{}", ctx.row.id),
            Said::new(lang, |l| {
                texts::recharge_soon(
                    ctx.profile().recharge_window_hours,
                    (due - now).num_minutes(),
                    l,
                )
            }),
            Said::new(lang, |l| {
                texts::recharge_passed(ctx.profile().recharge_window_hours, l)
            }),
            "contact_anyway",
        ),
        DeadlineKind::TicketSla => (
            format!("deadline:sla:{}", d.ticket_id.unwrap_or_default()),
            Said::new(lang, |l| texts::sla_soon(remote, days, due, ctx.tz(), l)),
            Said::new(lang, |l| texts::sla_passed(remote, days, l)),
            "third_party_complaint",
        ),
    };
    let data = |stage: &str| {
        serde_json::json!({
            "deadline": d.kind, "stage": stage, "due_at": d.due_at,
            "ticket_id": d.ticket_id, "next_step": next_step,
        })
    };
    let passed = Alarm {
        at: due,
        note: note(
            Kind::DeadlinePassed,
            due.max(now),
            case_id,
            Said::same(title),
            passed_body,
            data("passed"),
            Some(format!("{key}:passed")),
        ),
        order_watch: None,
    };
    if now >= due {
        return vec![passed];
    }
    let soon = Alarm {
        at: warn,
        note: note(
            Kind::DeadlineSoon,
            warn.max(now),
            case_id,
            Said::same(title),
            soon_body,
            data("soon"),
            Some(format!("{key}:soon")),
        ),
        order_watch: None,
    };
    vec![soon, passed]
}

/// Active cases read per page by [`sweep`].
const CASES_PER_PAGE: u32 = 200;

/// What a pass keeps of the alarms: those due now and not yet said (an order watch's always, so
/// the watch still moves to late), and the earliest time of one not yet said. Kept as the alarms
/// are worked out, a page of cases at a time, so a pass over years of cases holds a page of them
/// and a few alarms, never all of either (at 10,000 cases, all of them peaked at ~12 MB of heap).
pub(crate) struct Sweep {
    now: DateTime<Utc>,
    marks: HashSet<String>,
    /// Due at `now` and not said yet (to raise).
    pub due: Vec<Alarm>,
    /// The earliest alarm after `now` not said yet.
    pub next: Option<DateTime<Utc>>,
    /// The earliest alarm not said yet, due or not.
    pub first_unsaid: Option<DateTime<Utc>>,
}

impl Sweep {
    fn add(&mut self, a: Alarm) {
        let said = a.note.mark.as_ref().is_some_and(|m| self.marks.contains(m));
        if !said {
            self.first_unsaid = earliest(self.first_unsaid, Some(a.at));
        }
        if a.at <= self.now {
            if !said || a.order_watch.is_some() {
                self.due.push(a);
            }
        } else if !said {
            self.next = earliest(self.next, Some(a.at));
        }
    }
}

/// Every alarm of every active case, waiting callback and open order watch, folded into a [`Sweep`].
pub(crate) fn sweep(store: &Store, now: DateTime<Utc>, lang: Lang) -> Result<Sweep> {
    let mut out = Sweep {
        now,
        marks: store.marks()?,
        due: Vec::new(),
        next: None,
        first_unsaid: None,
    };
    // One query for every ticket instead of one per case.
    let all_tickets = store.all_tickets()?;
    let mut by_case: HashMap<&str, Vec<&TicketRow>> = HashMap::new();
    for t in &all_tickets {
        by_case.entry(t.case_id.as_str()).or_default().push(t);
    }
    let mut after = String::new();
    loop {
        let page = store.active_cases_after(&after, CASES_PER_PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.id.clone();
        for row in page {
            let ctx = StoredCase::for_rules(store, row)?;
            let tickets = by_case.remove(ctx.row.id.as_str()).unwrap_or_default();
            for d in deadlines_of(store, &ctx, &tickets, now)? {
                let ticket = tickets.iter().copied().find(|t| Some(t.id) == d.ticket_id);
                for a in deadline_alarms(&d, &ctx, ticket, now, lang) {
                    out.add(a);
                }
            }
        }
    }
    for a in callbacks::alarms(store, now, lang)? {
        out.add(a);
    }
    for a in orders::alarms(store, now, lang)? {
        out.add(a);
    }
    Ok(out)
}

/// Raise every alarm that is due at `now` (each once) and move late order watches on.
/// Returns the notifications raised.
pub fn check_due(store: &Store, now: DateTime<Utc>, lang: Lang) -> Result<Vec<NotificationRow>> {
    Ok(due_and_next(store, now, lang)?.0)
}

/// [`check_due`], and the earliest alarm still to come — one computation of the alarms for a
/// pass (the costly part with hundreds of cases), used by [`crate::sync_once`].
pub(crate) fn due_and_next(
    store: &Store,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<(Vec<NotificationRow>, Option<DateTime<Utc>>)> {
    let Sweep { due, next, .. } = sweep(store, now, lang)?;
    // Already said ones are skipped again by their mark (an order watch's due alarm is kept only
    // to move the watch on).
    let notes: Vec<NewNotification> = due.iter().map(|a| a.note.clone()).collect();
    let raised = store.raise_notifications(&notes)?;
    for id in due.iter().filter_map(|a| a.order_watch) {
        orders::mark_late(store, id, now)?;
    }
    Ok((raised, next))
}

/// When the runner should wake next: the earliest ticket poll or unsaid alarm, never before
/// `now` (something overdue means "now"); `None` when nothing is tracked at all.
pub fn next_wake(store: &Store, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    let alarm = sweep(store, now, Lang::Zh)?.first_unsaid;
    Ok(earliest(store.next_ticket_poll()?.as_deref().and_then(parse), alarm).map(|t| t.max(now)))
}

pub(crate) fn earliest(
    a: Option<DateTime<Utc>>,
    b: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
