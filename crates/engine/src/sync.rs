//! One pass of the tracker: raise the deadline, callback and order alarms that are due, poll
//! every ticket that is due through its helpdesk (within a time budget), record what changed on
//! the case's timeline, store the new cursor and the next poll time. The shell runs it in a tokio loop
//! (`sync_once`, then sleep until [`crate::next_wake`]); the CLI runs it once.
//!
//! Each ticket's outcome is one store transaction (state + events + notifications), so a crash
//! mid-pass loses nothing already reported and reports nothing twice.

use std::collections::{BTreeMap, HashMap, VecDeque};

use chrono::{DateTime, Duration, Utc};
use reachright_connectors::{Cursor, Error as ConnectorError, Helpdesk, Poll, Update};
use reachright_core::Lang;
use reachright_store::{NewEvent, NotificationRow, PollBase, Store, TicketPoll, TicketRow};
use serde::Serialize;

use crate::clock::{parse, stamp, Clock};
use crate::deadlines::{due_and_next, earliest};
use crate::error::Result;
use crate::notify::{first_line, note, Kind};
use crate::schedule::{after_error, interval, seed, stop, Problem, COALESCE};
use crate::texts::{self, Said};

/// The helpdesk connectors by name (the `helpdesks` table's names). A missing name means the
/// helpdesk is not usable (no token in the keychain, or deleted): its tickets stop as for an
/// auth error until the user fixes it.
pub trait Helpdesks: Sync {
    type Desk: Helpdesk;
    fn get(&self, name: &str) -> Option<&Self::Desk>;
}

impl<H: Helpdesk> Helpdesks for HashMap<String, H> {
    type Desk = H;
    fn get(&self, name: &str) -> Option<&H> {
        HashMap::get(self, name)
    }
}

