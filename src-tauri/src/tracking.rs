//! The tracking commands: helpdesks, a case's tracking panel, tickets, callbacks, order watches,
//! the notification list and its preferences. Each is one call into `reachright-api (tracking)`;
//! commands that add something the tracker must watch wake its loop ([`AppState::wake_tracker`])
//! so the new deadline or poll is scheduled at once rather than at the next 10-minute wake.

use reachright_api::models::CaseDetail;
use reachright_api::tracking::*;
use reachright_api::tracking::{callbacks, helpdesks, notifications, orders, panel, tickets};
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

type St<'a> = State<'a, AppState>;

/// The keychain may not be chosen yet when a helpdesk command comes before the tracker loop's
/// first pass: set it up here (idempotent). Without one, the command's own `keychain` error
/// says so; manual helpdesks need none.
fn keychain() {
    let _ = crate::background::ensure_keychain();
}

#[tauri::command(async)]
pub fn helpdesk_list(state: St) -> Result<Vec<HelpdeskView>> {
    keychain();
    Ok(helpdesks::list(&state.call())?)
}

/// The token in `input` goes to the OS keychain only.
#[tauri::command(async)]
pub fn helpdesk_add(state: St, input: HelpdeskForm) -> Result<HelpdeskView> {
    keychain();
    let view = helpdesks::add(&state.call(), &input)?;
    state.wake_tracker();
    Ok(view)
}

#[tauri::command(async)]
pub fn helpdesk_remove(state: St, name: String) -> Result<()> {
    keychain();
    Ok(helpdesks::remove(&state.store, &name)?)
}

#[tauri::command(async)]
pub fn tracking_panel(state: St, case_id: String) -> Result<TrackingPanel> {
    Ok(panel::case_panel(&state.call(), &case_id)?)
}

/// Opens the case's ticket through the helpdesk, with its evidence attached when the vault is open.
#[tauri::command]
pub async fn ticket_create(
    state: St<'_>,
    case_id: String,
    helpdesk: String,
) -> Result<TicketCreated> {
    let vault = state.vault().ok();
    let out = tickets::create(&state.call(), vault.as_deref(), &helpdesk, &case_id).await?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command]
pub async fn ticket_record(
    state: St<'_>,
    case_id: String,
    input: ManualTicketForm,
) -> Result<TicketView> {
    let out = tickets::record_manual(&state.call(), &case_id, &input).await?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn ticket_set_status(state: St, ticket_id: i64, status: String) -> Result<TicketView> {
    let out = tickets::set_status(&state.call(), ticket_id, &status)?;
    state.wake_tracker();
    Ok(out)
}

/// Check a stopped ticket again now ("重新检查").
#[tauri::command(async)]
pub fn ticket_resume(state: St, ticket_id: i64) -> Result<TicketView> {
    let out = tickets::resume(&state.call(), ticket_id)?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn callback_request(state: St, case_id: String, input: CallbackForm) -> Result<CallbackView> {
    let out = callbacks::request(&state.call(), &case_id, &input)?;
    state.wake_tracker();
    Ok(out)
}

/// "等待回电" from the home screen: opens a case for the wait and starts the countdown.
#[tauri::command(async)]
pub fn callback_await(
    state: St,
    platform_id: Option<String>,
    input: CallbackForm,
) -> Result<AwaitedCall> {
    let out = callbacks::await_call(&state.call(), platform_id.as_deref(), &input)?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn callback_outcome(
    state: St,
    callback_id: i64,
    outcome: String,
    note: String,
) -> Result<CallbackView> {
    let out = callbacks::log_outcome(&state.call(), callback_id, &outcome, &note)?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn order_watch_list(state: St) -> Result<Vec<OrderWatchView>> {
    Ok(orders::list(&state.call())?)
}

#[tauri::command(async)]
pub fn order_watch_add(state: St, input: OrderWatchForm) -> Result<OrderWatchView> {
    let out = orders::watch(&state.call(), &input)?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn order_watch_confirm(state: St, id: i64) -> Result<OrderWatchView> {
    let out = orders::confirm(&state.call(), id)?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn order_watch_dismiss(state: St, id: i64) -> Result<OrderWatchView> {
    let out = orders::dismiss(&state.call(), id)?;
    state.wake_tracker();
    Ok(out)
}

/// A case pre-filled with the order; the watch ends.
#[tauri::command(async)]
pub fn order_watch_open_case(state: St, id: i64) -> Result<CaseDetail> {
    let out = orders::open_case(&state.call(), id)?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn notification_list(state: St) -> Result<NotificationList> {
    Ok(notifications::list(&state.call())?)
}

#[tauri::command(async)]
pub fn notification_unread(state: St) -> Result<u32> {
    Ok(notifications::unread(&state.store)?)
}

/// Marks one read; answers the unread count.
#[tauri::command(async)]
pub fn notification_read(state: St, id: i64) -> Result<u32> {
    Ok(notifications::mark_read(&state.store, id)?)
}

#[tauri::command(async)]
pub fn notification_read_all(state: St) -> Result<u32> {
    Ok(notifications::mark_all_read(&state.store)?)
}

#[tauri::command(async)]
pub fn notify_prefs_get(state: St) -> Result<NotifyPrefs> {
    Ok(notifications::prefs(&state.call())?)
}

/// The codes of the kinds shown as OS notifications (all stay in the in-app list).
#[tauri::command(async)]
pub fn notify_prefs_save(state: St, kinds: Vec<String>) -> Result<NotifyPrefs> {
    Ok(notifications::save_prefs(&state.call(), &kinds)?)
}
