//! "They promised to call back within 10 minutes": logged with the promise (typed, or the
//! platform profile's for the channel), counted down on the case and in the tray, closed with
//! the call's outcome on the timeline.

use crate::tracking::models::{CallbackForm, CallbackView};
use crate::Call;
use chrono::Duration;
use reachright_core::Lang;
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
    let line = match (left >= 0, call.lang) {
        (true, Lang::Zh) => format!("回电倒计时 {span} · {title}"),
        (true, Lang::En) => format!("Callback in {span} · {title}"),
        (false, Lang::Zh) => format!("回电已超时 {span} · {title}"),
        (false, Lang::En) => format!("Callback late by {span} · {title}"),
    };
    Ok(Some(line))
}
