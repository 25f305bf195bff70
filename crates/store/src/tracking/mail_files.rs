//! The attachments of the platforms' e-mail answers on their way into the evidence vault. Each
//! is listed with its answer, in the answer's transaction; a pass with the vault open keeps it
//! (its evidence id) or says why it cannot (a stable code). Until then it waits: the store holds
//! only its name, never its bytes (the mailbox keeps the message; the vault is encrypted, this
//! file is not).

use rusqlite::{Row, Transaction};

use crate::error::{Error, Result};
use crate::store::Store;
use crate::validate;

use super::list;

/// One attachment of an answer, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFileRow {
    pub id: i64,
    pub answer_id: i64,
    pub case_id: String,
    pub account: String,
    /// The answer's subject (the caption its evidence gets).
    pub subject: String,
    pub uid_validity: Option<u32>,
    pub uid: Option<u32>,
    /// Its place among the message's attachments.
    pub position: u32,
    pub name: String,
    /// Kept: the evidence item.
    pub evidence_id: Option<String>,
    /// Cannot be kept: why (a stable code).
    pub problem: Option<String>,
}

const COLUMNS: &str = "f.id, f.answer_id, a.case_id, a.account, a.subject, a.uid_validity, a.uid, \
     f.position, f.name, f.evidence_id, f.problem";
const FROM: &str = "mail_answer_files f JOIN mail_answers a ON a.id = f.answer_id";

fn file(r: &Row<'_>) -> rusqlite::Result<MailFileRow> {
    Ok(MailFileRow {
        id: r.get(0)?,
        answer_id: r.get(1)?,
        case_id: r.get(2)?,
        account: r.get(3)?,
        subject: r.get(4)?,
        uid_validity: r.get(5)?,
        uid: r.get(6)?,
        position: r.get(7)?,
        name: r.get(8)?,
        evidence_id: r.get(9)?,
        problem: r.get(10)?,
    })
}

/// List an answer's attachments (inside the answer's own transaction).
pub(super) fn insert(tx: &Transaction<'_>, answer_id: i64, names: &[String]) -> Result<()> {
    let mut stmt = tx
        .prepare("INSERT INTO mail_answer_files (answer_id, position, name) VALUES (?1, ?2, ?3)")?;
    for (position, name) in names.iter().enumerate() {
        stmt.execute((answer_id, position as i64, name))?;
    }
    Ok(())
}

impl Store {
    /// An account's attachments neither kept nor refused yet, oldest answer first.
    pub fn mail_files_waiting(&self, account: &str) -> Result<Vec<MailFileRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {COLUMNS} FROM {FROM}
                 WHERE a.account = ?1 AND f.evidence_id IS NULL AND f.problem IS NULL
                 ORDER BY f.answer_id, f.position"
            ),
            [account],
            file,
        )
    }

    /// A case's answers' attachments, in order.
    pub fn mail_files_for_case(&self, case_id: &str) -> Result<Vec<MailFileRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {COLUMNS} FROM {FROM} WHERE a.case_id = ?1 ORDER BY f.answer_id, f.position"
            ),
            [case_id],
            file,
        )
    }

    /// An attachment kept as evidence item `evidence_id`, or refused for `problem`.
    pub fn settle_mail_file(
        &self,
        id: i64,
        outcome: std::result::Result<&str, &str>,
    ) -> Result<()> {
        let (evidence_id, problem) = match outcome {
            Ok(e) => (Some(e), None),
            Err(p) => (None, Some(p)),
        };
        validate::opt_text("evidence_id", evidence_id)?;
        validate::opt_text("problem", problem)?;
        let n = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE mail_answer_files SET evidence_id = ?2, problem = ?3
                 WHERE id = ?1 AND evidence_id IS NULL AND problem IS NULL",
                (id, evidence_id, problem),
            )?)
        })?;
        if n == 0 {
            return Err(Error::not_found("mail_answer_file", id.to_string()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::rows::NewEvent;
    use crate::tracking::tests::{case, store};
    use crate::tracking::NewMailAnswer;

    fn answer(case_id: &str, message_id: &str, files: &[&str]) -> NewMailAnswer {
        NewMailAnswer {
            case_id: case_id.into(),
            account: "qq".into(),
            message_id: message_id.into(),
            sent_id: None,
            from_addr: "kefu@shop.example".into(),
            subject: "Re: 20240520001".into(),
            text: "see attached".into(),
            received_at: "2026-12-03T03:00:00Z".into(),
            matched_by: "order_number".into(),
            uid_validity: Some(9),
            uid: Some(3),
            files: files.iter().map(|f| (*f).to_string()).collect(),
            event: NewEvent {
                at: "2026-12-03T03:00:00Z".into(),
                kind: "email_reply".into(),
                summary: "see attached".into(),
                data_json: None,
            },
            notifications: Vec::new(),
        }
    }

    #[test]
    fn attachments_wait_until_kept_or_refused_once() {
        let (_dir, s) = store();
        let c = case(&s);
        s.record_mail_answer(&answer(&c, "a1@x", &["回执.png", "log.txt"]))
            .expect("record")
            .expect("new");
        // Delivered twice: the files are not listed twice.
        assert!(s
            .record_mail_answer(&answer(&c, "a1@x", &["回执.png", "log.txt"]))
            .expect("again")
            .is_none());
        let waiting = s.mail_files_waiting("qq").expect("waiting");
        assert_eq!(waiting.len(), 2);
        assert_eq!(
            (
                waiting[0].name.as_str(),
                waiting[0].position,
                waiting[0].uid
            ),
            ("回执.png", 0, Some(3))
        );
        s.settle_mail_file(waiting[0].id, Ok("ev-1")).expect("kept");
        s.settle_mail_file(waiting[1].id, Err("evidence_too_large"))
            .expect("refused");
        assert!(s.mail_files_waiting("qq").expect("none").is_empty());
        // Settled is settled: a second outcome for the same file is refused.
        assert!(s.settle_mail_file(waiting[0].id, Ok("ev-2")).is_err());
        let all = s.mail_files_for_case(&c).expect("case files");
        assert_eq!(all[0].evidence_id.as_deref(), Some("ev-1"));
        assert_eq!(all[1].problem.as_deref(), Some("evidence_too_large"));
    }
}
