//! A case's tracking section in one answer: its tickets (status in the user's words, last sync,
//! what is wrong and what to do), its callbacks (the countdown's target and state) and its
//! deadlines (recharge window, ticket SLA), plus what the forms need (helpdesks, statuses,
//! outcomes, the platform's promises).

use crate::models::Coded;
use crate::models::Labeled;
use crate::tracking::models::{CallbackView, DeadlineView, TicketView, TrackingPanel};
use crate::views::coded;
use crate::Call;
use chrono::{DateTime, Utc};
use reachright_core::{Channel, Lang, PlatformProfile};
use reachright_domain::StoredCase;
use reachright_engine::callbacks::{countdown, CountdownState, GRACE, MAX_PROMISE};
use reachright_engine::schedule::{phase, stop, Phase, FAILURES_BEFORE_NOTICE};
use reachright_engine::{case_deadlines, texts, DeadlineKind};
use reachright_store::{CallbackRow, Store, TicketRow};

use crate::error::Result;
use crate::tracking::{helpdesks, utc};

/// Status words offered for a ticket tracked by hand.
pub const MANUAL_STATUSES: [&str; 5] = ["new", "open", "pending", "resolved", "closed"];

pub(crate) fn profile_of(store: &Store, case_id: &str) -> Result<PlatformProfile> {
    let case = StoredCase::for_rules(store, store.get_case(case_id)?)?;
    Ok(case.ctx.profile)
}

fn problem(t: &TicketRow, lang: Lang) -> (Option<String>, Option<String>) {
    match t.stopped.as_deref() {
        Some(stop::AUTH) => (
            Some("auth".into()),
            Some(texts::sync_auth(&t.helpdesk, lang)),
        ),
        Some(stop::NOT_FOUND) => (
            Some("not_found".into()),
            Some(texts::sync_not_found(&t.remote_id, lang)),
        ),
        Some(stop::INVALID) => (
            Some("invalid".into()),
            Some(texts::sync_invalid(&t.remote_id, lang)),
        ),
        _ if t.failures >= FAILURES_BEFORE_NOTICE => (
            Some("failing".into()),
            Some(texts::sync_failing(&t.helpdesk, t.failures, lang)),
        ),
        _ => (None, None),
    }
}

/// One ticket as the case page shows it.
pub fn ticket_view(call: &Call<'_>, t: &TicketRow) -> Result<TicketView> {
    let kind = call
        .store
        .helpdesk(&t.helpdesk)
        .map(|h| h.kind)
        .unwrap_or_else(|_| "manual".into());
    let (problem_code, problem) = problem(t, call.lang);
    Ok(TicketView {
        id: t.id,
        case_id: t.case_id.clone(),
        helpdesk: t.helpdesk.clone(),
        helpdesk_kind: helpdesks::kind_label(helpdesks::kind_of(&kind), call.lang),
        remote_id: t.remote_id.clone(),
        url: t.url.clone(),
        subject: t.subject.clone(),
        submitted_at: t.submitted_at.clone(),
        status: t
            .status
            .as_deref()
            .map(|s| coded(s, &texts::status_label(s, call.lang))),
        manual: kind == "manual",
        finished: matches!(phase(t.status.as_deref()), Phase::Resolved | Phase::Closed),
        last_synced_at: t.last_polled_at.clone(),
        next_sync_at: t.next_poll_at.clone(),
        replied_at: t.replied_at.clone(),
        problem_code,
        problem,
    })
}

pub fn channel_label(channel: &str, lang: Lang) -> Coded {
    match channel.parse::<Channel>() {
        Ok(ch) => coded(ch.code(), ch.label(lang)),
        Err(_) => coded(channel, channel),
    }
}

pub fn outcome_label(outcome: &str, lang: Lang) -> Coded {
    let label = match outcome {
        "called" => lang.pick("已回电", "Called back"),
        "missed" => lang.pick("没接到", "Missed"),
        "cancelled" => lang.pick("已取消", "Cancelled"),
        other => other,
    };
    coded(outcome, label)
}

fn state_label(state: CountdownState, lang: Lang) -> Coded {
    let (code, zh, en) = match state {
        CountdownState::Waiting => ("waiting", "等待回电", "Waiting"),
        CountdownState::Due => ("due", "应已回电", "Due now"),
        CountdownState::Overdue => ("overdue", "回电超时", "Overdue"),
        CountdownState::Done => ("done", "已结束", "Done"),
    };
    coded(code, lang.pick(zh, en))
}

