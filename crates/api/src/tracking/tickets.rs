//! Opening a case's ticket: the composer's subject (`订单号-问题类型-紧急程度`) and ticket text
//! (as `reachright_engine::tickets` composes them), with the case's evidence decrypted from the
//! vault and attached — at most [`MAX_ATTACHMENTS_BYTES`] in all; files that do not fit, cannot
//! be read, or a locked vault are reported by name instead of failing the ticket. Photos and
//! videos go through the export's location removal first: a file whose location could not be
//! removed is not sent to the helpdesk (it is listed, with why). Also: a ticket
//! number typed by hand (a manual helpdesk) and its status set by hand.

use crate::tracking::models::{ManualTicketForm, SkippedAttachment, TicketCreated, TicketView};
use crate::Call;
use reachright_connectors::{
    AnyHelpdesk, Attachment, Attempt, Helpdesk, Manual, NewTicket as RemoteTicket,
};
use reachright_core::Lang;
use reachright_engine::clock::stamp;
use reachright_engine::schedule::ACTIVE_INTERVAL;
use reachright_engine::{desks, tickets as composer};
use reachright_store::{NewTicket, Store};
use reachright_vault::{Location, Vault};

use crate::error::{Error, Result};
use crate::tracking::helpdesks::{ensure_builtin_manual, BUILTIN_MANUAL};
use crate::tracking::panel::{ticket_view, MANUAL_STATUSES};
use crate::tracking::utc;

/// The most evidence attached to one ticket (helpdesks refuse larger mails/uploads).
pub const MAX_ATTACHMENTS_BYTES: u64 = 20 * 1024 * 1024;

/// The case's evidence as attachments, made ready to leave the machine.
#[derive(Debug, Default)]
pub struct Attachments {
    pub files: Vec<Attachment>,
    /// What was left out and why.
    pub skipped: Vec<SkippedAttachment>,
    /// The attached photos whose location data was removed, by name.
    pub location_removed: Vec<String>,
}

/// The case's evidence as attachments, oldest first, within the total, location data removed
/// from photos; what was left out and why.
pub fn attachments(vault: Option<&Vault>, case_id: &str, lang: Lang) -> Result<Attachments> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let mut location_removed = Vec::new();
    let Some(vault) = vault else {
        return Ok(Attachments::default());
    };
    let mut total: u64 = 0;
    for item in vault.list(case_id)? {
        let size = u64::try_from(item.size).unwrap_or(u64::MAX);
        if total.saturating_add(size) > MAX_ATTACHMENTS_BYTES {
            skipped.push(SkippedAttachment {
                name: item.original_name.clone(),
                code: "too_large".into(),
                reason: lang
                    .pick(
                        "附件合计超过 20 MB,这个文件没有附上;可以导出证据包另行发送。",
                        "Over the 20 MB total for attachments: not attached; export the evidence and send it separately.",
                    )
                    .into(),
            });
            continue;
        }
        match vault.read(&item.id) {
            Ok((row, bytes)) => {
                // The same removal, and the same fail-closed rule, as the export's.
                let stripped = reachright_vault::remove_location(&bytes, &row.media_type);
                let bytes = match stripped.location {
                    Location::NotRemoved => {
                        skipped.push(location_not_removed(
                            &row.original_name,
                            stripped.note,
                            lang,
                        ));
                        continue;
                    }
                    Location::Removed => {
                        location_removed.push(row.original_name.clone());
                        stripped.bytes.unwrap_or(bytes)
                    }
                    _ => bytes,
                };
                total += bytes.len() as u64;
                out.push(Attachment {
                    file_name: row.original_name,
                    content_type: row.media_type,
                    bytes,
                });
            }
            Err(e) => skipped.push(SkippedAttachment {
                name: item.original_name.clone(),
                code: "unreadable".into(),
                reason: e.to_string(),
            }),
        }
    }
    Ok(Attachments {
        files: out,
        skipped,
        location_removed,
    })
}

/// The vault's reason (its own sentence, so it is converted for Traditional Chinese).
fn note_in(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::ZhHant => reachright_core::hant::convert(zh).into_owned(),
        Lang::En => en.to_string(),
    }
}

