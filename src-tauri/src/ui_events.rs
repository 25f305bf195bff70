//! What the shell tells the page without being asked ([`UiEvent`]: a tracker pass changed
//! something, a desktop notification was clicked, the window went to the tray), on one channel the
//! page opens at start with the `ui_events` command.
//!
//! Why a channel and not Tauri's events: registering an event listener (`listen`) makes the shell
//! run a script in the page, and WebKitGTK then starts a JavaScript engine in the app's own process
//! to hand back the script's result: 3 MB of the app's process for its whole life, 0.9 MB in all
//! once the page carries alone the engine's pages they had shared (`bench/smaps-diff.py`). A
//! channel is only an id until something is sent on it, so nothing of the kind runs before there
//! is news to tell.

use std::sync::{Mutex, PoisonError};

use reachright_api::tracking::UiEvent;
use tauri::ipc::Channel;
use tauri::State;

use crate::state::AppState;

/// The page's channel, once it has opened one.
#[derive(Default)]
pub struct UiEvents {
    page: Mutex<Option<Channel<UiEvent>>>,
}

impl UiEvents {
    /// Later events go to `channel`: a reloaded page opens a new one, which replaces the old.
    pub fn open(&self, channel: Channel<UiEvent>) {
        *self.page.lock().unwrap_or_else(PoisonError::into_inner) = Some(channel);
    }

    /// Tells the page; with no page listening yet the event is dropped, as an event nobody
    /// listens to would be (what it announces is also in the store, which the page reads).
    pub fn send(&self, event: UiEvent) {
        let page = self.page.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(channel) = page.as_ref() {
            if let Err(e) = channel.send(event) {
                tracing::warn!(error = %e, "the page was not told of an event");
            }
        }
    }
}

/// The page opens its channel for [`UiEvent`]s.
#[tauri::command]
pub fn ui_events(state: State<'_, AppState>, channel: Channel<UiEvent>) {
    state.ui_events.open(channel);
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachright_api::tracking::{TrackerChanged, TrayHint};
    use std::sync::Arc;
    use tauri::ipc::InvokeResponseBody;

    /// A channel that keeps what is sent on it, as JSON.
    fn recording() -> (Channel<UiEvent>, Arc<Mutex<Vec<serde_json::Value>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let kept = seen.clone();
        let channel = Channel::new(move |body| {
            let InvokeResponseBody::Json(json) = body else {
                panic!("an event is sent as JSON");
            };
            kept.lock()
                .unwrap()
                .push(serde_json::from_str(&json).unwrap());
            Ok(())
        });
        (channel, seen)
    }

    fn changed(unread: u32) -> UiEvent {
        UiEvent::TrackerChanged(TrackerChanged {
            unread,
            cases: vec!["c1".into()],
        })
    }

    #[test]
    fn an_event_reaches_the_page_tagged_by_kind() {
        let events = UiEvents::default();
        let (channel, seen) = recording();
        events.open(channel);
        events.send(changed(3));
        events.send(UiEvent::TrayHidden(TrayHint {
            text: "托盘".into(),
        }));
        let seen = seen.lock().unwrap();
        assert_eq!(
            *seen,
            vec![
                serde_json::json!({"kind": "tracker_changed", "unread": 3, "cases": ["c1"]}),
                serde_json::json!({"kind": "tray_hidden", "text": "托盘"}),
            ]
        );
    }

    #[test]
    fn before_the_page_listens_events_are_dropped_and_a_reload_takes_over() {
        let events = UiEvents::default();
        events.send(changed(1)); // no page yet: nothing to fail
        let (old, old_seen) = recording();
        events.open(old);
        let (new, new_seen) = recording();
        events.open(new);
        events.send(changed(2));
        assert!(old_seen.lock().unwrap().is_empty());
        assert_eq!(new_seen.lock().unwrap().len(), 1);
    }
}