/// One callback with its countdown at `now`.
pub fn callback_view(cb: &CallbackRow, now: DateTime<Utc>, lang: Lang) -> CallbackView {
    let c = countdown(cb, now);
    CallbackView {
        id: cb.id,
        case_id: cb.case_id.clone(),
        channel: channel_label(&cb.channel, lang),
        requested_at: cb.requested_at.clone(),
        due_at: cb.due_at.clone(),
        overdue_at: reachright_engine::clock::parse(&cb.due_at)
            .map(|due| reachright_engine::clock::stamp(due + GRACE))
            .unwrap_or_default(),
        note: cb.note.clone(),
        state: state_label(c.state, lang),
        seconds_left: c.seconds_left,
        outcome: cb.outcome.as_deref().map(|o| outcome_label(o, lang)),
        outcome_at: cb.outcome_at.clone(),
    }
}

fn deadline_view(
    d: &reachright_engine::Deadline,
    tickets: &[TicketRow],
    profile: &PlatformProfile,
    lang: Lang,
) -> DeadlineView {
    let passed = d.seconds_left <= 0;
    let days = profile.ticket_sla_business_days;
    let (label, hint) = match d.kind {
        DeadlineKind::RechargeWindow => (
            lang.pick("充值失败申报期限", "Recharge failure report window")
                .to_string(),
            if passed {
                texts::recharge_passed(profile.recharge_window_hours, lang)
            } else {
                lang.pick(
                    "请在期限前联系平台并保留付款截图;到期前会提醒您。",
                    "Contact the platform before it ends and keep the payment screenshot; you will be reminded before it ends.",
                )
                .to_string()
            },
        ),
        DeadlineKind::TicketSla => {
            let remote = tickets
                .iter()
                .find(|t| Some(t.id) == d.ticket_id)
                .map_or("", |t| t.remote_id.as_str());
            (
                lang.fill(
                    "工单 {days} 个工作日处理期限",
                    "Ticket answer due ({days} business days)",
                    &[("days", &days)],
                ),
                if passed {
                    texts::sla_passed(remote, days, lang)
                } else {
                    lang.pick(
                        "平台应在期限内答复;到期前一天会提醒您。",
                        "The platform should answer by then; you will be reminded a day before.",
                    )
                    .to_string()
                },
            )
        }
    };
    DeadlineView {
        kind: Labeled::new(d.kind, label),
        ticket_id: d.ticket_id,
        due_at: d.due_at.clone(),
        warn_at: d.warn_at.clone(),
        seconds_left: d.seconds_left,
        passed,
        hint,
    }
}

/// The tracking section of the case page.
pub fn case_panel(call: &Call<'_>, case_id: &str) -> Result<TrackingPanel> {
    let now = utc(call.now);
    let profile = profile_of(call.store, case_id)?;
    let tickets = call.store.tickets_for_case(case_id)?;
    let mut callbacks: Vec<CallbackView> = call
        .store
        .callbacks(case_id)?
        .iter()
        .map(|c| callback_view(c, now, call.lang))
        .collect();
    callbacks.sort_by(|a, b| b.requested_at.cmp(&a.requested_at).then(b.id.cmp(&a.id)));
    let mut deadlines: Vec<DeadlineView> = case_deadlines(call.store, case_id, now)?
        .iter()
        .map(|d| deadline_view(d, &tickets, &profile, call.lang))
        .collect();
    deadlines.sort_by(|a, b| a.due_at.cmp(&b.due_at));
    Ok(TrackingPanel {
        case_id: case_id.to_string(),
        tickets: tickets
            .iter()
            .map(|t| ticket_view(call, t))
            .collect::<Result<_>>()?,
        callbacks,
        deadlines,
        helpdesks: helpdesks::list(call)?,
        manual_statuses: MANUAL_STATUSES
            .iter()
            .map(|s| coded(s, &texts::status_label(s, call.lang)))
            .collect(),
        callback_outcomes: reachright_store::CALLBACK_OUTCOMES
            .iter()
            .map(|o| outcome_label(o, call.lang))
            .collect(),
        vip_callback_minutes: profile.vip_callback_minutes,
        max_promise_minutes: u32::try_from(MAX_PROMISE.num_minutes()).unwrap_or(u32::MAX),
        callback_minutes: profile.vip_response_hours.saturating_mul(60),
    })
}
