//! Request Tracker 5 through its REST2 API, as the customer (`Authorization: token …`).
//!
//! What shapes this code (seen on RT 5.0.3, see rt-notes.md):
//! - tickets are created as `multipart/form-data` (a `JSON` part plus `Attachments` file parts):
//!   a non-ASCII file name inside a JSON body makes 5.0.3 fail with a 500;
//! - the ticket's `ETag` is the newest transaction the caller may see, so polling sends
//!   `If-None-Match` and an idle ticket costs one 304 (`If-Modified-Since` is broken in 5.0.3);
//! - a customer's history pages are filtered after paging (`count` < `per_page` mid-way, even an
//!   empty page mid-way when many transactions are internal), and `total` and `pages` are null;
//!   so `next_page` (or `pages` when given) says whether there is more, and an empty page ends
//!   the history only when neither does; it is read newest first and stops at the cursor, which
//!   makes the usual poll one page;
//! - a refused action may still answer 200 with `["… Permission Denied"]`.

use std::collections::HashSet;

use reqwest::Url;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::http::{Http, HttpOptions, Idempotent, Reply, Secret};
use crate::ids::{base_url, join, numeric_id, JsonId};
use crate::multipart;
use crate::text::html_to_text;
use crate::{Attempt, Created, Cursor, Error, Helpdesk, NewTicket, Poll, Result, Update};

/// History items per page (REST2's maximum is 100).
const PAGE_SIZE: u32 = 100;
/// A bound on history pages read in one poll, so a strange server cannot keep us paging.
const MAX_PAGES: u32 = 20;

/// Where the RT is and which queue tickets go to. The token is passed separately (keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RtConfig {
    /// RT's web root, e.g. `https://rt.example.com` or `https://example.com/rt`.
    pub base_url: String,
    pub queue: String,
    /// The customer's e-mail: the ticket's `Requestor` when [`NewTicket::requester`] is empty.
    pub requestor: Option<String>,
}

/// A Request Tracker 5 helpdesk seen by one customer.
#[derive(Clone)]
pub struct Rt {
    http: Http,
    web: Url,
    api: Url,
    queue: String,
    requestor: Option<String>,
}

impl std::fmt::Debug for Rt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rt")
            .field("api", &self.api.as_str())
            .field("queue", &self.queue)
            .finish()
    }
}

impl Rt {
    /// `token` is RT's auth token string (the part after `token `).
    pub fn new(config: RtConfig, token: &Secret, options: HttpOptions) -> Result<Rt> {
        if config.queue.trim().is_empty() {
            return Err(Error::Invalid {
                field: "queue",
                reason: "RT needs a queue name".into(),
            });
        }
        if token.expose().trim().is_empty() {
            return Err(Error::Invalid {
                field: "token",
                reason: "is empty".into(),
            });
        }
        let web = base_url(&config.base_url)?;
        let api = join(&web, "REST/2.0/")?;
        let auth = Secret::new(format!("token {}", token.expose().trim()));
        Ok(Rt {
            http: Http::new(&auth, options)?,
            web,
            api,
            queue: config.queue,
            requestor: config.requestor.filter(|r| !r.trim().is_empty()),
        })
    }

    fn url(&self, path: &str) -> Result<Url> {
        join(&self.api, path)
    }

    /// The Requestor a create names: the ticket's own, else the configured one.
    fn requestor_of(&self, ticket: &NewTicket) -> Result<String> {
        Ok(ticket
            .requester
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .or(self.requestor.as_deref())
            .ok_or_else(|| Error::Invalid {
                field: "requester",
                reason:
                    "RT needs the customer's e-mail as Requestor, or they cannot see their ticket"
                        .into(),
            })?
            .trim()
            .to_string())
    }

