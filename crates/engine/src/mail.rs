//! Watching the user's mailboxes for the platforms' answers, in the tracker's pass. Each
//! account with e-mails awaiting an answer is polled (every [`crate::schedule::ACTIVE_INTERVAL`],
//! backing off on failure with the tickets' [`crate::schedule::backoff`], within a share of the
//! pass's budget): new INBOX messages are matched by their headers alone
//! ([`reachright_mail::matching`]); only a match is fetched whole (with `BODY.PEEK`, so nothing
//! is marked read), recorded on its case once (store's `mail_answers`), and notified with the
//! case's name and the answer's first line. Unmatched mail is never fetched or touched. An
//! answer's attachments go into the evidence vault ([`crate::mail_files`]).

use chrono::{DateTime, Duration, Utc};
use reachright_core::Lang;
use reachright_mail::matching::{answered, Sent};
use reachright_mail::{imap, parse, Account, Endpoint, Security};
use reachright_store::{MailAccountRow, MailPoll, NewEvent, NewMailAnswer, NotificationRow, Store};
use serde::Serialize;

use crate::clock::{parse as parse_time, stamp};
use crate::error::Result;
use crate::mail_files::{self, VaultSource};
use crate::notify::{first_line, note, Kind};
use crate::schedule::{backoff, seed, ACTIVE_INTERVAL, BACKOFF_MAX};
use crate::secrets;
use crate::sync::DESK_SHARE;
use crate::texts::{self, Said};

/// An answer larger than this is recorded without its body (the mailbox keeps it): a 50 MB
/// message is not pulled into memory on every machine that tracks it.
pub const MAX_ANSWER_BYTES: u32 = 25 * 1024 * 1024;

/// The most new messages looked at per account and pass (the rest in the next pass).
pub const MAX_MESSAGES_PER_POLL: usize = 500;

/// Answers are looked for this long after an e-mail was sent.
pub const WATCH_DAYS: i64 = 60;

const NOTIFICATION_CHARS: usize = 120;

/// One answer; serialises as the CLI's JSON line `{"case","kind":"reply","channel":"email","text"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailChange {
    pub case: String,
    pub kind: &'static str,
    pub channel: &'static str,
    pub text: String,
}

/// What the mail part of a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailReport {
    pub changes: Vec<MailChange>,
    pub notifications: Vec<NotificationRow>,
    pub polled: usize,
    pub failed: usize,
    pub next_wake: Option<DateTime<Utc>>,
}

/// The stored row as an account (its checks run again: a row edited by hand to `plain` over
/// the network is refused here too).
pub fn account_of(row: &MailAccountRow) -> reachright_mail::Result<Account> {
    let mut a = Account::new(
        &row.name,
        &row.email,
        Endpoint::new("imap", &row.imap_host, row.imap_port)?,
        Endpoint::new("smtp", &row.smtp_host, row.smtp_port)?,
        Security::parse(&row.security)?,
    )?;
    a.server_keeps_sent = row.keeps_sent;
    Ok(a)
}

/// The mailboxes with e-mails sent from them, whose answers are watched for.
pub fn watched_accounts(store: &Store) -> Result<Vec<MailAccountRow>> {
    let mut out = Vec::new();
    for row in store.mail_accounts()? {
        if !store.mail_sent_from(&row.name)?.is_empty() {
            out.push(row);
        }
    }
    Ok(out)
}

