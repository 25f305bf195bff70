//! Manual tickets: the user opened the ticket on the platform themselves and typed its number.
//! Nothing can be fetched or sent, so polling reports nothing and the user updates the status by
//! hand in the app; the tracker's reminders and deadlines still work from the stored ticket.

use crate::{Created, Cursor, Error, Helpdesk, NewTicket, Poll, Result};

/// A helpdesk the app cannot talk to. `ticket_id` is the number the user typed, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manual {
    ticket_id: Option<String>,
}

impl Manual {
    pub fn new() -> Manual {
        Manual::default()
    }

    /// The ticket number the platform gave the user.
    pub fn with_ticket(ticket_id: impl Into<String>) -> Manual {
        Manual {
            ticket_id: Some(ticket_id.into()),
        }
    }
}

/// The typed number, trimmed; it must be non-empty, one line and of a sane length.
fn typed_id(id: Option<&str>) -> Result<String> {
    let id = id.map(str::trim).unwrap_or("");
    if id.is_empty() {
        return Err(Error::Invalid {
            field: "ticket_id",
            reason: "type the ticket number the platform gave you".into(),
        });
    }
    if id.chars().count() > 128 || id.chars().any(char::is_control) {
        return Err(Error::Invalid {
            field: "ticket_id",
            reason: "a ticket number is one short line".into(),
        });
    }
    Ok(id.to_string())
}

impl Helpdesk for Manual {
    async fn create_ticket(&self, _ticket: &NewTicket) -> Result<Created> {
        Ok(Created {
            id: typed_id(self.ticket_id.as_deref())?,
            url: None,
        })
    }

    async fn poll(&self, _id: &str, cursor: &Cursor) -> Result<Poll> {
        // Nothing to ask: "not changed", so the tracker does no work, and the cursor stays.
        Ok(Poll::unchanged(cursor))
    }

    async fn reply(&self, _id: &str, _text: &str) -> Result<()> {
        Err(Error::Invalid {
            field: "helpdesk",
            reason: "manual tickets are answered on the platform".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket() -> NewTicket {
        NewTicket {
            subject: "20240520001-充值失败-紧急".into(),
            body: "…".into(),
            requester: None,
            attachments: vec![],
        }
    }

    #[tokio::test]
    async fn create_returns_the_typed_number() {
        let m = Manual::with_ticket("  GD-2024-0001 ");
        let created = m.create_ticket(&ticket()).await.expect("created");
        assert_eq!(
            created,
            Created {
                id: "GD-2024-0001".into(),
                url: None
            }
        );
    }

    #[tokio::test]
    async fn create_without_a_usable_number_is_invalid() {
        for m in [
            Manual::new(),
            Manual::with_ticket("  "),
            Manual::with_ticket("a\nb"),
            Manual::with_ticket("9".repeat(200)),
        ] {
            let err = m.create_ticket(&ticket()).await.expect_err("invalid");
            assert_eq!(err.code(), "invalid", "{m:?}");
        }
    }

    #[tokio::test]
    async fn poll_reports_nothing_and_keeps_the_cursor() {
        let cursor = Cursor {
            etag: None,
            seen: Some("3".into()),
            status: Some("处理中".into()),
        };
        let p = Manual::new().poll("GD-1", &cursor).await.expect("poll");
        assert!(!p.changed);
        assert!(p.updates.is_empty());
        assert_eq!(p.cursor, cursor);
    }

    #[tokio::test]
    async fn reply_says_where_to_answer() {
        let err = Manual::new()
            .reply("GD-1", "hi")
            .await
            .expect_err("invalid");
        assert_eq!(err.code(), "invalid");
        assert!(
            err.to_string().contains("answered on the platform"),
            "{err}"
        );
    }
}