    /// The ticket an earlier attempt of the same create opened, if any: same queue, requestor
    /// and subject, created at or after the first attempt (RT has no idempotency key, and the
    /// subject must keep domain.md's form, so no marker is added). The oldest match wins.
    async fn find_created(&self, ticket: &NewTicket, attempt: &Attempt) -> Result<Option<u64>> {
        let since = attempt.since.trim();
        let well_formed = since.len() == 19
            && since
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b':' | b' '));
        if !well_formed {
            return Err(Error::Invalid {
                field: "since",
                reason: "must be UTC as YYYY-MM-DD HH:MM:SS".into(),
            });
        }
        let query = format!(
            "Queue = '{}' AND Requestor.EmailAddress = '{}' AND Subject = '{}' AND Created >= '{since}'",
            ticket_sql(&self.queue),
            ticket_sql(&self.requestor_of(ticket)?),
            ticket_sql(ticket.subject.trim()),
        );
        let mut url = self.url("tickets")?;
        url.query_pairs_mut()
            .append_pair("query", &query)
            .append_pair("orderby", "id")
            .append_pair("order", "ASC")
            .append_pair("per_page", "1");
        let reply = self
            .http
            .send(Idempotent::Yes, |c| c.get(url.clone()))
            .await?;
        let found: SearchBody = reply.json("ticket search")?;
        Ok(found.items.iter().find_map(|i| i.id.as_u64()))
    }

    /// A create that reuses the ticket an earlier attempt opened (see [`Attempt`]).
    async fn create_once(&self, ticket: &NewTicket, attempt: &Attempt) -> Result<Created> {
        if attempt.retry {
            if let Some(id) = self.find_created(ticket, attempt).await? {
                return self.created(id);
            }
        }
        self.create(ticket).await
    }

    /// The created ticket's id and the customer's own view of it (unprivileged users live in
    /// SelfService).
    fn created(&self, id: u64) -> Result<Created> {
        let mut link = join(&self.web, "SelfService/Display.html")?;
        link.query_pairs_mut().append_pair("id", &id.to_string());
        Ok(Created {
            id: id.to_string(),
            url: Some(link.to_string()),
        })
    }

    async fn create(&self, ticket: &NewTicket) -> Result<Created> {
        if ticket.subject.trim().is_empty() {
            return Err(Error::Invalid {
                field: "subject",
                reason: "is empty".into(),
            });
        }
        let requestor = self.requestor_of(ticket)?;
        let fields = json!({
            "Queue": self.queue,
            "Subject": ticket.subject,
            "Requestor": requestor,
            "Content": ticket.body,
            "ContentType": "text/plain",
        })
        .to_string();
        let url = self.url("ticket")?;
        let reply = self
            .http
            .send(Idempotent::No, |c| {
                let form = create_form(&fields, ticket);
                c.post(url.clone())
                    .header(reqwest::header::CONTENT_TYPE, form.content_type)
                    .body(form.bytes)
            })
            .await?;
        refused(&reply)?;
        let created: CreatedBody = reply.json("new ticket")?;
        let id = created
            .id
            .as_u64()
            .ok_or_else(|| Error::BadResponse("new ticket: the id is not a number".into()))?;
        self.created(id)
    }

    async fn poll_ticket(&self, id: &str, cursor: &Cursor) -> Result<Poll> {
        let n = numeric_id(id)?;
        let url = self.url(&format!("ticket/{n}"))?;
        let Some(reply) = self
            .http
            .get_if_changed(&url, cursor.etag.as_deref())
            .await?
        else {
            return Ok(Poll::unchanged(cursor));
        };
        refused(&reply)?;
        let ticket: TicketBody = reply.json(&format!("ticket {n}"))?;
        let new_etag = reply.header("etag").map(str::to_string);

        let seen = cursor.seen.as_deref().and_then(|s| s.parse::<u64>().ok());
        let Some(items) = self.history_since(n, seen).await? else {
            // More history than one poll reads: nothing of it is reported and the cursor stays
            // where it was (the part not read is older than the part read, so moving `seen` would
            // skip it); the old ETag makes the next poll read again. Only the status, which the
            // ticket itself gives, moves on.
            return Ok(Poll {
                changed: true,
                updates: coalesce(Vec::new(), cursor.status.as_deref(), &ticket.status),
                cursor: Cursor {
                    etag: cursor.etag.clone(),
                    seen: cursor.seen.clone(),
                    status: Some(ticket.status),
                },
            });
        };
        let mut own: HashSet<String> = ticket
            .requestor
            .iter()
            .map(|r| r.id.to_lowercase())
            .collect();
        if let Some(me) = &self.requestor {
            own.insert(me.trim().to_lowercase());
        }

        let mut events = Vec::new();
        for item in &items {
            match classify(item, &own) {
                Some(Event::Status(s)) => events.push(Pending::Status(s)),
                Some(Event::StaffReply {
                    transaction,
                    author,
                    at,
                }) => {
                    let text = self.transaction_text(transaction).await?;
                    events.push(Pending::Reply(Update::Reply { author, text, at }));
                }
                None => {}
            }
        }
        let updates = coalesce(events, cursor.status.as_deref(), &ticket.status);

        let newest = items.iter().filter_map(|i| i.id.as_u64()).max();
        let seen = match (seen, newest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Ok(Poll {
            changed: true,
            updates,
            cursor: Cursor {
                etag: new_etag,
                seen: seen.map(|s| s.to_string()),
                status: Some(ticket.status),
            },
        })
    }

    /// The transactions newer than `seen`, oldest first; `None` when they did not fit in
    /// [`MAX_PAGES`] pages (logged, without the ticket's content) and there is a cursor.
    async fn history_since(&self, n: u64, seen: Option<u64>) -> Result<Option<Vec<HistoryItem>>> {
        let mut out = Vec::new();
        for page in 1..=MAX_PAGES {
            let mut url = self.url(&format!("ticket/{n}/history"))?;
            url.query_pairs_mut()
                .append_pair("fields", "Type,Field,OldValue,NewValue,Creator,Created")
                .append_pair("orderby", "id")
                .append_pair("order", "DESC")
                .append_pair("per_page", &PAGE_SIZE.to_string())
                .append_pair("page", &page.to_string());
            let reply = self
                .http
                .send(Idempotent::Yes, |c| c.get(url.clone()))
                .await?;
            refused(&reply)?;
            let body: HistoryPage = reply.json(&format!("ticket {n} history"))?;
            let more = body.has_more(page);
            let mut reached_cursor = false;
            for item in body.items {
                match (item.id.as_u64(), seen) {
                    (Some(id), Some(s)) if id <= s => reached_cursor = true,
                    (Some(_), _) => out.push(item),
                    (None, _) => {
                        return Err(Error::BadResponse(format!(
                            "ticket {n} history: an item without a numeric id"
                        )))
                    }
                }
            }
            if reached_cursor || !more {
                return Ok(Some(oldest_first(out)));
            }
        }
        eprintln!(
            "reachright-connectors: RT ticket {n}: history longer than {MAX_PAGES} pages since the last sync{}",
            if seen.is_some() { "; the cursor is kept" } else { "; only the newest are read" }
        );
        // On a first look (no cursor) the newest pages are taken: the older rest predates the
        // tracking, and keeping no cursor would re-read the same pages forever.
        Ok(seen.is_none().then(|| oldest_first(out)))
    }

    /// The text of a reply: its first `text/plain` body part (RT keeps the parts of a message as
    /// attachments of the transaction); HTML-only mail is reduced to its text.
    async fn transaction_text(&self, transaction: u64) -> Result<String> {
        let mut url = self.url(&format!("transaction/{transaction}/attachments"))?;
        url.query_pairs_mut()
            .append_pair("fields", "ContentType,Content,Filename")
            .append_pair("per_page", "20");
        let reply = self
            .http
            .send(Idempotent::Yes, |c| c.get(url.clone()))
            .await?;
        refused(&reply)?;
        let page: AttachmentPage = reply.json(&format!("transaction {transaction} attachments"))?;
        Ok(reply_text(&page.items))
    }

    async fn correspond(&self, id: &str, text: &str) -> Result<()> {
        let n = numeric_id(id)?;
        if text.trim().is_empty() {
            return Err(Error::Invalid {
                field: "text",
                reason: "is empty".into(),
            });
        }
        let url = self.url(&format!("ticket/{n}/correspond"))?;
        let body = json!({ "Content": text, "ContentType": "text/plain" });
        let reply = self
            .http
            .send(Idempotent::No, |c| c.post(url.clone()).json(&body))
            .await?;
        refused(&reply)
    }
}