/// Whether some mailbox has e-mails awaiting answers (its password will be needed).
pub fn watching(store: &Store) -> Result<bool> {
    Ok(!watched_accounts(store)?.is_empty())
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Poll every account that is due. `keychain`: whether passwords can be read now; `vault`: the
/// evidence vault, asked for only when an answer brought attachments.
pub fn mail_once(
    store: &Store,
    now: DateTime<Utc>,
    lang: Lang,
    keychain: bool,
    vault: VaultSource<'_>,
) -> Result<MailReport> {
    let mut report = MailReport::default();
    for row in store.mail_accounts()? {
        let sent: Vec<_> = store
            .mail_sent_from(&row.name)?
            .into_iter()
            .filter(|s| {
                parse_time(&s.created_at).is_some_and(|t| now - t < Duration::days(WATCH_DAYS))
            })
            .collect();
        if sent.is_empty() {
            continue;
        }
        let due = row
            .next_poll_at
            .as_deref()
            .and_then(parse_time)
            .unwrap_or(now);
        if due > now {
            report.next_wake = earliest(report.next_wake, Some(due));
            continue;
        }
        if !keychain {
            continue;
        }
        report.polled += 1;
        let since = sent
            .iter()
            .filter_map(|s| parse_time(&s.created_at))
            .min()
            .unwrap_or(now)
            - Duration::days(1);
        let outcome = poll_account(store, &row, &sent, since, now, lang, vault, &mut report);
        let poll = match outcome {
            Ok((uid_validity, last_uid)) => MailPoll {
                uid_validity: Some(uid_validity),
                last_uid,
                next_poll_at: Some(stamp(now + ACTIVE_INTERVAL)),
                failures: 0,
                last_error: None,
            },
            Err(code) => {
                report.failed += 1;
                let failures = row.failures.saturating_add(1);
                let wait = backoff(
                    failures,
                    BACKOFF_MAX,
                    seed(row.created_at.len() as i64, now),
                );
                tracing::warn!(code, "a mailbox could not be read");
                MailPoll {
                    uid_validity: row.uid_validity,
                    last_uid: row.last_uid,
                    next_poll_at: Some(stamp(now + wait)),
                    failures,
                    last_error: Some(code.to_string()),
                }
            }
        };
        report.next_wake = earliest(
            report.next_wake,
            poll.next_poll_at.as_deref().and_then(parse_time),
        );
        store.set_mail_poll(&row.name, &poll)?;
    }
    Ok(report)
}

/// One account: new messages matched, answers recorded, their attachments kept (and those of
/// earlier answers that waited for the vault). The new (UIDVALIDITY, last UID), or the
/// failure's stable code.
#[allow(clippy::too_many_arguments)]
fn poll_account(
    store: &Store,
    row: &MailAccountRow,
    sent: &[reachright_store::MailSentRow],
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    lang: Lang,
    vault: VaultSource<'_>,
    report: &mut MailReport,
) -> std::result::Result<(u32, u32), &'static str> {
    // Asked once per poll, and only when an attachment is to be kept.
    let mut opened: Option<Option<std::sync::Arc<reachright_vault::Vault>>> = None;
    let mut vault_now = || opened.get_or_insert_with(vault).clone();
    let account = account_of(row).map_err(|e| e.code())?;
    let password = secrets::mail_password(&row.name, &row.email, &row.imap_host)
        .map_err(|e| e.code())?
        .ok_or("mail_no_password")?;
    let mut session = imap::connect(&account, &password).map_err(|e| e.code())?;
    let inbox = session.examine(imap::INBOX).map_err(|e| e.code())?;
    // Another UIDVALIDITY: the server renumbered the folder; look at everything since `since`
    // again (answers already reported are recognised by their Message-ID).
    let after = if row.uid_validity == Some(inbox.uid_validity) {
        row.last_uid
    } else {
        0
    };
    let mut uids = session
        .uids_after(after, &imap::imap_date(since))
        .map_err(|e| e.code())?;
    uids.truncate(MAX_MESSAGES_PER_POLL);
    let watched: Vec<Sent> = sent
        .iter()
        .map(|s| Sent {
            case_id: s.case_id.clone(),
            message_id: s.message_id.clone(),
            to: s.to_addr.clone(),
            subject: s.subject.clone(),
        })
        .collect();
    let started = std::time::Instant::now();
    let share = DESK_SHARE.to_std().unwrap_or_default();
    let mut last = after;
    for (uid, size, header) in session.headers(&uids).map_err(|e| e.code())? {
        if started.elapsed() > share {
            break;
        }
        last = last.max(uid);
        let Ok(head) = parse::head(&header) else {
            continue;
        };
        let Some((matched, how)) = answered(&head, &watched) else {
            continue;
        };
        let key = head
            .message_id
            .clone()
            .unwrap_or_else(|| format!("uid:{}:{uid}", inbox.uid_validity));
        if store
            .mail_answer_seen(&row.name, &key)
            .map_err(|_| "store")?
        {
            continue;
        }
        let body = body_of(&mut session, uid, size, lang).map_err(|e| e.code())?;
        let sent_row = sent.iter().find(|s| s.message_id == matched.message_id);
        let names: Vec<String> = body.files.iter().map(|f| f.name.clone()).collect();
        let answer = record(
            store,
            &Recorded {
                account: &row.name,
                case_id: &matched.case_id,
                sent_id: sent_row.map(|s| s.id),
                message_id: &key,
                at: (inbox.uid_validity, uid),
                head: &head,
                how: how.code(),
                files: names,
            },
            body.text,
            body.extra,
            now,
            lang,
            report,
        )
        .map_err(|_| "store")?;
        if let (Some(answer_id), false) = (answer, body.files.is_empty()) {
            if let Some(v) = vault_now() {
                let waiting: Vec<_> = store
                    .mail_files_waiting(&row.name)
                    .map_err(|_| "store")?
                    .into_iter()
                    .filter(|f| f.answer_id == answer_id)
                    .collect();
                mail_files::keep_from(store, &v, &waiting, &body.files, lang, now)
                    .map_err(|_| "store")?;
            }
        }
    }
    // Attachments of earlier answers that waited for the vault.
    let waiting = store.mail_files_waiting(&row.name).map_err(|_| "store")?;
    if !waiting.is_empty() {
        if let Some(v) = vault_now() {
            mail_files::catch_up(
                store,
                &mut session,
                inbox.uid_validity,
                &waiting,
                &v,
                lang,
                now,
            )
            .map_err(|_| "store")?;
        }
    }
    session.logout();
    // The next poll starts after the last message looked at; with no new message it stays.
    let last = if uids.is_empty() { after } else { last };
    Ok((inbox.uid_validity, last))
}