/// A photo or video not sent because its location could not be removed; `note` is the vault's
/// reason, Chinese then English (`中文 · English`).
fn location_not_removed(name: &str, note: Option<&str>, lang: Lang) -> SkippedAttachment {
    let (zh, en) = note
        .and_then(|n| n.split_once(" · "))
        .unwrap_or(("无法确认", "it could not be checked"));
    SkippedAttachment {
        name: name.into(),
        code: "location_not_removed".into(),
        reason: lang.fill(
            "无法移除位置信息({note}),没有附上;如确认可以公开拍摄地点,请导出证据包另行发送。",
            "Location data could not be removed ({note}): not attached; if it may show where it was taken, export the evidence and send it yourself.",
            &[("note", &note_in(lang, zh, en))],
        ),
    }
}

fn vault_locked(lang: Lang) -> SkippedAttachment {
    SkippedAttachment {
        name: String::new(),
        code: "vault_locked".into(),
        reason: lang
            .pick(
                "证据库未解锁,工单没有附上证据。",
                "The evidence vault is locked: no evidence was attached.",
            )
            .into(),
    }
}

/// Create the case's ticket on `desk` (the helpdesk stored as `helpdesk`) with its evidence, and
/// track it (first poll in 5 minutes; manual helpdesks are never polled).
pub async fn create_on<H: Helpdesk>(
    call: &Call<'_>,
    vault: Option<&Vault>,
    helpdesk: &str,
    desk: &H,
    case_id: &str,
) -> Result<TicketCreated> {
    let row = call.store.helpdesk(helpdesk)?;
    let now = utc(call.now);
    let (subject, body) = composer::compose(call.store, case_id, now, call.lang)?;
    let Attachments {
        files,
        mut skipped,
        location_removed,
    } = attachments(vault, case_id, call.lang)?;
    if vault.is_none() && row.kind != "manual" {
        skipped.push(vault_locked(call.lang));
    }
    let attached: Vec<String> = files.iter().map(|a| a.file_name.clone()).collect();
    // Written before the helpdesk is asked: if this attempt's answer is lost (a timeout, a
    // crash before the save below), the next attempt reuses the key and finds the ticket
    // instead of opening a second one. `add_ticket` removes the row with the ticket's save.
    // `since` is 10 minutes early: the helpdesk's clock may run behind this computer's, and a
    // look-up that starts too late would miss the ticket and open a second one.
    let since = now - chrono::Duration::minutes(10);
    let pending = call.store.begin_pending_ticket(
        case_id,
        helpdesk,
        &since.format("%Y-%m-%d %H:%M:%S").to_string(),
    )?;
    let attempt = Attempt {
        key: pending.key,
        since: pending.since,
        retry: pending.attempts > 0,
    };
    let created = desk
        .create_ticket_once(
            &RemoteTicket {
                subject: subject.clone(),
                body,
                requester: row.email.clone(),
                attachments: files,
            },
            &attempt,
        )
        .await?;
    let polled = row.kind != "manual";
    let t = call.store.add_ticket(&NewTicket {
        case_id: case_id.into(),
        helpdesk: helpdesk.into(),
        remote_id: created.id,
        url: created.url,
        subject,
        submitted_at: stamp(now),
        status: None,
        next_poll_at: polled.then(|| stamp(now + ACTIVE_INTERVAL)),
    })?;
    Ok(TicketCreated {
        ticket: ticket_view(call, &t)?,
        attached,
        skipped,
        location_removed,
    })
}

/// The helpdesk's connector, with its token from the keychain.
pub fn connect(store: &Store, helpdesk: &str) -> Result<AnyHelpdesk> {
    let row = store.helpdesk(helpdesk)?;
    if row.kind == "manual" {
        return Err(Error::invalid(
            "helpdesk",
            "a manual helpdesk cannot open tickets: record the ticket number the platform gave you",
        ));
    }
    desks::connect(&row)?.ok_or_else(|| {
        Error::Engine(reachright_engine::Error::Keychain(format!(
            "no token for helpdesk `{helpdesk}` in the keychain: add the helpdesk again with its token"
        )))
    })
}

