//! Tickets being created: one row per (case, helpdesk), written before the helpdesk is asked and
//! removed by [`Store::add_ticket`] in the transaction that records the created ticket. A row
//! still there at the next attempt (a timeout, a lost answer, a crash between the helpdesk's
//! create and the local save) makes that attempt a retry with the same key.

use crate::error::Result;
use crate::store::Store;
use crate::validate;

/// One create across its attempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingTicket {
    /// Unique per create (Zendesk's `Idempotency-Key`).
    pub key: String,
    /// The first attempt's moment, UTC `YYYY-MM-DD HH:MM:SS`.
    pub since: String,
    /// Attempts made before this one: more than zero means an earlier one may have reached
    /// the helpdesk.
    pub attempts: u32,
}

impl Store {
    /// Records that a create of the case's ticket on `helpdesk` is starting, and returns its key:
    /// a new one (with `since`) the first time, else the earlier attempt's, counted once more.
    pub fn begin_pending_ticket(
        &self,
        case_id: &str,
        helpdesk: &str,
        since: &str,
    ) -> Result<PendingTicket> {
        validate::required("case_id", case_id)?;
        validate::required("helpdesk", helpdesk)?;
        validate::required("since", since)?;
        self.write(|tx| {
            Ok(tx.query_row(
                "INSERT INTO pending_tickets (case_id, helpdesk, idem_key, since)
                 VALUES (?1, ?2, 'rr-' || lower(hex(randomblob(16))), ?3)
                 ON CONFLICT (case_id, helpdesk) DO UPDATE SET attempts = attempts + 1
                 RETURNING idem_key, since, attempts",
                (case_id, helpdesk, since),
                |r| {
                    Ok(PendingTicket {
                        key: r.get(0)?,
                        since: r.get(1)?,
                        attempts: r.get(2)?,
                    })
                },
            )?)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::tracking::tests::{case, new_ticket, rt, store};

    #[test]
    fn a_pending_create_keeps_its_key_until_the_ticket_is_recorded() {
        let (_t, s) = store();
        s.save_helpdesk(&rt("rt")).expect("helpdesk");
        let c = case(&s);
        let first = s
            .begin_pending_ticket(&c, "rt", "2026-11-20 02:00:00")
            .expect("begin");
        assert_eq!(first.attempts, 0);
        assert!(
            first.key.starts_with("rr-") && first.key.len() == 35,
            "{first:?}"
        );
        // A retry (after a crash, say): the same key and first moment, one more attempt.
        let again = s
            .begin_pending_ticket(&c, "rt", "2026-11-20 02:09:00")
            .expect("again");
        assert_eq!(
            (again.key.as_str(), again.since.as_str(), again.attempts),
            (first.key.as_str(), "2026-11-20 02:00:00", 1)
        );
        // Recording the ticket ends the pending create; the next create is a new one.
        s.add_ticket(&new_ticket(&c, "7")).expect("ticket");
        let next = s
            .begin_pending_ticket(&c, "rt", "2026-11-20 03:00:00")
            .expect("next");
        assert_ne!(next.key, first.key);
        assert_eq!(next.attempts, 0);
    }
}
