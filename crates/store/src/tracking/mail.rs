//! E-mail: the user's mailboxes (no password: that is in the keychain), the e-mails sent from a
//! case (pending before SMTP is asked, sent with its contact in one transaction), and the
//! answers already reported (once per account and Message-ID).

use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::history::{insert_contact, insert_event, validate_contact, validate_event};
use crate::rows::{ContactRow, NewContact, NewEvent};
use crate::store::{require_case, Store};
use crate::validate;

use super::notifications::{insert_notification, validate_notification};
use super::{by_key, list, one_of, NewNotification, NotificationRow};

pub const MAIL_SECURITIES: &[&str] = &["tls", "starttls", "plain"];

/// A mailbox and where the reading of its INBOX stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAccountRow {
    pub name: String,
    pub email: String,
    pub imap_host: String,
    pub imap_port: u16,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub security: String,
    pub keeps_sent: bool,
    pub created_at: String,
    pub uid_validity: Option<u32>,
    pub last_uid: u32,
    pub next_poll_at: Option<String>,
    pub failures: u32,
    pub last_error: Option<String>,
}

/// One e-mail sent (or being sent) from a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSentRow {
    pub id: i64,
    pub case_id: String,
    pub account: String,
    pub message_id: String,
    pub to_addr: String,
    pub subject: String,
    /// `pending` or `sent`.
    pub state: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub contact_id: Option<i64>,
}

/// A send about to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMailSent {
    pub case_id: String,
    pub account: String,
    pub message_id: String,
    pub to_addr: String,
    pub subject: String,
    pub created_at: String,
}

/// An answer reported on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAnswerRow {
    pub id: i64,
    pub case_id: String,
    pub account: String,
    pub message_id: String,
    pub sent_id: Option<i64>,
    pub from_addr: String,
    pub subject: String,
    pub text: String,
    pub received_at: String,
    pub matched_by: String,
}

/// An answer to record, with what it says on the timeline and in the notifications.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMailAnswer {
    pub case_id: String,
    pub account: String,
    pub message_id: String,
    pub sent_id: Option<i64>,
    pub from_addr: String,
    pub subject: String,
    pub text: String,
    pub received_at: String,
    pub matched_by: String,
    /// Where the message is in the INBOX (to read its attachments again later).
    pub uid_validity: Option<u32>,
    pub uid: Option<u32>,
    /// The names of its attachments, in order; each goes into the evidence vault
    /// ([`super::MailFileRow`]).
    pub files: Vec<String>,
    pub event: NewEvent,
    pub notifications: Vec<NewNotification>,
}

/// Where an account's reading stands after a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailPoll {
    pub uid_validity: Option<u32>,
    pub last_uid: u32,
    pub next_poll_at: Option<String>,
    pub failures: u32,
    pub last_error: Option<String>,
}

const ACCOUNT_COLUMNS: &str = "name, email, imap_host, imap_port, smtp_host, smtp_port, security, \
     keeps_sent, created_at, uid_validity, last_uid, next_poll_at, failures, last_error";
const SENT_COLUMNS: &str =
    "id, case_id, account, message_id, to_addr, subject, state, created_at, sent_at, contact_id";
const ANSWER_COLUMNS: &str =
    "id, case_id, account, message_id, sent_id, from_addr, subject, text, \
     received_at, matched_by";

fn account(r: &Row<'_>) -> rusqlite::Result<MailAccountRow> {
    Ok(MailAccountRow {
        name: r.get(0)?,
        email: r.get(1)?,
        imap_host: r.get(2)?,
        imap_port: r.get(3)?,
        smtp_host: r.get(4)?,
        smtp_port: r.get(5)?,
        security: r.get(6)?,
        keeps_sent: r.get(7)?,
        created_at: r.get(8)?,
        uid_validity: r.get(9)?,
        last_uid: r.get(10)?,
        next_poll_at: r.get(11)?,
        failures: r.get(12)?,
        last_error: r.get(13)?,
    })
}

fn sent(r: &Row<'_>) -> rusqlite::Result<MailSentRow> {
    Ok(MailSentRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        account: r.get(2)?,
        message_id: r.get(3)?,
        to_addr: r.get(4)?,
        subject: r.get(5)?,
        state: r.get(6)?,
        created_at: r.get(7)?,
        sent_at: r.get(8)?,
        contact_id: r.get(9)?,
    })
}