/// [`create_on`] through the stored helpdesk's real connector.
pub async fn create(
    call: &Call<'_>,
    vault: Option<&Vault>,
    helpdesk: &str,
    case_id: &str,
) -> Result<TicketCreated> {
    let desk = connect(call.store, helpdesk)?;
    create_on(call, vault, helpdesk, &desk, case_id).await
}

/// A ticket the user opened elsewhere: its number under a manual helpdesk (the built-in `manual`
/// one unless named), with a first status. Never polled; reminders and the SLA still apply.
pub async fn record_manual(
    call: &Call<'_>,
    case_id: &str,
    form: &ManualTicketForm,
) -> Result<TicketView> {
    let remote_id = form.remote_id.trim();
    if remote_id.is_empty() {
        return Err(Error::invalid("remote_id", "enter the ticket number"));
    }
    let url = form.url.trim();
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::invalid("url", "must be an http(s) address"));
    }
    let helpdesk = match form.helpdesk.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => {
            if call.store.helpdesk(name)?.kind != "manual" {
                return Err(Error::invalid(
                    "helpdesk",
                    "this helpdesk is synced: create the ticket through it instead",
                ));
            }
            name.to_string()
        }
        _ => {
            ensure_builtin_manual(call.store, call.now)?;
            BUILTIN_MANUAL.to_string()
        }
    };
    let status = form.status.trim();
    let status = if status.is_empty() { "new" } else { status };
    if !MANUAL_STATUSES.contains(&status) {
        return Err(Error::invalid(
            "status",
            format!("must be one of {}", MANUAL_STATUSES.join(", ")),
        ));
    }
    let now = utc(call.now);
    let (subject, body) = composer::compose(call.store, case_id, now, call.lang)?;
    // The manual connector checks the typed number (one line, sane length).
    let created = Manual::with_ticket(remote_id)
        .create_ticket(&RemoteTicket {
            subject: subject.clone(),
            body,
            requester: None,
            attachments: Vec::new(),
        })
        .await?;
    let t = call.store.add_ticket(&NewTicket {
        case_id: case_id.into(),
        helpdesk,
        remote_id: created.id,
        url: (!url.is_empty()).then(|| url.to_string()),
        subject,
        submitted_at: stamp(now),
        status: Some(status.to_string()),
        next_poll_at: None,
    })?;
    ticket_view(call, &t)
}

/// Set a manual ticket's status by hand (logged on the timeline).
pub fn set_status(call: &Call<'_>, ticket_id: i64, status: &str) -> Result<TicketView> {
    let status = status.trim();
    if !MANUAL_STATUSES.contains(&status) {
        return Err(Error::invalid(
            "status",
            format!("must be one of {}", MANUAL_STATUSES.join(", ")),
        ));
    }
    let t = call.store.ticket(ticket_id)?;
    let kind = call
        .store
        .helpdesk(&t.helpdesk)
        .map(|h| h.kind)
        .unwrap_or_else(|_| "manual".into());
    if kind != "manual" {
        return Err(Error::invalid(
            "ticket",
            "this ticket's status comes from its helpdesk",
        ));
    }
    let t = call
        .store
        .set_ticket_status(ticket_id, status, &stamp(utc(call.now)))?;
    ticket_view(call, &t)
}

/// Check a ticket again now (the "重新检查" button of a ticket that stopped on refused
/// credentials, a ticket not found or a refused request): it is polled at the next pass with a
/// fresh failure count, and its problem will be said again if it persists. A ticket tracked by
/// hand has no helpdesk to ask.
pub fn resume(call: &Call<'_>, ticket_id: i64) -> Result<TicketView> {
    let t = call.store.ticket(ticket_id)?;
    let kind = call
        .store
        .helpdesk(&t.helpdesk)
        .map(|h| h.kind)
        .unwrap_or_else(|_| "manual".into());
    if kind == "manual" {
        return Err(Error::invalid(
            "ticket",
            "this ticket is tracked by hand: there is no helpdesk to check",
        ));
    }
    let t = call.store.resume_ticket(ticket_id, &stamp(utc(call.now)))?;
    ticket_view(call, &t)
}
