//! An answer's attachments into the evidence vault: they are the platform's own proof (a
//! refund receipt, a screenshot of the order), so they belong with the case like the user's.
//!
//! The answer's text is recorded at once, vault or not; its attachments are listed with it
//! (store's `mail_answer_files`). When the shell can open the vault now, each is kept from the
//! bytes already in hand; when it cannot (locked, no keychain), they wait, and a later pass with
//! the vault open reads the message again by its UID. An attachment the vault refuses (too large,
//! a broken or oversized picture) is marked with the reason and never retried; a failure of the
//! vault itself (disk full) leaves it waiting.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use reachright_core::Lang;
use reachright_mail::compose::Evidence;
use reachright_mail::{imap, parse};
use reachright_store::{MailFileRow, Store};
use reachright_vault::{ImportOptions, Source, Vault};

use crate::error::Result;

/// The evidence vault if the shell can open it now (asked only when an attachment waits).
pub type VaultSource<'a> = &'a dyn Fn() -> Option<Arc<Vault>>;

/// A shell that never keeps attachments (tests of other parts, tools without a vault).
pub fn no_vault() -> Option<Arc<Vault>> {
    None
}

/// Vault errors that are about the file itself: keeping it again would fail again.
const REFUSALS: &[&str] = &[
    "too_large",
    "unreadable",
    "image_too_large",
    "bad_image",
    "invalid",
];

/// What keeping an answer's files did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub kept: usize,
    pub refused: usize,
}

/// Keep the waiting files of answer `answer_id` from its parsed attachments (by position).
pub fn keep_from(
    store: &Store,
    vault: &Vault,
    waiting: &[MailFileRow],
    attachments: &[Evidence],
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Kept> {
    let mut done = Kept::default();
    for f in waiting {
        let outcome = match attachments.get(f.position as usize) {
            Some(a) => keep_one(vault, f, a, lang, now),
            // The message no longer holds it (edited on the server?): say so, once.
            None => Err("mail_attachment_gone".to_string()),
        };
        match outcome {
            Ok(id) => {
                store.settle_mail_file(f.id, Ok(&id))?;
                done.kept += 1;
            }
            Err(code) if REFUSALS.contains(&code.as_str()) || code == "mail_attachment_gone" => {
                store.settle_mail_file(f.id, Err(&code))?;
                done.refused += 1;
            }
            Err(code) => {
                tracing::warn!(
                    code,
                    "an answer's attachment waits: the vault could not keep it now"
                );
            }
        }
    }
    Ok(done)
}

fn keep_one(
    vault: &Vault,
    f: &MailFileRow,
    a: &Evidence,
    lang: Lang,
    now: DateTime<Utc>,
) -> std::result::Result<String, String> {
    let opts = ImportOptions {
        kind: "chat".into(),
        caption: lang.fill(
            "平台邮件回复的附件：{subject}",
            "Attached to the platform's e-mail answer: {subject}",
            &[("subject", &f.subject)],
        ),
        thumbnails: true,
    };
    vault
        .import(
            &f.case_id,
            Source::Pasted {
                name: &f.name,
                bytes: &a.bytes,
            },
            &opts,
            now,
        )
        .map(|i| i.item.id)
        .map_err(|e| e.code().to_string())
}

/// The files of earlier answers that waited for the vault, read again from the open INBOX
/// (`uid_validity` is the folder's now: another value means the UIDs were renumbered and the
/// message cannot be found by them; the user still has it in the mailbox).
pub fn catch_up(
    store: &Store,
    session: &mut imap::Imap,
    uid_validity: u32,
    waiting: &[MailFileRow],
    vault: &Vault,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Kept> {
    let mut done = Kept::default();
    let mut answers: Vec<i64> = waiting.iter().map(|f| f.answer_id).collect();
    answers.dedup();
    for answer in answers {
        let files: Vec<MailFileRow> = waiting
            .iter()
            .filter(|f| f.answer_id == answer)
            .cloned()
            .collect();
        let at = files
            .first()
            .and_then(|f| f.uid.filter(|_| f.uid_validity == Some(uid_validity)));
        let message = match at {
            Some(uid) => match session.message(uid) {
                Ok(m) => m,
                // The connection failed: try in a later pass.
                Err(e) => {
                    tracing::warn!(code = e.code(), "an answer could not be read again");
                    break;
                }
            },
            None => None,
        };
        let attachments = message
            .and_then(|raw| parse::answer(&raw).ok())
            .map(|a| a.attachments)
            .unwrap_or_default();
        let k = keep_from(store, vault, &files, &attachments, lang, now)?;
        done.kept += k.kept;
        done.refused += k.refused;
    }
    Ok(done)
}
