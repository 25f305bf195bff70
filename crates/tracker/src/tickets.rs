//! Opening a ticket for a case: the composer's ticket text and domain.md's subject
//! (`订单号-问题类型-紧急程度`), created through the helpdesk's connector, then linked to the case
//! (with a pending `ticket` contact, so the recommender waits for the SLA) and scheduled for its
//! first poll.

use chrono::{DateTime, Utc};
use reachright_connectors::{Helpdesk, NewTicket as RemoteTicket};
use reachright_core::Lang;
use reachright_store::{NewTicket, Store, TicketRow};

use crate::clock::stamp;
use crate::error::{Error, Result};
use crate::schedule::ACTIVE_INTERVAL;

/// The ticket a case would send: subject and body, composed for `now`.
pub fn compose(
    store: &Store,
    case_id: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<(String, String)> {
    let detail = reachright_cases::cases::detail(store, case_id, now.fixed_offset(), lang)?;
    let rec = detail.analysis.recommendation;
    let body = rec
        .texts
        .iter()
        .find(|t| t.kind == "ticket")
        .map(|t| t.body.clone())
        .ok_or_else(|| Error::invalid("case", "the composer wrote no ticket text"))?;
    Ok((rec.subject, body))
}

/// Create the case's ticket on `desk` (the helpdesk stored as `helpdesk`) and track it.
/// `poll` is false for a manual helpdesk, whose tickets are never polled.
pub async fn open<H: Helpdesk>(
    store: &Store,
    helpdesk: &str,
    desk: &H,
    case_id: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<TicketRow> {
    let row = store.helpdesk(helpdesk)?;
    let (subject, body) = compose(store, case_id, now, lang)?;
    let created = desk
        .create_ticket(&RemoteTicket {
            subject: subject.clone(),
            body,
            requester: row.email.clone(),
            attachments: Vec::new(),
        })
        .await
        .map_err(Error::Helpdesk)?;
    let polled = row.kind != "manual";
    Ok(store.add_ticket(&NewTicket {
        case_id: case_id.into(),
        helpdesk: helpdesk.into(),
        remote_id: created.id,
        url: created.url,
        subject,
        submitted_at: stamp(now),
        status: None,
        next_poll_at: polled.then(|| stamp(now + ACTIVE_INTERVAL)),
    })?)
}