impl<H: Helpdesk> Helpdesks for BTreeMap<String, H> {
    type Desk = H;
    fn get(&self, name: &str) -> Option<&H> {
        BTreeMap::get(self, name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Status,
    Reply,
}

/// One change seen on a ticket; serialises as the CLI's JSON line
/// `{"case", "ticket", "kind": "status"|"reply", "status", "text"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The case id.
    pub case: String,
    /// The helpdesk's ticket id.
    pub ticket: String,
    pub kind: ChangeKind,
    /// The ticket's status after the change.
    pub status: Option<String>,
    /// The reply's text, or the status word.
    pub text: String,
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub changes: Vec<Change>,
    /// Answers to e-mails sent from cases ([`crate::mail`]); the CLI prints them as JSON lines
    /// of their own shape.
    pub mail: Vec<crate::mail::MailChange>,
    /// Every notification raised in the pass (already kept in the in-app list); hand them to
    /// [`crate::deliver`].
    pub notifications: Vec<NotificationRow>,
    pub polled: usize,
    pub failed: usize,
    /// Due tickets left for the next pass (the pass ran out of [`POLL_BUDGET`]).
    pub deferred: usize,
    /// Polls whose outcome was dropped: another pass applied the ticket's news first.
    pub dropped: usize,
    /// When to run the next pass (as [`crate::next_wake`] after the pass, without recomputing
    /// the alarms); `None` when nothing is tracked.
    pub next_wake: Option<DateTime<Utc>>,
}

/// The longest reply text kept on the timeline.
const MAX_REPLY_CHARS: usize = 20_000;
/// The longest reply excerpt in a notification body.
const NOTIFICATION_CHARS: usize = 120;

/// How long one pass may spend polling; tickets still due after it are left for the next pass
/// (which the runner starts at once: their `next_poll_at` is in the past).
pub const POLL_BUDGET: Duration = Duration::minutes(2);

/// A helpdesk's share of one pass: once its polls have taken this long, its other due tickets
/// wait until every other helpdesk's due tickets had their turn, so one slow (but answering)
/// helpdesk cannot spend the whole [`POLL_BUDGET`] while the others wait.
pub const DESK_SHARE: Duration = Duration::seconds(45);

/// The due tickets taken in turn from each helpdesk (first of each, then second of each, …),
/// keeping each helpdesk's own order, so no helpdesk's tickets all come before another's.
fn in_turns(due: Vec<TicketRow>) -> VecDeque<TicketRow> {
    let mut by_desk: BTreeMap<String, VecDeque<TicketRow>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for t in due {
        if !by_desk.contains_key(&t.helpdesk) {
            order.push(t.helpdesk.clone());
        }
        by_desk.entry(t.helpdesk.clone()).or_default().push_back(t);
    }
    let mut out = VecDeque::new();
    loop {
        let before = out.len();
        for name in &order {
            if let Some(t) = by_desk.get_mut(name).and_then(VecDeque::pop_front) {
                out.push_back(t);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// Whether an error says the whole helpdesk is in trouble (not just this ticket): offline, too
/// slow, or failing after the connector's own retries. Its other tickets are not asked again in
/// the same pass.
fn helpdesk_wide(e: &ConnectorError) -> bool {
    matches!(
        e,
        ConnectorError::Unreachable(_) | ConnectorError::Timeout | ConnectorError::Server(_)
    )
}

/// Where a pass hands the alarms that fell due while it was waiting on a helpdesk, to be shown
/// at once rather than when the pass ends.
pub type EarlyAlarms<'a> = &'a (dyn Fn(&[NotificationRow]) + Sync);

/// One pass over everything due at the clock's now.
///
/// The alarms (callbacks, deadlines, order watches) are raised first, so a slow helpdesk never
/// delays a callback that is due; then the due tickets are polled for at most [`POLL_BUDGET`],
/// and an alarm falling due while a poll is in flight is raised at its moment (see
/// [`sync_once_with`]); then the alarms once more (for what changed with the polling).
/// A ticket whose row cannot be read or written is logged and skipped, never the whole pass.
pub async fn sync_once<D: Helpdesks>(
    store: &Store,
    helpdesks: &D,
    clock: &dyn Clock,
) -> Result<SyncReport> {
    sync_once_with(store, helpdesks, clock, None).await
}

/// [`sync_once`], handing the alarms raised while a poll was in flight to `early` as they fall
/// due (the runner shows them at once); those are then not in the report's notifications. With
/// `None` they are in the report like every other.
pub async fn sync_once_with<D: Helpdesks>(
    store: &Store,
    helpdesks: &D,
    clock: &dyn Clock,
    early: Option<EarlyAlarms<'_>>,
) -> Result<SyncReport> {
    let started = clock.now();
    let lang = reachright_domain::settings::lang(store)?;
    let mut report = SyncReport::default();
    let (raised, mut next_alarm) = due_and_next(store, started, lang)?;
    report.notifications.extend(raised);
    // A helpdesk found offline/slow/failing in this pass is not asked again for its other tickets.
    let mut down: BTreeMap<String, &'static str> = BTreeMap::new();
    // Time each helpdesk's polls took in this pass, and the tickets of helpdesks over their
    // share, polled (budget permitting) after everyone else's.
    let mut spent: BTreeMap<String, Duration> = BTreeMap::new();
    let mut queue = in_turns(store.due_tickets(&stamp(started + COALESCE))?);
    let mut later: VecDeque<TicketRow> = VecDeque::new();
    let mut in_later = false;
    loop {
        let ticket = match queue.pop_front() {
            Some(t) => t,
            None if !in_later && !later.is_empty() => {
                in_later = true;
                queue = std::mem::take(&mut later);
                continue;
            }
            None => break,
        };
        let now = clock.now();
        if now - started >= POLL_BUDGET {
            report.deferred += 1;
            continue;
        }
        if !in_later
            && spent
                .get(&ticket.helpdesk)
                .is_some_and(|used| *used >= DESK_SHARE)
        {
            later.push_back(ticket);
            continue;
        }
        let poll_started = now;
        let title = match store.get_case(&ticket.case_id) {
            Ok(c) => c.title,
            Err(reachright_store::Error::NotFound { .. }) => continue,
            Err(e) => {
                eprintln!(
                    "reachright-engine: ticket {}: cannot read its case: {e}",
                    ticket.id
                );
                report.failed += 1;
                continue;
            }
        };
        let outcome = if let Some(why) = down.get(&ticket.helpdesk) {
            Err(ConnectorError::Unreachable(format!(
                "{why} earlier in this pass"
            )))
        } else {
            match helpdesks.get(&ticket.helpdesk) {
                None => Err(ConnectorError::Auth("no usable credentials".into())),
                Some(desk) => match serde_json::from_str::<Cursor>(&ticket.cursor_json) {
                    // A cursor we cannot read would re-report every old reply: this ticket's
                    // error, not a fresh start.
                    Err(e) => Err(ConnectorError::Invalid {
                        field: "cursor",
                        reason: format!("the stored sync state is damaged: {e}"),
                    }),
                    Ok(cursor) => {
                        report.polled += 1;
                        let poll = desk.poll(&ticket.remote_id, &cursor);
                        let alarms = Alarms {
                            store,
                            clock,
                            lang,
                            early,
                        };
                        alarms
                            .meanwhile(poll, &mut next_alarm, &mut report.notifications)
                            .await
                    }
                },
            }
        };
        // The poll may have taken a while: schedule from when it ended.
        let now = clock.now();
        *spent
            .entry(ticket.helpdesk.clone())
            .or_insert(Duration::zero()) += now - poll_started;
        let mut changes = Vec::new();
        let mut poll = match outcome {
            Ok(p) => on_poll(&ticket, &title, p, now, lang, &mut changes),
            Err(e) => {
                report.failed += 1;
                if helpdesk_wide(&e) {
                    down.entry(ticket.helpdesk.clone()).or_insert(e.code());
                }
                on_error(&ticket, &title, &e, now, lang)
            }
        };
        poll.read = Some(PollBase::of(&ticket));
        match store.apply_ticket_poll(&poll) {
            Ok(Some(raised)) => {
                report.notifications.extend(raised);
                report.changes.extend(changes);
            }
            // Another pass got there first (or the user resumed it): its news is not ours.
            Ok(None) => report.dropped += 1,
            Err(e) => {
                eprintln!(
                    "reachright-engine: ticket {}: cannot save the poll: {e}",
                    ticket.id
                );
                report.failed += 1;
            }
        }
    }
    let now = clock.now();
    let (raised, next_alarm) = due_and_next(store, now, lang)?;
    report.notifications.extend(raised);
    let next_poll = store.next_ticket_poll()?.as_deref().and_then(parse);
    report.next_wake = earliest(next_poll, next_alarm).map(|t| t.max(now));
    Ok(report)
}

/// The alarms of a pass while it waits on a helpdesk.
struct Alarms<'a> {
    store: &'a Store,
    clock: &'a dyn Clock,
    lang: Lang,
    early: Option<EarlyAlarms<'a>>,
}

impl Alarms<'_> {
    /// Awaits `work` (one poll, which may take up to its own time budget), raising each alarm
    /// that falls due meanwhile at its moment: a slow helpdesk never holds a callback back.
    /// An alarm that cannot be raised now is raised at the end of the pass, as before.
    async fn meanwhile<T>(
        &self,
        work: impl std::future::Future<Output = T>,
        next_alarm: &mut Option<DateTime<Utc>>,
        raised: &mut Vec<NotificationRow>,
    ) -> T {
        let mut work = std::pin::pin!(work);
        loop {
            let Some(at) = *next_alarm else {
                return work.await;
            };
            tokio::select! {
                biased;
                out = &mut work => return out,
                () = self.clock.sleep_until(at) => {}
            }
            let now = self.clock.now();
            match due_and_next(self.store, now, self.lang) {
                Ok((due, next)) => {
                    // Never wait again for a moment already passed (nothing left to raise then).
                    *next_alarm = next.filter(|t| *t > now);
                    match self.early {
                        Some(show) if !due.is_empty() => show(&due),
                        _ => raised.extend(due),
                    }
                }
                Err(e) => {
                    eprintln!("reachright-engine: alarms during a poll: {}", e.code());
                    *next_alarm = None;
                }
            }
        }
    }
}

fn data(ticket: &TicketRow, extra: serde_json::Value) -> serde_json::Value {
    let mut v = serde_json::json!({
        "ticket_id": ticket.id,
        "remote_id": ticket.remote_id,
        "helpdesk": ticket.helpdesk,
    });
    if let (Some(obj), serde_json::Value::Object(more)) = (v.as_object_mut(), extra) {
        obj.extend(more);
    }
    v
}

fn failing_mark(ticket: &TicketRow) -> String {
    format!("sync:ticket:{}:failing", ticket.id)
}

fn on_poll(
    ticket: &TicketRow,
    title: &str,
    poll: Poll,
    now: DateTime<Utc>,
    lang: Lang,
    changes: &mut Vec<Change>,
) -> TicketPoll {
    let at = stamp(now);
    let mut status = ticket.status.clone();
    let mut events = Vec::new();
    let mut notifications = Vec::new();
    let mut replied_at = None;
    let updates = if poll.changed {
        poll.updates
    } else {
        Vec::new()
    };
    for u in updates {
        match u {
            Update::Status { status: s } => {
                if status.as_deref() == Some(s.as_str()) {
                    continue;
                }
                status = Some(s.clone());
                let d = data(ticket, serde_json::json!({"status": s}));
                events.push(NewEvent {
                    at: at.clone(),
                    kind: "ticket_status".into(),
                    summary: format!("#{}: {s}", ticket.remote_id),
                    data_json: Some(d.to_string()),
                });
                notifications.push(note(
                    Kind::StatusChange,
                    now,
                    Some(&ticket.case_id),
                    Said::same(title),
                    Said::new(lang, |l| texts::status_change(&ticket.remote_id, &s, l)),
                    d,
                    None,
                ));
                changes.push(Change {
                    case: ticket.case_id.clone(),
                    ticket: ticket.remote_id.clone(),
                    kind: ChangeKind::Status,
                    status: Some(s.clone()),
                    text: s,
                });
            }
            Update::Reply {
                author,
                text,
                at: said_at,
            } => {
                let kept: String = text.trim().chars().take(MAX_REPLY_CHARS).collect();
                let d = data(ticket, serde_json::json!({"author": author, "at": said_at}));
                events.push(NewEvent {
                    at: at.clone(),
                    kind: "ticket_reply".into(),
                    summary: kept.clone(),
                    data_json: Some(d.to_string()),
                });
                let line = first_line(&kept, NOTIFICATION_CHARS);
                notifications.push(note(
                    Kind::StaffReply,
                    now,
                    Some(&ticket.case_id),
                    Said::same(title),
                    Said::new(lang, |l| texts::staff_reply(&line, l)),
                    d,
                    None,
                ));
                replied_at = Some(at.clone());
                changes.push(Change {
                    case: ticket.case_id.clone(),
                    ticket: ticket.remote_id.clone(),
                    kind: ChangeKind::Reply,
                    status: status.clone(),
                    text: kept,
                });
            }
        }
    }
    // A 304 brings no cursor worth keeping beyond the old one; otherwise the connector's is
    // the truth (its `status` is what the helpdesk says now, even if no update carried it).
    let cursor_json = poll
        .changed
        .then(|| serde_json::to_string(&poll.cursor).ok())
        .flatten();
    if poll.changed && status.is_none() {
        status.clone_from(&poll.cursor.status);
    }
    let next = interval(status.as_deref());
    TicketPoll {
        ticket_id: ticket.id,
        at,
        status,
        cursor_json,
        next_poll_at: next.map(|d| stamp(now + d)),
        failures: 0,
        last_error: None,
        stopped: next.is_none().then(|| stop::CLOSED.to_string()),
        replied_at,
        clear_marks: if ticket.failures > 0 {
            vec![failing_mark(ticket)]
        } else {
            Vec::new()
        },
        events,
        notifications,
        read: None,
    }
}

fn on_error(
    ticket: &TicketRow,
    title: &str,
    err: &ConnectorError,
    now: DateTime<Utc>,
    lang: Lang,
) -> TicketPoll {
    let d = after_error(err, ticket.failures, now, seed(ticket.id, now));
    let problem = d.problem.map(|p| {
        let (body, mark) = match p {
            Problem::Auth => (
                Said::new(lang, |l| texts::sync_auth(&ticket.helpdesk, l)),
                format!("sync:helpdesk:{}:auth", ticket.helpdesk),
            ),
            Problem::NotFound => (
                Said::new(lang, |l| texts::sync_not_found(&ticket.remote_id, l)),
                format!("sync:ticket:{}:not_found", ticket.id),
            ),
            Problem::Invalid => (
                Said::new(lang, |l| texts::sync_invalid(&ticket.remote_id, l)),
                format!("sync:ticket:{}:invalid", ticket.id),
            ),
            Problem::Failing => (
                Said::new(lang, |l| {
                    texts::sync_failing(&ticket.helpdesk, d.failures, l)
                }),
                failing_mark(ticket),
            ),
        };
        note(
            Kind::SyncProblem,
            now,
            Some(&ticket.case_id),
            Said::same(title),
            body,
            data(ticket, serde_json::json!({"error": err.code()})),
            Some(mark),
        )
    });
    TicketPoll {
        ticket_id: ticket.id,
        at: stamp(now),
        status: None,
        cursor_json: None,
        next_poll_at: d.next_poll_at.map(stamp),
        failures: d.failures,
        last_error: Some(err.code().into()),
        stopped: d.stopped.map(Into::into),
        replied_at: None,
        clear_marks: Vec::new(),
        events: Vec::new(),
        notifications: problem.into_iter().collect(),
        read: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shell runs passes with `tokio::spawn`, which needs a `Send` future.
    #[test]
    fn a_pass_over_real_connectors_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        let tmp = tempfile::tempdir().expect("tmp");
        let store = Store::open(tmp.path()).expect("store");
        let desks: HashMap<String, reachright_connectors::AnyHelpdesk> = HashMap::new();
        let clock = crate::SystemClock;
        let pass = sync_once(&store, &desks, &clock);
        assert_send(&pass);
        drop(pass);
        assert!(store.helpdesks().expect("helpdesks").is_empty());
    }
}