fn answer(r: &Row<'_>) -> rusqlite::Result<MailAnswerRow> {
    Ok(MailAnswerRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        account: r.get(2)?,
        message_id: r.get(3)?,
        sent_id: r.get(4)?,
        from_addr: r.get(5)?,
        subject: r.get(6)?,
        text: r.get(7)?,
        received_at: r.get(8)?,
        matched_by: r.get(9)?,
    })
}

fn sent_by_id(conn: &Connection, id: i64) -> Result<MailSentRow> {
    by_key(
        conn,
        &format!("SELECT {SENT_COLUMNS} FROM mail_sent WHERE id = ?1"),
        id,
        "mail_sent",
        sent,
    )
}

impl Store {
    /// Add a mailbox or change its settings. Changing the address or the IMAP server starts the
    /// reading of its INBOX afresh; other changes keep it.
    pub fn save_mail_account(&self, a: &MailAccountRow) -> Result<MailAccountRow> {
        validate::required("name", &a.name)?;
        validate::required("email", &a.email)?;
        validate::required("imap_host", &a.imap_host)?;
        validate::required("smtp_host", &a.smtp_host)?;
        validate::required("created_at", &a.created_at)?;
        one_of("security", &a.security, MAIL_SECURITIES)?;
        if a.imap_port == 0 || a.smtp_port == 0 {
            return Err(Error::invalid("port", "must be 1-65535"));
        }
        self.write(|tx| {
            Ok(tx.query_row(
                &format!(
                    "INSERT INTO mail_accounts (name, email, imap_host, imap_port, smtp_host,
                         smtp_port, security, keeps_sent, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     ON CONFLICT (name) DO UPDATE SET
                         uid_validity = CASE WHEN email = excluded.email AND imap_host = excluded.imap_host
                             AND imap_port = excluded.imap_port THEN uid_validity END,
                         last_uid = CASE WHEN email = excluded.email AND imap_host = excluded.imap_host
                             AND imap_port = excluded.imap_port THEN last_uid ELSE 0 END,
                         email = excluded.email, imap_host = excluded.imap_host,
                         imap_port = excluded.imap_port, smtp_host = excluded.smtp_host,
                         smtp_port = excluded.smtp_port, security = excluded.security,
                         keeps_sent = excluded.keeps_sent, failures = 0, last_error = NULL,
                         next_poll_at = NULL
                     RETURNING {ACCOUNT_COLUMNS}"
                ),
                (
                    &a.name,
                    &a.email,
                    &a.imap_host,
                    a.imap_port,
                    &a.smtp_host,
                    a.smtp_port,
                    &a.security,
                    a.keeps_sent,
                    &a.created_at,
                ),
                account,
            )?)
        })
    }

    pub fn mail_account(&self, name: &str) -> Result<MailAccountRow> {
        by_key(
            &self.conn(),
            &format!("SELECT {ACCOUNT_COLUMNS} FROM mail_accounts WHERE name = ?1"),
            name,
            "mail_account",
            account,
        )
    }

    /// By name.
    pub fn mail_accounts(&self) -> Result<Vec<MailAccountRow>> {
        list(
            &self.conn(),
            &format!("SELECT {ACCOUNT_COLUMNS} FROM mail_accounts ORDER BY name"),
            [],
            account,
        )
    }

    /// Remove a mailbox; what was sent and answered stays on the cases.
    pub fn delete_mail_account(&self, name: &str) -> Result<()> {
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM mail_accounts WHERE name = ?1", [name])?))?;
        if n == 0 {
            return Err(Error::not_found("mail_account", name));
        }
        Ok(())
    }