impl Helpdesk for Rt {
    async fn create_ticket(&self, ticket: &NewTicket) -> Result<Created> {
        self.create(ticket).await
    }
    async fn create_ticket_once(&self, ticket: &NewTicket, attempt: &Attempt) -> Result<Created> {
        self.create_once(ticket, attempt).await
    }
    async fn poll(&self, id: &str, cursor: &Cursor) -> Result<Poll> {
        self.http
            .within_poll_budget(self.poll_ticket(id, cursor))
            .await
    }
    async fn reply(&self, id: &str, text: &str) -> Result<()> {
        self.correspond(id, text).await
    }
}

/// The multipart body of a create. File names go out as raw UTF-8 (what RT decodes; a
/// percent-encoded name would be stored as `%E6%88%AA….png`), so the characters that could break
/// the header are replaced first.
fn create_form(fields: &str, ticket: &NewTicket) -> multipart::Body {
    let names: Vec<String> = ticket
        .attachments
        .iter()
        .map(|a| safe_file_name(&a.file_name))
        .collect();
    let mut parts = vec![multipart::Part {
        name: "JSON",
        file_name: None,
        content_type: "application/json",
        bytes: fields.as_bytes(),
    }];
    parts.extend(
        ticket
            .attachments
            .iter()
            .zip(&names)
            .map(|(a, name)| multipart::Part {
                name: "Attachments",
                file_name: Some(name),
                content_type: &a.content_type,
                bytes: &a.bytes,
            }),
    );
    multipart::form(&parts)
}

