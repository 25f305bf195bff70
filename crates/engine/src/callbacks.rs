//! Promised callbacks (VIP 专属客服 "we call you back within 10 minutes", or the hotline's 回电):
//! logged with the promise, counted down on the case and in the tray, announced shortly before
//! the promised time, when due and when overdue, and closed with the call's outcome on the timeline.

use chrono::{DateTime, Duration, Utc};
use reachright_core::Lang;
use reachright_store::{CallbackRow, NewCallback, Store};
use serde::Serialize;

use crate::clock::{parse, stamp};
use reachright_domain::StoredCase;

use crate::deadlines::Alarm;
use crate::error::{Error, Result};
use crate::notify::{note, Kind};
use crate::texts::{self, Said};

/// A callback counts as overdue this long after its promised time.
pub const GRACE: Duration = Duration::minutes(10);

/// "The callback is coming soon" is said this long before the promised time…
pub const SOON_LEAD: Duration = Duration::minutes(5);

/// …or a quarter of the promise when the promise is shorter than this (a 10-minute promise warns
/// 2½ minutes before, not half-way through).
pub const SOON_SHORT_PROMISE: Duration = Duration::minutes(20);

/// How long before the promised time the "soon" alarm rings for a promise of `promise`.
pub fn soon_lead(promise: Duration) -> Duration {
    if promise < SOON_SHORT_PROMISE {
        promise / 4
    } else {
        SOON_LEAD
    }
}

/// The longest promise accepted (a typo of "1000 hours" must not silence the countdown).
pub const MAX_PROMISE: Duration = Duration::days(7);

/// The promise of the case's platform profile: the exclusive agent's `vip_callback_minutes` for
/// `vip_exclusive`, else `vip_response_hours` (domain.md: 10 min / 2 h by default).
pub fn profile_promise(store: &Store, case_id: &str, channel: &str) -> Result<Duration> {
    let ctx = StoredCase::for_rules(store, store.get_case(case_id)?)?;
    Ok(if channel == "vip_exclusive" {
        Duration::minutes(i64::from(ctx.profile().vip_callback_minutes))
    } else {
        Duration::hours(i64::from(ctx.profile().vip_response_hours))
    })
}

/// Log "callback requested at `requested_at`, promised within `promise`" (the profile's promise
/// when `None`).
pub fn request(
    store: &Store,
    case_id: &str,
    channel: &str,
    requested_at: DateTime<Utc>,
    promise: Option<Duration>,
    note: &str,
) -> Result<CallbackRow> {
    let promise = match promise {
        Some(p) => p,
        None => profile_promise(store, case_id, channel)?,
    };
    if promise <= Duration::zero() || promise > MAX_PROMISE {
        return Err(Error::invalid(
            "promise",
            "must be more than zero and at most 7 days",
        ));
    }
    Ok(store.add_callback(&NewCallback {
        case_id: case_id.into(),
        channel: channel.into(),
        requested_at: stamp(requested_at),
        due_at: stamp(requested_at + promise),
        note: note.into(),
    })?)
}

/// Log how the callback went (`called`, `missed`, `cancelled`) on the timeline.
pub fn log_outcome(
    store: &Store,
    id: i64,
    outcome: &str,
    at: DateTime<Utc>,
    note: &str,
) -> Result<CallbackRow> {
    Ok(store.set_callback_outcome(id, outcome, &stamp(at), note)?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountdownState {
    /// Before the promised time.
    Waiting,
    /// Past the promise, within the grace period.
    Due,
    Overdue,
    /// An outcome was logged.
    Done,
}

/// The live countdown of one callback (the UI ticks it locally between refreshes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Countdown {
    pub callback_id: i64,
    pub case_id: String,
    pub due_at: String,
    /// Seconds until the promised time; negative once it has passed.
    pub seconds_left: i64,
    pub state: CountdownState,
}

pub fn countdown(cb: &CallbackRow, now: DateTime<Utc>) -> Countdown {
    let due = parse(&cb.due_at).unwrap_or(now);
    let state = if cb.outcome.is_some() {
        CountdownState::Done
    } else if now < due {
        CountdownState::Waiting
    } else if now < due + GRACE {
        CountdownState::Due
    } else {
        CountdownState::Overdue
    };
    Countdown {
        callback_id: cb.id,
        case_id: cb.case_id.clone(),
        due_at: cb.due_at.clone(),
        seconds_left: (due - now).num_seconds(),
        state,
    }
}

/// Every callback still waiting for its call, soonest first (for the tray).
pub fn waiting(store: &Store, now: DateTime<Utc>) -> Result<Vec<Countdown>> {
    Ok(store
        .waiting_callbacks()?
        .iter()
        .map(|c| countdown(c, now))
        .collect())
}

pub(crate) fn alarms(store: &Store, now: DateTime<Utc>, lang: Lang) -> Result<Vec<Alarm>> {
    let mut out = Vec::new();
    for cb in store.waiting_callbacks()? {
        let Some(due) = parse(&cb.due_at) else {
            continue;
        };
        let ctx = StoredCase::for_rules(store, store.get_case(&cb.case_id)?)?;
        let title = &ctx.row.title;
        let data =
            serde_json::json!({"callback_id": cb.id, "channel": cb.channel, "due_at": cb.due_at});
        let overdue_at = due + GRACE;
        out.push(Alarm {
            at: overdue_at,
            note: note(
                Kind::CallbackOverdue,
                overdue_at.max(now),
                Some(&cb.case_id),
                Said::same(title),
                Said::new(lang, |l| {
                    texts::callback_overdue((now.max(overdue_at) - due).num_minutes(), l)
                }),
                data.clone(),
                Some(format!("callback:{}:overdue", cb.id)),
            ),
            order_watch: None,
        });
        if now < due {
            // "About to pass" only while it is ahead (like the other deadlines): a user who was
            // away hears that it is due or overdue, not that it was coming.
            let promise = parse(&cb.requested_at).map_or(SOON_LEAD, |r| due - r);
            let soon_at = due - soon_lead(promise);
            let left = due - now.max(soon_at);
            // Whole minutes, rounded up: 2½ minutes left reads "3 min", never "0 min".
            let left_minutes = (left.num_seconds() + 59) / 60;
            let mut soon_data = data.clone();
            soon_data["deadline"] = "callback".into();
            soon_data["stage"] = "soon".into();
            out.push(Alarm {
                at: soon_at,
                note: note(
                    Kind::DeadlineSoon,
                    soon_at.max(now),
                    Some(&cb.case_id),
                    Said::same(title),
                    Said::new(lang, |l| {
                        texts::callback_soon(due, left_minutes, ctx.tz(), l)
                    }),
                    soon_data,
                    Some(format!("callback:{}:soon", cb.id)),
                ),
                order_watch: None,
            });
        }
        if now < overdue_at {
            out.push(Alarm {
                at: due,
                note: note(
                    Kind::CallbackDue,
                    due.max(now),
                    Some(&cb.case_id),
                    Said::same(title),
                    Said::new(lang, |l| texts::callback_due(due, ctx.tz(), l)),
                    data,
                    Some(format!("callback:{}:due", cb.id)),
                ),
                order_watch: None,
            });
        }
    }
    Ok(out)
}