    /// The send of this case's e-mail from `account` to `to` that started and never finished.
    pub fn pending_mail(
        &self,
        case_id: &str,
        account: &str,
        to: &str,
    ) -> Result<Option<MailSentRow>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {SENT_COLUMNS} FROM mail_sent
                     WHERE case_id = ?1 AND account = ?2 AND to_addr = ?3 AND state = 'pending'"
                ),
                (case_id, account, to),
                sent,
            )
            .optional()?)
    }

    /// Written before SMTP is asked. Fails while another send of the same e-mail is pending.
    pub fn begin_mail_send(&self, m: &NewMailSent) -> Result<MailSentRow> {
        validate::required("case_id", &m.case_id)?;
        validate::required("account", &m.account)?;
        validate::required("message_id", &m.message_id)?;
        validate::required("to", &m.to_addr)?;
        validate::text("subject", &m.subject)?;
        self.write(|tx| {
            require_case(tx, &m.case_id)?;
            tx.query_row(
                &format!(
                    "INSERT INTO mail_sent (case_id, account, message_id, to_addr, subject, state, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6) RETURNING {SENT_COLUMNS}"
                ),
                (&m.case_id, &m.account, &m.message_id, &m.to_addr, &m.subject, &m.created_at),
                sent,
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Error::invalid("case_id", "an earlier send of this e-mail has not finished")
                }
                other => other.into(),
            })
        })
    }

    /// The send went out: the row becomes `sent` and the contact (channel email, pending, the
    /// Message-ID as its reference) is logged, in one transaction.
    pub fn finish_mail_send(
        &self,
        id: i64,
        sent_at: &str,
        contact: &NewContact,
    ) -> Result<(MailSentRow, ContactRow)> {
        validate_contact(contact)?;
        self.write(|tx| {
            let row = sent_by_id(tx, id)?;
            if row.state != "pending" {
                return Err(Error::invalid(
                    "state",
                    "this e-mail is already recorded as sent",
                ));
            }
            let c = insert_contact(tx, &row.case_id, contact)?;
            tx.execute(
                "UPDATE mail_sent SET state = 'sent', sent_at = ?2, contact_id = ?3 WHERE id = ?1",
                (id, sent_at, c.id),
            )?;
            Ok((sent_by_id(tx, id)?, c))
        })
    }

    /// The send surely did not go out (the server refused, or we never got to it): forget it,
    /// so the next attempt is a fresh one.
    pub fn drop_mail_send(&self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM mail_sent WHERE id = ?1 AND state = 'pending'",
                [id],
            )?;
            Ok(())
        })
    }

    /// What was sent from an account (answers are looked for to these), oldest first.
    pub fn mail_sent_from(&self, account: &str) -> Result<Vec<MailSentRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {SENT_COLUMNS} FROM mail_sent WHERE account = ?1 AND state = 'sent'
                 ORDER BY created_at, id"
            ),
            [account],
            sent,
        )
    }

    /// A case's e-mails, oldest first, pending ones included.
    pub fn mail_sent_for_case(&self, case_id: &str) -> Result<Vec<MailSentRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {SENT_COLUMNS} FROM mail_sent WHERE case_id = ?1 ORDER BY created_at, id"
            ),
            [case_id],
            sent,
        )
    }

    /// A case's answers, oldest first.
    pub fn mail_answers_for_case(&self, case_id: &str) -> Result<Vec<MailAnswerRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {ANSWER_COLUMNS} FROM mail_answers WHERE case_id = ?1 ORDER BY received_at, id"
            ),
            [case_id],
            answer,
        )
    }

    /// Whether this answer was already reported.
    pub fn mail_answer_seen(&self, account: &str, message_id: &str) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT 1 FROM mail_answers WHERE account = ?1 AND message_id = ?2",
                (account, message_id),
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Record an answer once: the row, its timeline event, its notifications, and the sent
    /// e-mail's contact moved from `pending` to `unresolved` (the platform has answered; the
    /// user says whether it is resolved). `None` when it was already reported.
    pub fn record_mail_answer(
        &self,
        a: &NewMailAnswer,
    ) -> Result<Option<(MailAnswerRow, Vec<NotificationRow>)>> {
        validate::required("message_id", &a.message_id)?;
        validate::text("text", &a.text)?;
        validate::text("subject", &a.subject)?;
        for f in &a.files {
            validate::text("file name", f)?;
        }
        validate_event(&a.event)?;
        for n in &a.notifications {
            validate_notification(n)?;
        }
        self.write(|tx| {
            require_case(tx, &a.case_id)?;
            let row = tx
                .query_row(
                    &format!(
                        "INSERT INTO mail_answers (case_id, account, message_id, sent_id, from_addr,
                             subject, text, received_at, matched_by, uid_validity, uid)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                         ON CONFLICT (account, message_id) DO NOTHING
                         RETURNING {ANSWER_COLUMNS}"
                    ),
                    (
                        &a.case_id,
                        &a.account,
                        &a.message_id,
                        a.sent_id,
                        &a.from_addr,
                        &a.subject,
                        &a.text,
                        &a.received_at,
                        &a.matched_by,
                        a.uid_validity,
                        a.uid,
                    ),
                    answer,
                )
                .optional()?;
            let Some(row) = row else {
                return Ok(None);
            };
            insert_event(tx, &a.case_id, &a.event)?;
            super::mail_files::insert(tx, row.id, &a.files)?;
            if let Some(sent_id) = a.sent_id {
                tx.execute(
                    "UPDATE contacts SET outcome = 'unresolved'
                     WHERE outcome = 'pending'
                       AND id = (SELECT contact_id FROM mail_sent WHERE id = ?1)",
                    [sent_id],
                )?;
            }
            tx.execute(
                "UPDATE cases SET updated_at = max(updated_at, ?2) WHERE id = ?1",
                (&a.case_id, &a.received_at),
            )?;
            let mut raised = Vec::new();
            for n in &a.notifications {
                raised.extend(insert_notification(tx, n)?);
            }
            Ok(Some((row, raised)))
        })
    }

    /// The server said new mail arrived (IMAP IDLE): poll the account in the next pass, however
    /// far its next poll was (a failure's backoff included: the server was just reached).
    pub fn mail_due(&self, name: &str, at: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE mail_accounts SET next_poll_at = ?2 WHERE name = ?1",
                (name, at),
            )?;
            Ok(())
        })
    }

    /// Where the reading of an account's INBOX stands after a poll.
    pub fn set_mail_poll(&self, name: &str, p: &MailPoll) -> Result<()> {
        if let Some(e) = &p.last_error {
            validate::text("last_error", e)?;
        }
        let n = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE mail_accounts SET uid_validity = ?2, last_uid = ?3, next_poll_at = ?4,
                     failures = ?5, last_error = ?6 WHERE name = ?1",
                (
                    name,
                    p.uid_validity,
                    p.last_uid,
                    &p.next_poll_at,
                    p.failures,
                    &p.last_error,
                ),
            )?)
        })?;
        if n == 0 {
            return Err(Error::not_found("mail_account", name));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracking::tests::{case, store};

    fn acct(name: &str) -> MailAccountRow {
        MailAccountRow {
            name: name.into(),
            email: "buyer@qq.com".into(),
            imap_host: "imap.qq.com".into(),
            imap_port: 993,
            smtp_host: "smtp.qq.com".into(),
            smtp_port: 465,
            security: "tls".into(),
            keeps_sent: false,
            created_at: "2026-12-03T01:00:00Z".into(),
            uid_validity: None,
            last_uid: 0,
            next_poll_at: None,
            failures: 0,
            last_error: None,
        }
    }

    fn pending_contact() -> NewContact {
        NewContact {
            at: "2026-12-03T02:00:00Z".into(),
            channel: "email".into(),
            outcome: "pending".into(),
            note: String::new(),
            reference: Some("<m1@qq.com>".into()),
            status: Some("waiting".into()),
        }
    }

    fn new_sent(c: &str, id: &str) -> NewMailSent {
        NewMailSent {
            case_id: c.into(),
            account: "qq".into(),
            message_id: id.into(),
            to_addr: "kefu@shop.example".into(),
            subject: "20240520001-商品未到账-紧急".into(),
            created_at: "2026-12-03T02:00:00Z".into(),
        }
    }

    #[test]
    fn accounts_keep_no_password_and_keep_their_cursor_on_small_edits() {
        let (_t, s) = store();
        s.save_mail_account(&acct("qq")).expect("save");
        s.set_mail_poll(
            "qq",
            &MailPoll {
                uid_validity: Some(7),
                last_uid: 42,
                next_poll_at: None,
                failures: 0,
                last_error: None,
            },
        )
        .expect("poll");
        let mut edited = acct("qq");
        edited.smtp_port = 587;
        edited.security = "starttls".into();
        let back = s.save_mail_account(&edited).expect("edit");
        assert_eq!(
            (back.uid_validity, back.last_uid, back.smtp_port),
            (Some(7), 42, 587)
        );
        edited.imap_host = "imap.exmail.qq.com".into();
        let moved = s.save_mail_account(&edited).expect("moved");
        assert_eq!((moved.uid_validity, moved.last_uid), (None, 0));
        let mut bad = acct("x");
        bad.security = "ssl3".into();
        assert!(s.save_mail_account(&bad).is_err());
        s.delete_mail_account("qq").expect("delete");
        assert!(s.mail_accounts().expect("list").is_empty());
    }

    #[test]
    fn a_send_is_pending_until_it_is_recorded_with_its_contact() {
        let (_t, s) = store();
        let c = case(&s);
        let p = s
            .begin_mail_send(&new_sent(&c, "<m1@qq.com>"))
            .expect("begin");
        assert_eq!(p.state, "pending");
        // A second send of the same e-mail while the first is unfinished is refused.
        let again = s
            .begin_mail_send(&new_sent(&c, "<m2@qq.com>"))
            .expect_err("twice");
        assert!(again.to_string().contains("not finished"), "{again}");
        assert_eq!(
            s.pending_mail(&c, "qq", "kefu@shop.example")
                .expect("pending")
                .map(|r| r.id),
            Some(p.id)
        );
        let (row, contact) = s
            .finish_mail_send(p.id, "2026-12-03T02:00:05Z", &pending_contact())
            .expect("finish");
        assert_eq!(
            (row.state.as_str(), row.contact_id),
            ("sent", Some(contact.id))
        );
        assert!(s
            .finish_mail_send(p.id, "2026-12-03T02:00:06Z", &pending_contact())
            .is_err());
        assert_eq!(s.contacts(&c).expect("contacts")[0].channel, "email");
        assert_eq!(s.mail_sent_from("qq").expect("sent").len(), 1);
        // A refused send is forgotten, so the next one starts afresh.
        let q = s
            .begin_mail_send(&new_sent(&c, "<m3@qq.com>"))
            .expect("begin");
        s.drop_mail_send(q.id).expect("drop");
        assert!(s
            .pending_mail(&c, "qq", "kefu@shop.example")
            .expect("none")
            .is_none());
    }

    #[test]
    fn an_answer_is_recorded_once_and_moves_the_contact_on() {
        let (_t, s) = store();
        let c = case(&s);
        let p = s
            .begin_mail_send(&new_sent(&c, "<m1@qq.com>"))
            .expect("begin");
        let (row, _) = s
            .finish_mail_send(p.id, "2026-12-03T02:00:05Z", &pending_contact())
            .expect("finish");
        let a = NewMailAnswer {
            case_id: c.clone(),
            account: "qq".into(),
            message_id: "r1@shop.example".into(),
            sent_id: Some(row.id),
            from_addr: "kefu@shop.example".into(),
            subject: "Re: 20240520001".into(),
            text: "已补发".into(),
            received_at: "2026-12-03T03:00:00Z".into(),
            matched_by: "thread".into(),
            uid_validity: Some(7),
            uid: Some(42),
            files: vec!["回执.png".into()],
            event: NewEvent {
                at: "2026-12-03T03:00:00Z".into(),
                kind: "email_reply".into(),
                summary: "已补发".into(),
                data_json: None,
            },
            notifications: vec![NewNotification {
                at: "2026-12-03T03:00:00Z".into(),
                kind: "staff_reply".into(),
                case_id: Some(c.clone()),
                title: "点卡未到账".into(),
                body: "已补发".into(),
                data_json: None,
                mark: None,
            }],
        };
        let (first, raised) = s.record_mail_answer(&a).expect("record").expect("new");
        assert_eq!((first.text.as_str(), raised.len()), ("已补发", 1));
        assert!(s.mail_answer_seen("qq", "r1@shop.example").expect("seen"));
        // Delivered twice: nothing more.
        assert!(s.record_mail_answer(&a).expect("again").is_none());
        assert_eq!(s.mail_answers_for_case(&c).expect("answers").len(), 1);
        assert_eq!(s.contacts(&c).expect("contacts")[0].outcome, "unresolved");
        let replies = s
            .timeline(&c)
            .expect("timeline")
            .iter()
            .filter(|e| e.kind == "email_reply")
            .count();
        assert_eq!(replies, 1);
    }
}
