//! The in-app notification list (every notification is kept, read or not, because OS
//! notifications vanish) and the user's choice of which kinds reach the OS.

use crate::models::Labeled;
use crate::tracking::models::{NotificationList, NotificationView, NotifyKindPref, NotifyPrefs};
use crate::Call;
use reachright_core::Lang;
use reachright_engine::{texts, Kind, Prefs};
use reachright_store::{NotificationRow, Store};

use crate::error::{Error, Result};

/// How many the list shows.
pub const LIST_LIMIT: u32 = 200;

pub fn view(n: &NotificationRow, lang: Lang) -> NotificationView {
    // A kind this version does not know (a newer version wrote it) keeps its stored word as label.
    let kind = match Kind::parse(&n.kind) {
        Some(k) => Labeled::new(k, k.label(lang)),
        None => Labeled::new(Kind::StatusChange, n.kind.clone()),
    };
    let data: Option<serde_json::Value> = n
        .data_json
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok());
    NotificationView {
        id: n.id,
        at: n.at.clone(),
        kind,
        case_id: n.case_id.clone(),
        // In the language the user reads now, where both were kept; else as it was raised.
        title: said(data.as_ref(), "title", lang).unwrap_or_else(|| n.title.clone()),
        body: said(data.as_ref(), "body", lang).unwrap_or_else(|| n.body.clone()),
        read: n.read,
        order_watch_id: data
            .as_ref()
            .and_then(|d| d.get("order_watch_id"))
            .and_then(serde_json::Value::as_i64),
    }
}

fn said(data: Option<&serde_json::Value>, key: &str, lang: Lang) -> Option<String> {
    texts::kept(data?, key, lang).map(String::from)
}

/// Newest first, with the unread count.
pub fn list(call: &Call<'_>) -> Result<NotificationList> {
    Ok(NotificationList {
        items: call
            .store
            .notifications(LIST_LIMIT)?
            .iter()
            .map(|n| view(n, call.lang))
            .collect(),
        unread: call.store.unread_notifications()?,
    })
}

pub fn unread(store: &Store) -> Result<u32> {
    Ok(store.unread_notifications()?)
}

/// Mark one read; the unread count after it.
pub fn mark_read(store: &Store, id: i64) -> Result<u32> {
    store.mark_notification_read(id)?;
    unread(store)
}

pub fn mark_all_read(store: &Store) -> Result<u32> {
    store.mark_all_notifications_read()?;
    unread(store)
}

pub fn prefs_view(prefs: &Prefs, lang: Lang) -> NotifyPrefs {
    NotifyPrefs {
        kinds: Kind::ALL
            .into_iter()
            .map(|k| NotifyKindPref {
                code: k.code().into(),
                label: k.label(lang).into(),
                enabled: prefs.wants(k),
            })
            .collect(),
    }
}

pub fn prefs(call: &Call<'_>) -> Result<NotifyPrefs> {
    Ok(prefs_view(&Prefs::load(call.store)?, call.lang))
}

/// Save the kinds that reach the OS (codes); an unknown code is refused.
pub fn save_prefs(call: &Call<'_>, kinds: &[String]) -> Result<NotifyPrefs> {
    let mut enabled = std::collections::BTreeSet::new();
    for code in kinds {
        enabled.insert(Kind::parse(code).ok_or_else(|| {
            Error::invalid("kinds", format!("`{code}` is not a notification kind"))
        })?);
    }
    let p = Prefs { enabled };
    p.save(call.store)?;
    prefs(call)
}