/// An answer as read: its text, what to keep with it on the timeline (attachment names, an
/// unknown charset, why the text is missing) and its attachments.
struct Body {
    text: String,
    extra: serde_json::Value,
    files: Vec<reachright_mail::compose::Evidence>,
}

/// The answer's text and attachments. A message we cannot read is recorded with that said,
/// never dropped.
fn body_of(
    session: &mut imap::Imap,
    uid: u32,
    size: u32,
    lang: Lang,
) -> reachright_mail::Result<Body> {
    let said = |text: String, extra: serde_json::Value| Body {
        text,
        extra,
        files: Vec::new(),
    };
    if size > MAX_ANSWER_BYTES {
        let mb = f64::from(size) / (1024.0 * 1024.0);
        return Ok(said(
            lang.fill(
                "（这封回复有 {mb} MB，太大，没有读取正文；请在邮箱里查看。）",
                "(This answer is {mb} MB, too large to read here; open it in your mailbox.)",
                &[("mb", &format!("{mb:.0}"))],
            ),
            serde_json::json!({"too_large_bytes": size}),
        ));
    }
    let Some(raw) = session.message(uid)? else {
        return Ok(said(
            String::new(),
            serde_json::json!({"unreadable": "gone"}),
        ));
    };
    Ok(match parse::answer(&raw) {
        Ok(a) => {
            let names: Vec<&str> = a.attachments.iter().map(|x| x.name.as_str()).collect();
            let mut text = a.text.clone();
            if let Some(cs) = &a.unknown_charset {
                text = lang.fill(
                    "（这封回复的字符集 {cs} 无法识别，下面的文字可能有乱码；请在邮箱里查看原文。）\n{text}",
                    "(This answer's charset {cs} is unknown; the text below may be garbled: open it in your mailbox.)\n{text}",
                    &[("cs", cs), ("text", &a.text)],
                );
            }
            Body {
                text,
                extra: serde_json::json!({"attachments": names, "unknown_charset": a.unknown_charset}),
                files: a.attachments,
            }
        }
        Err(e) => said(
            lang.pick(
                "（这封回复的格式无法读取；请在邮箱里查看。）",
                "(This answer's format could not be read; open it in your mailbox.)",
            )
            .to_string(),
            serde_json::json!({"unreadable": e.code()}),
        ),
    })
}

/// Which answer is recorded, and where it is.
struct Recorded<'a> {
    account: &'a str,
    case_id: &'a str,
    sent_id: Option<i64>,
    message_id: &'a str,
    /// (UIDVALIDITY, UID) in the INBOX.
    at: (u32, u32),
    head: &'a parse::Head,
    how: &'a str,
    files: Vec<String>,
}

/// Record the answer once; its id when it was new.
fn record(
    store: &Store,
    r: &Recorded<'_>,
    text: String,
    extra: serde_json::Value,
    now: DateTime<Utc>,
    lang: Lang,
    report: &mut MailReport,
) -> Result<Option<i64>> {
    let Recorded {
        account,
        case_id,
        sent_id,
        message_id,
        head,
        how,
        ..
    } = *r;
    let at = stamp(now);
    let title = store.get_case(case_id)?.title;
    let from = head.from.clone().unwrap_or_default();
    let mut data = serde_json::json!({
        "account": account,
        "message_id": message_id,
        "from": from,
        "subject": head.subject,
        "matched_by": how,
    });
    if let (Some(d), Some(x)) = (data.as_object_mut(), extra.as_object()) {
        d.extend(x.clone());
    }
    let line = first_line(&text, NOTIFICATION_CHARS);
    let notification = note(
        Kind::StaffReply,
        now,
        Some(case_id),
        Said::same(&title),
        Said::new(lang, |l| texts::email_reply(&line, l)),
        data.clone(),
        None,
    );
    let recorded = store.record_mail_answer(&NewMailAnswer {
        case_id: case_id.into(),
        account: account.into(),
        message_id: message_id.into(),
        sent_id,
        from_addr: from,
        subject: head.subject.clone(),
        text: text.clone(),
        received_at: at.clone(),
        matched_by: how.into(),
        uid_validity: Some(r.at.0),
        uid: Some(r.at.1),
        files: r.files.clone(),
        event: NewEvent {
            at,
            kind: "email_reply".into(),
            summary: text.clone(),
            data_json: Some(data.to_string()),
        },
        notifications: vec![notification],
    })?;
    let Some((row, raised)) = recorded else {
        return Ok(None);
    };
    report.notifications.extend(raised);
    report.changes.push(MailChange {
        case: case_id.into(),
        kind: "reply",
        channel: "email",
        text,
    });
    Ok(Some(row.id))
}