/// A file name safe inside `filename="…"`: no quotes, backslashes or control characters.
pub(crate) fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '"' || c == '\\' || c == '/' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if cleaned.trim().is_empty() {
        "attachment".to_string()
    } else {
        cleaned
    }
}

/// RT's way of refusing with a 200: a list of messages, one saying "Permission Denied".
fn refused(reply: &Reply) -> Result<()> {
    if let Ok(messages) = serde_json::from_slice::<Vec<String>>(&reply.body) {
        if let Some(m) = messages
            .iter()
            .find(|m| m.to_lowercase().contains("permission denied"))
        {
            return Err(Error::Auth(m.clone()));
        }
    }
    Ok(())
}

/// A value inside single quotes in TicketSQL: RT's parser takes `\\` and `\'` as escapes.
fn ticket_sql(value: &str) -> String {
    value.replace('\\', "\\\\").replace('\'', "\\'")
}

/// `GET /tickets?query=…`: only the ids are read.
#[derive(Debug, Deserialize)]
struct SearchBody {
    #[serde(default)]
    items: Vec<CreatedBody>,
}

#[derive(Debug, Deserialize)]
struct CreatedBody {
    id: JsonId,
}

#[derive(Debug, Deserialize)]
struct TicketBody {
    #[serde(rename = "Status")]
    status: String,
    #[serde(rename = "Requestor", default)]
    requestor: Vec<UserRef>,
}

#[derive(Debug, Clone, Deserialize)]
struct UserRef {
    id: String,
}

#[derive(Debug, Deserialize)]
struct HistoryPage {
    #[serde(default)]
    items: Vec<HistoryItem>,
    /// The next page's URL; absent on the last page (and when RT does not know the total).
    #[serde(default)]
    next_page: Option<String>,
    /// The number of pages, when RT knows it (null for a customer on 5.0.3).
    #[serde(default)]
    pages: Option<u64>,
}

