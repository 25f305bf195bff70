//! "They promised to call back within 10 minutes": logged with the promise (typed, or the
//! platform profile's for the channel), counted down on the case and in the tray, closed with
//! the call's outcome on the timeline.

use crate::tracking::models::{AwaitedCall, CallbackForm, CallbackView};
use crate::Call;
use crate::{stamp, Status};
use chrono::Duration;
use reachright_engine::callbacks;

use crate::error::{Error, Result};
use crate::tracking::panel::callback_view;
use crate::tracking::{moment, utc};

pub fn request(call: &Call<'_>, case_id: &str, form: &CallbackForm) -> Result<CallbackView> {
    let channel = form.channel.trim();
    if channel.is_empty() {
        return Err(Error::invalid(
            "channel",
            "choose who promised the callback",
        ));
    }
    let requested_at = moment("requested_at", &form.requested_at, call.now)?;
    let promise = form
        .promise_minutes
        .map(|m| Duration::minutes(i64::from(m)));
    let row = callbacks::request(
        call.store,
        case_id,
        channel,
        requested_at,
        promise,
        form.note.trim(),
    )?;
    Ok(callback_view(&row, utc(call.now), call.lang))
}

/// "Waiting for a callback" from the home screen: the platform and the promise are enough. A case
/// titled after the wait is opened (status `waiting`) so the countdown, the tray and the reminder
/// start now; the story can be added to it later. A form the callback would refuse opens nothing.
pub fn await_call(
    call: &Call<'_>,
    platform_id: Option<&str>,
    form: &CallbackForm,
) -> Result<AwaitedCall> {
    if form.channel.trim().is_empty() {
        return Err(Error::invalid(
            "channel",
            "choose who promised the callback",
        ));
    }
    moment("requested_at", &form.requested_at, call.now)?;
    let platform_id = platform_id.map(str::trim).filter(|p| !p.is_empty());
    let case = reachright_domain::record::create_awaiting_call(
        call.store,
        platform_id.map(String::from),
        call.now,
        call.lang,
    )?;
    let opened = call
        .store
        .set_status(&case.id, Status::Waiting.code(), &stamp(call.now))
        .map_err(Error::from)
        .and_then(|_| request(call, &case.id, form));
    match opened {
        Ok(callback) => Ok(AwaitedCall {
            case_id: case.id,
            callback,
        }),
        Err(e) => {
            // Nothing half-made: the case exists only for this callback.
            let _ = call.store.delete_case(&case.id);
            Err(e)
        }
    }
}

/// `called`, `missed` or `cancelled`, once.
pub fn log_outcome(call: &Call<'_>, id: i64, outcome: &str, note: &str) -> Result<CallbackView> {
    let row = callbacks::log_outcome(call.store, id, outcome.trim(), utc(call.now), note.trim())?;
    Ok(callback_view(&row, utc(call.now), call.lang))
}

/// The tray's line for the soonest callback still waiting: `回电倒计时 8 分钟 · 标题`, or
/// `回电已超时 3 分钟 · 标题`; `None` when none is waiting.
pub fn tray_line(call: &Call<'_>) -> Result<Option<String>> {
    let now = utc(call.now);
    let Some(next) = callbacks::waiting(call.store, now)?.into_iter().next() else {
        return Ok(None);
    };
    let title = call
        .store
        .get_case(&next.case_id)
        .map(|c| c.title)
        .unwrap_or_default();
    let title: String = title.chars().take(24).collect();
    let left = next.seconds_left;
    // Rounded up while waiting, so "0 minutes" is never shown before the time.
    let minutes = if left >= 0 {
        (left + 59) / 60
    } else {
        -left / 60
    };
    let span = reachright_engine::texts::span(minutes, call.lang);
    // The case's title is the user's: filled in, never converted.
    let values: &[(&str, &dyn std::fmt::Display)] = &[("span", &span), ("title", &title)];
    let line = if left >= 0 {
        call.lang.fill(
            "回电倒计时 {span} · {title}",
            "Callback in {span} · {title}",
            values,
        )
    } else {
        call.lang.fill(
            "回电已超时 {span} · {title}",
            "Callback late by {span} · {title}",
            values,
        )
    };
    Ok(Some(line))
}
