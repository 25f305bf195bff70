//! The user's helpdesks: list (never a token), add or update (the token goes to the OS keychain
//! and nowhere else), remove (refused while tickets use it; its token is forgotten).
//!
//! The process chose its keychain at start-up (`reachright_engine::secrets::use_os_keychain` in
//! the app, the mock store in tests); without one, adding an RT or Zendesk helpdesk fails with
//! `keychain` and nothing is stored.

use crate::models::Labeled;
use crate::tracking::models::{HelpdeskForm, HelpdeskView};
use crate::Call;
use chrono::{DateTime, FixedOffset};
use reachright_connectors::AnyHelpdesk;
use reachright_connectors::HelpdeskKind;
use reachright_core::Lang;
use reachright_engine::clock::stamp;
use reachright_engine::schedule::stop;
use reachright_engine::{desks, secrets};
use reachright_store::{HelpdeskRow, Store};

use crate::error::{Error, Result};
use crate::tracking::utc;

pub fn kind_label(kind: HelpdeskKind, lang: Lang) -> Labeled<HelpdeskKind> {
    let label = match kind {
        HelpdeskKind::Rt => "Request Tracker",
        HelpdeskKind::Zendesk => "Zendesk",
        HelpdeskKind::Manual => lang.pick("手动记录", "Manual"),
    };
    Labeled::new(kind, label)
}

/// A stored helpdesk's kind; the schema allows only the three, so an unknown code (a newer
/// version's) reads as a manual one, which sends nothing anywhere.
pub fn kind_of(code: &str) -> HelpdeskKind {
    HelpdeskKind::parse(code).unwrap_or(HelpdeskKind::Manual)
}

fn view(store: &Store, row: &HelpdeskRow, lang: Lang) -> Result<HelpdeskView> {
    let needs_token = desks::needs_token(row);
    let token_saved = if needs_token {
        // A token saved for another address counts as missing: it is not sent there.
        match secrets::token_for(&row.name, &row.url) {
            Ok(t) => Some(t.is_some()),
            Err(reachright_engine::Error::TokenOrigin { .. }) => Some(false),
            Err(_) => None,
        }
    } else {
        None
    };
    let tickets = store
        .all_tickets()?
        .iter()
        .filter(|t| t.helpdesk == row.name)
        .count();
    Ok(HelpdeskView {
        name: row.name.clone(),
        kind: kind_label(kind_of(&row.kind), lang),
        url: row.url.clone(),
        queue: row.queue.clone(),
        email: row.email.clone(),
        created_at: row.created_at.clone(),
        needs_token,
        token_saved,
        tickets: u32::try_from(tickets).unwrap_or(u32::MAX),
    })
}

/// Every helpdesk, by name.
pub fn list(call: &Call<'_>) -> Result<Vec<HelpdeskView>> {
    call.store
        .helpdesks()?
        .iter()
        .map(|h| view(call.store, h, call.lang))
        .collect()
}

fn blank_to_none(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Add a helpdesk, or update the one of that name. For `rt`/`zendesk` the token is required
/// unless one is already saved; it is checked with the connector, then written to the
/// keychain before the row, so a refused keychain leaves nothing behind.
pub fn add(call: &Call<'_>, form: &HelpdeskForm) -> Result<HelpdeskView> {
    let row = HelpdeskRow {
        name: form.name.trim().to_string(),
        kind: form.kind.trim().to_string(),
        url: form.url.trim().trim_end_matches('/').to_string(),
        queue: blank_to_none(form.queue.clone()),
        email: blank_to_none(form.email.clone()),
        created_at: stamp(utc(call.now)),
    };
    // The configuration first, before any secret is touched.
    row.check()?;
    let config = desks::config_of(&row)?;
    let token = form
        .token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if desks::needs_token(&row) {
        match token {
            Some(token) => {
                AnyHelpdesk::from_config(&config, Some(token))?;
                let existed = call.store.helpdesk(&row.name).is_ok();
                secrets::save_token(&row.name, &row.url, token)?;
                if let Err(e) = call.store.save_helpdesk(&row) {
                    if !existed {
                        let _ = secrets::delete_token(&row.name);
                    }
                    return Err(e.into());
                }
            }
            None => {
                // The token stays only if the address keeps its origin: an older, unbound token
                // counts as given for the address on record before this edit.
                if let Ok(before) = call.store.helpdesk(&row.name) {
                    secrets::bind_unbound(&row.name, &before.url)?;
                }
                if secrets::token_for(&row.name, &row.url)?.is_none() {
                    return Err(Error::invalid(
                        "token",
                        "this helpdesk needs a token (API key); it is kept in the system keychain only",
                    ));
                }
                call.store.save_helpdesk(&row)?;
            }
        }
    } else {
        call.store.save_helpdesk(&row)?;
    }
    resume_stopped(call.store, &row.name, &row.created_at)?;
    view(call.store, &call.store.helpdesk(&row.name)?, call.lang)
}

/// After the helpdesk's settings were saved (a new token, or a corrected address or queue
/// without re-entering the token), its tickets stopped on refused credentials, a ticket not
/// found or a refused request get another chance from `at`. Closed tickets stay stopped.
fn resume_stopped(store: &Store, name: &str, at: &str) -> Result<()> {
    store.resume_helpdesk(name, at)?;
    for t in store.all_tickets()? {
        if t.helpdesk == name
            && matches!(t.stopped.as_deref(), Some(stop::NOT_FOUND | stop::INVALID))
        {
            store.resume_ticket(t.id, at)?;
        }
    }
    Ok(())
}

/// Remove a helpdesk no ticket uses, and forget its token.
pub fn remove(store: &Store, name: &str) -> Result<()> {
    let row = store.helpdesk(name)?;
    store.delete_helpdesk(name)?;
    if desks::needs_token(&row) {
        secrets::delete_token(name)?;
    }
    Ok(())
}

/// The built-in manual helpdesk (`manual`) that ticket numbers typed by hand are kept under.
pub const BUILTIN_MANUAL: &str = "manual";

pub(crate) fn ensure_builtin_manual(store: &Store, now: DateTime<FixedOffset>) -> Result<()> {
    if store.helpdesk(BUILTIN_MANUAL).is_err() {
        store.save_helpdesk(&HelpdeskRow {
            name: BUILTIN_MANUAL.into(),
            kind: "manual".into(),
            url: String::new(),
            queue: None,
            email: None,
            created_at: stamp(utc(now)),
        })?;
    }
    Ok(())
}