impl HistoryPage {
    /// Whether a page follows page `page` (1-based): RT's `next_page` link when present, else
    /// its page count when given, else (a customer's filtered pages) until an empty page — a
    /// short or empty page mid-way is not the end while RT links a next one.
    fn has_more(&self, page: u32) -> bool {
        if self
            .next_page
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty())
        {
            return true;
        }
        match self.pages {
            Some(pages) => u64::from(page) < pages,
            None => !self.items.is_empty(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct HistoryItem {
    id: JsonId,
    #[serde(rename = "Type", default)]
    kind: String,
    #[serde(rename = "Field", default)]
    field: Option<String>,
    #[serde(rename = "NewValue", default)]
    new_value: Option<String>,
    #[serde(rename = "Creator", default)]
    creator: Option<UserRef>,
    #[serde(rename = "Created", default)]
    created: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AttachmentPage {
    #[serde(default)]
    items: Vec<AttachmentItem>,
}

#[derive(Debug, Clone, Deserialize)]
struct AttachmentItem {
    #[serde(rename = "ContentType", default)]
    content_type: String,
    #[serde(rename = "Content", default)]
    content: Option<String>,
    #[serde(rename = "Filename", default)]
    filename: Option<String>,
}

/// What one history item means for the customer.
#[derive(Debug, PartialEq, Eq)]
enum Event {
    Status(String),
    StaffReply {
        transaction: u64,
        author: String,
        at: Option<String>,
    },
}

/// History items oldest first, each transaction once: a transaction added while the pages are
/// read shifts the older ones down, so the same one can come on two pages.
fn oldest_first(mut items: Vec<HistoryItem>) -> Vec<HistoryItem> {
    items.sort_by_key(|i| i.id.as_u64());
    items.dedup_by_key(|i| i.id.as_u64());
    items
}

fn classify(item: &HistoryItem, own: &HashSet<String>) -> Option<Event> {
    let is_status =
        item.kind == "Status" || (item.kind == "Set" && item.field.as_deref() == Some("Status"));
    if is_status {
        return item
            .new_value
            .clone()
            .filter(|s| !s.is_empty())
            .map(Event::Status);
    }
    if item.kind == "Correspond" {
        let author = item
            .creator
            .as_ref()
            .map(|c| c.id.clone())
            .unwrap_or_default();
        if own.contains(&author.to_lowercase()) {
            return None; // the customer's own message
        }
        return Some(Event::StaffReply {
            transaction: item.id.as_u64()?,
            author,
            at: item.created.clone(),
        });
    }
    None
}

enum Pending {
    Status(String),
    Reply(Update),
}

/// Several status changes between two polls (RT opens a new ticket by itself when staff reply,
/// then staff resolve it) are one change for the customer: the last one, where it happened.
/// A status back where it was is no change; a status the history did not show (hidden
/// transaction) still counts when it differs from the one stored.
fn coalesce(events: Vec<Pending>, before: Option<&str>, now: &str) -> Vec<Update> {
    let last_status = events.iter().rposition(|e| matches!(e, Pending::Status(_)));
    let mut out = Vec::new();
    for (i, e) in events.into_iter().enumerate() {
        match e {
            Pending::Reply(u) => out.push(u),
            Pending::Status(s) if Some(i) == last_status && before != Some(s.as_str()) => {
                out.push(Update::Status { status: s })
            }
            Pending::Status(_) => {}
        }
    }
    let reported = out.iter().any(|u| matches!(u, Update::Status { .. }));
    if !reported && last_status.is_none() {
        if let Some(b) = before {
            if b != now {
                out.push(Update::Status {
                    status: now.to_string(),
                });
            }
        }
    }
    out
}

/// The body of a message from its parts: the first non-empty text/plain that is not a file,
/// else the first HTML part reduced to text.
fn reply_text(items: &[AttachmentItem]) -> String {
    let body_part = |want: &str| {
        items.iter().find(|a| {
            a.content_type.eq_ignore_ascii_case(want)
                && a.filename.as_deref().unwrap_or("").is_empty()
                && a.content.as_deref().is_some_and(|c| !c.trim().is_empty())
        })
    };
    if let Some(p) = body_part("text/plain") {
        return p.content.as_deref().unwrap_or("").trim().to_string();
    }
    if let Some(p) = body_part("text/html") {
        return html_to_text(p.content.as_deref().unwrap_or(""));
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> HashSet<String> {
        ["customer@example.com".to_string()].into_iter().collect()
    }

    fn history(json: &str) -> Vec<HistoryItem> {
        serde_json::from_str::<HistoryPage>(json)
            .expect("history")
            .items
    }

    /// A page as RT 5.0.3 sends it to a customer (trimmed from a real answer).
    const PAGE: &str = r#"{"count":4,"per_page":100,"page":1,"total":null,"pages":null,"items":[
      {"Type":"Status","id":"44","type":"transaction","OldValue":"open","NewValue":"resolved","Field":"Status",
       "Created":"2026-11-30T15:51:29Z","Creator":{"type":"user","id":"staff","_url":"x"}},
      {"Type":"Status","id":"43","OldValue":"new","NewValue":"open","Field":"Status",
       "Created":"2026-11-30T15:51:29Z","Creator":{"id":"RT_System","type":"user"}},
      {"Type":"Correspond","id":"41","OldValue":"","NewValue":"","Field":"",
       "Created":"2026-11-30T15:51:29Z","Creator":{"id":"staff","type":"user"}},
      {"Type":"Correspond","id":"40","Creator":{"id":"Customer@Example.com","type":"user"}},
      {"Type":"Create","id":39,"OldValue":"","NewValue":"","Field":"",
       "Creator":{"id":"customer@example.com","type":"user"}}]}"#;

    #[test]
    fn history_items_are_classified() {
        let items = history(PAGE);
        let events: Vec<Option<Event>> = items.iter().map(|i| classify(i, &own())).collect();
        assert_eq!(events[0], Some(Event::Status("resolved".into())));
        assert_eq!(events[1], Some(Event::Status("open".into())));
        assert_eq!(
            events[2],
            Some(Event::StaffReply {
                transaction: 41,
                author: "staff".into(),
                at: Some("2026-11-30T15:51:29Z".into())
            })
        );
        assert_eq!(
            events[3], None,
            "the customer's own reply, whatever the case of the address"
        );
        assert_eq!(events[4], None, "creation is not an update");
        assert_eq!(items[4].id.as_u64(), Some(39));
    }

    #[test]
    fn old_style_set_status_counts_and_empty_values_do_not() {
        let items = history(
            r#"{"items":[{"Type":"Set","Field":"Status","NewValue":"stalled","id":"5"},
                          {"Type":"Set","Field":"Priority","NewValue":"50","id":"6"},
                          {"Type":"Status","NewValue":"","id":"7"}]}"#,
        );
        let events: Vec<Option<Event>> = items.iter().map(|i| classify(i, &own())).collect();
        assert_eq!(
            events,
            vec![Some(Event::Status("stalled".into())), None, None]
        );
    }

    fn reply(text: &str) -> Pending {
        Pending::Reply(Update::Reply {
            author: "staff".into(),
            text: text.into(),
            at: None,
        })
    }
    fn status(s: &str) -> Update {
        Update::Status { status: s.into() }
    }

    #[test]
    fn status_changes_in_one_poll_become_the_last_one() {
        let events = vec![
            reply("hi"),
            Pending::Status("open".into()),
            Pending::Status("resolved".into()),
        ];
        let out = coalesce(events, Some("new"), "resolved");
        assert_eq!(
            out,
            vec![
                Update::Reply {
                    author: "staff".into(),
                    text: "hi".into(),
                    at: None
                },
                status("resolved")
            ]
        );
    }

    #[test]
    fn a_status_back_where_it_was_is_no_change() {
        let events = vec![
            Pending::Status("stalled".into()),
            Pending::Status("open".into()),
        ];
        assert_eq!(coalesce(events, Some("open"), "open"), vec![]);
    }

    #[test]
    fn a_hidden_status_change_is_still_reported() {
        assert_eq!(coalesce(vec![], Some("new"), "open"), vec![status("open")]);
        // …but the first poll has nothing to compare with.
        assert_eq!(coalesce(vec![], None, "open"), vec![]);
        assert_eq!(coalesce(vec![], Some("open"), "open"), vec![]);
    }

    #[test]
    fn reply_text_prefers_plain_text_bodies_over_files_and_html() {
        let items: AttachmentPage = serde_json::from_str(
            r#"{"items":[
              {"ContentType":"multipart/alternative","Content":"","Filename":""},
              {"ContentType":"text/plain","Content":"log line","Filename":"server.log"},
              {"ContentType":"text/html","Content":"<p>您好</p>","Filename":""},
              {"ContentType":"text/plain","Content":"  您好，已处理。\n","Filename":""}]}"#,
        )
        .expect("json");
        assert_eq!(reply_text(&items.items), "您好，已处理。");
        let html_only = &items.items[2..3];
        assert_eq!(reply_text(html_only), "您好");
        assert_eq!(reply_text(&[]), "");
    }

    #[test]
    fn html_becomes_plain_lines() {
        let text = html_to_text(
            "<div>退款&amp;补偿</div><p>已提交<br>请留意 &lt;短信&gt;</p><script>x</script>",
        );
        assert_eq!(text, "退款&补偿\n已提交\n请留意 <短信>\nx");
    }

    #[test]
    fn permission_denied_with_a_200_is_an_auth_error() {
        let r = |body: &str| Reply {
            status: reqwest::StatusCode::OK,
            headers: Default::default(),
            body: body.as_bytes().to_vec(),
        };
        assert_eq!(
            refused(&r(r#"["Ticket 1: Permission Denied"]"#)),
            Err(Error::Auth("Ticket 1: Permission Denied".into()))
        );
        assert_eq!(refused(&r(r#"["Correspondence added"]"#)), Ok(()));
        assert_eq!(refused(&r(r#"{"id":"1"}"#)), Ok(()));
    }

    #[test]
    fn file_names_cannot_break_the_header() {
        assert_eq!(safe_file_name("截图 1.png"), "截图 1.png");
        assert_eq!(safe_file_name("a\"b\r\n.png"), "a_b__.png");
        assert_eq!(safe_file_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(safe_file_name("  "), "attachment");
    }

    #[test]
    fn config_is_checked() {
        let cfg = |url: &str, queue: &str| RtConfig {
            base_url: url.into(),
            queue: queue.into(),
            requestor: None,
        };
        let t = Secret::new("1-2-abc");
        assert!(Rt::new(cfg("http://127.0.0.1:1", "Q"), &t, HttpOptions::default()).is_ok());
        assert_eq!(
            Rt::new(cfg("http://127.0.0.1:1", " "), &t, HttpOptions::default())
                .map(|_| ())
                .map_err(|e| e.code()),
            Err("invalid")
        );
        assert_eq!(
            Rt::new(cfg("127.0.0.1", "Q"), &t, HttpOptions::default())
                .map(|_| ())
                .map_err(|e| e.code()),
            Err("invalid")
        );
        assert_eq!(
            Rt::new(
                cfg("http://127.0.0.1:1", "Q"),
                &Secret::new(""),
                HttpOptions::default()
            )
            .map(|_| ())
            .map_err(|e| e.code()),
            Err("invalid")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_history_json_parses_or_fails_cleanly(s in ".{0,200}") {
            let _ = serde_json::from_str::<HistoryPage>(&s);
        }

        #[test]
        fn html_to_text_never_keeps_a_tag(s in "[a-z<>/ 你好]{0,80}") {
            let t = html_to_text(&format!("<b>{s}</b>"));
            proptest::prop_assert!(!t.contains("<b>"));
        }
    }
}

/// History paging against a tiny local RT: one ticket, its history pages scripted per test.
#[cfg(test)]
mod paging {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    type Pages = Arc<dyn Fn(u32) -> String + Send + Sync>;

    /// Serves `GET ticket/1`, its history (`pages(page)` gives the body) and one plain-text
    /// attachment per transaction; records the history pages asked for.
    fn fake_rt(pages: Pages) -> (String, Arc<Mutex<Vec<u32>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(k) => head.extend_from_slice(&buf[..k]),
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let target = head.split_whitespace().nth(1).unwrap_or("").to_string();
                let (path, query) = target.split_once('?').unwrap_or((&target, ""));
                let page = query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("page="))
                    .and_then(|p| p.parse::<u32>().ok())
                    .unwrap_or(1);
                let (etag, body) = if path.ends_with("/ticket/1") {
                    (
                        "ETag: \"900\"\r\n",
                        r#"{"Status":"open","Requestor":[{"id":"customer@example.com","type":"user"}]}"#
                            .to_string(),
                    )
                } else if path.ends_with("/ticket/1/history") {
                    log.lock().expect("log").push(page);
                    ("", pages(page))
                } else {
                    let t = path.split('/').rev().nth(1).unwrap_or("?");
                    (
                        "",
                        format!(
                            r#"{{"items":[{{"ContentType":"text/plain","Content":"reply {t}"}}]}}"#
                        ),
                    )
                };
                let resp = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{etag}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(resp.as_bytes());
            }
        });
        (base, asked)
    }

    fn rt(base: &str) -> Rt {
        let cfg = RtConfig {
            base_url: base.into(),
            queue: "General".into(),
            requestor: None,
        };
        Rt::new(cfg, &Secret::new(String::from("t")), HttpOptions::default()).expect("rt")
    }

    fn correspond(id: u64) -> String {
        format!(r#"{{"Type":"Correspond","id":"{id}","Creator":{{"id":"staff","type":"user"}}}}"#)
    }

    /// A customer's page: filtered after paging, so `count` may be 0 mid-way; `total`/`pages`
    /// null; `next_page` when RT links one.
    fn page(page: u32, items: &[String], next: bool) -> String {
        let next = if next {
            format!(
                r#","next_page":"http://rt/REST/2.0/ticket/1/history?page={}""#,
                page + 1
            )
        } else {
            String::new()
        };
        format!(
            r#"{{"count":{},"per_page":100,"page":{page},"total":null,"pages":null{next},"items":[{}]}}"#,
            items.len(),
            items.join(",")
        )
    }

    fn replies(p: &Poll) -> Vec<String> {
        p.updates
            .iter()
            .filter_map(|u| match u {
                Update::Reply { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    fn cursor(seen: u64) -> Cursor {
        Cursor {
            etag: Some("\"100\"".into()),
            seen: Some(seen.to_string()),
            status: Some("open".into()),
        }
    }

    #[tokio::test]
    async fn an_empty_page_with_a_next_page_is_not_the_end() {
        // Newest first: page 1 has a reply, page 2 is all internal comments (empty for the
        // customer) but links page 3, which holds an older reply and then the cursor.
        let (base, asked) = fake_rt(Arc::new(|p| match p {
            1 => page(1, &[correspond(300)], true),
            2 => page(2, &[], true),
            3 => page(3, &[correspond(150), correspond(100)], true),
            _ => page(p, &[], false),
        }));
        let poll = rt(&base).poll("1", &cursor(100)).await.expect("poll");
        assert_eq!(replies(&poll), ["reply 150", "reply 300"]);
        assert_eq!(poll.cursor.seen.as_deref(), Some("300"));
        assert_eq!(
            *asked.lock().expect("asked"),
            [1, 2, 3],
            "stops at the cursor"
        );
    }

    #[tokio::test]
    async fn pages_count_is_followed_when_given_and_an_empty_last_page_ends() {
        let (base, asked) = fake_rt(Arc::new(|p| {
            let items = if p == 1 { vec![correspond(20)] } else { vec![] };
            format!(
                r#"{{"count":{},"page":{p},"pages":3,"items":[{}]}}"#,
                items.len(),
                items.join(",")
            )
        }));
        let poll = rt(&base).poll("1", &Cursor::default()).await.expect("poll");
        assert_eq!(replies(&poll), ["reply 20"]);
        assert_eq!(*asked.lock().expect("asked"), [1, 2, 3]);
    }

    #[tokio::test]
    async fn beyond_max_pages_the_cursor_is_not_moved_past_what_was_not_read() {
        // Every page links a next one and the cursor is never reached.
        let (base, asked) = fake_rt(Arc::new(|p| {
            page(p, &[correspond(u64::from(10_000 - p))], true)
        }));
        let before = cursor(5);
        let poll = rt(&base).poll("1", &before).await.expect("poll");
        assert_eq!(asked.lock().expect("asked").len(), MAX_PAGES as usize);
        assert!(replies(&poll).is_empty(), "nothing half-read is reported");
        assert_eq!(poll.cursor.seen.as_deref(), Some("5"));
        assert_eq!(poll.cursor.etag, before.etag, "the next poll reads again");
    }
}
