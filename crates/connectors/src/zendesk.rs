//! Zendesk through its end-user Requests API — the customer's side of a Zendesk ticket, which
//! is all a customer's token may see: public comments and the status.
//!
//! Shapes followed (developer.zendesk.com, "Requests" and "Ticket attachments"):
//! - `POST /api/v2/uploads.json?filename=…[&token=…]` with the raw file → 201
//!   `{"upload":{"token":…}}`; further files reuse the first token, so one token carries them all;
//! - `POST /api/v2/requests.json` `{"request":{"subject","comment":{"body","uploads":[token]}}}` → 201;
//! - `GET /api/v2/requests/{id}.json` → `{"request":{"status","requester_id",…}}`;
//! - `GET /api/v2/requests/{id}/comments.json` → `{"comments":[{"id","body","plain_body","public",
//!   "author_id","created_at"}],"users":[{"id","name","agent"}],"next_page"}` (offset paging; the
//!   cursor-paging form `meta.has_more`/`links.next` is followed too), read newest first with
//!   `sort_order=desc` (offset paging's sort parameter; default `asc`) and only down to the
//!   cursor, so a long request costs one page and its newest replies are never beyond the page
//!   bound;
//! - `PUT /api/v2/requests/{id}.json` `{"request":{"comment":{"body"}}}` adds a reply.
//!
//! Auth is an API token (`{email}/token:{token}` as HTTP Basic) or an OAuth bearer token.

use std::collections::HashMap;

use base64::Engine as _;
use reqwest::Url;
use serde::Deserialize;
use serde_json::json;

use crate::http::{Http, HttpOptions, Idempotent, Secret};
use crate::ids::{base_url, join, numeric_id, JsonId};
use crate::text::html_to_text;
use crate::{Attempt, Created, Cursor, Error, Helpdesk, NewTicket, Poll, Result, Update};

/// A bound on comment pages read in one poll.
const MAX_PAGES: u32 = 20;

/// How the app signs in to Zendesk as the customer.
#[derive(Clone, Debug)]
pub enum ZendeskAuth {
    /// An API token, sent as `{email}/token:{token}` (HTTP Basic).
    ApiToken { email: String, token: Secret },
    /// An OAuth access token, sent as `Bearer {token}`.
    OAuth(Secret),
}

impl ZendeskAuth {
    fn header(&self) -> Result<Secret> {
        match self {
            ZendeskAuth::ApiToken { email, token } => {
                if email.trim().is_empty() || token.expose().trim().is_empty() {
                    return Err(Error::Invalid {
                        field: "token",
                        reason: "an API token needs the account's e-mail and the token".into(),
                    });
                }
                let raw = format!("{}/token:{}", email.trim(), token.expose().trim());
                Ok(Secret::new(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                )))
            }
            ZendeskAuth::OAuth(token) => {
                if token.expose().trim().is_empty() {
                    return Err(Error::Invalid {
                        field: "token",
                        reason: "is empty".into(),
                    });
                }
                Ok(Secret::new(format!("Bearer {}", token.expose().trim())))
            }
        }
    }
}

/// A Zendesk account (`https://{subdomain}.zendesk.com`) seen by one customer.
#[derive(Clone)]
pub struct Zendesk {
    http: Http,
    base: Url,
}

impl std::fmt::Debug for Zendesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Zendesk")
            .field("base", &self.base.as_str())
            .finish()
    }
}

impl Zendesk {
    pub fn new(base: &str, auth: &ZendeskAuth, options: HttpOptions) -> Result<Zendesk> {
        let base = base_url(base)?;
        Ok(Zendesk {
            http: Http::new(&auth.header()?, options)?,
            base,
        })
    }

    fn url(&self, path: &str) -> Result<Url> {
        join(&self.base, path)
    }

    /// Uploads the files one by one under one upload token, which the comment then names.
    async fn upload(&self, ticket: &NewTicket) -> Result<Option<String>> {
        let mut token: Option<String> = None;
        for a in &ticket.attachments {
            let mut url = self.url("api/v2/uploads.json")?;
            {
                let mut q = url.query_pairs_mut();
                q.append_pair("filename", &crate::rt::safe_file_name(&a.file_name));
                if let Some(t) = &token {
                    q.append_pair("token", t);
                }
            }
            let content_type = if a.content_type.trim().is_empty() {
                "application/octet-stream"
            } else {
                a.content_type.as_str()
            };
            let reply = self
                .http
                .send(Idempotent::No, |c| {
                    c.post(url.clone())
                        .header(reqwest::header::CONTENT_TYPE, content_type)
                        .body(a.bytes.clone())
                })
                .await?;
            let body: UploadBody = reply.json("upload")?;
            if body.upload.token.trim().is_empty() {
                return Err(Error::BadResponse("upload: the token is empty".into()));
            }
            token = Some(body.upload.token);
        }
        Ok(token)
    }

    /// `key`: Zendesk's `Idempotency-Key` (developer.zendesk.com, API introduction,
    /// "Idempotency"): a repeated create with the same key answers with the first request's
    /// result instead of opening a second one, so with a key the POST is safe to repeat.
    async fn create(&self, ticket: &NewTicket, key: Option<&str>) -> Result<Created> {
        if ticket.subject.trim().is_empty() {
            return Err(Error::Invalid {
                field: "subject",
                reason: "is empty".into(),
            });
        }
        if ticket.body.trim().is_empty() {
            // Zendesk rejects a request without a comment body (422).
            return Err(Error::Invalid {
                field: "body",
                reason: "is empty".into(),
            });
        }
        let upload = self.upload(ticket).await?;
        let mut comment = json!({ "body": ticket.body });
        if let Some(token) = upload {
            comment["uploads"] = json!([token]);
        }
        let body = json!({ "request": { "subject": ticket.subject, "comment": comment } });
        let url = self.url("api/v2/requests.json")?;
        let key = key.map(idempotency_key).transpose()?;
        let safe = if key.is_some() {
            Idempotent::Yes
        } else {
            Idempotent::No
        };
        let reply = self
            .http
            .send(safe, |c| {
                let rb = c.post(url.clone()).json(&body);
                match &key {
                    Some(k) => rb.header("Idempotency-Key", k.clone()),
                    None => rb,
                }
            })
            .await?;
        let created: RequestEnvelope = reply.json("new request")?;
        let id = created
            .request
            .id
            .as_u64()
            .ok_or_else(|| Error::BadResponse("new request: the id is not a number".into()))?;
        // The customer's page of the request in the Help Center.
        let link = self.url(&format!("hc/requests/{id}"))?;
        Ok(Created {
            id: id.to_string(),
            url: Some(link.to_string()),
        })
    }

    async fn poll_request(&self, id: &str, cursor: &Cursor) -> Result<Poll> {
        let n = numeric_id(id)?;
        let url = self.url(&format!("api/v2/requests/{n}.json"))?;
        let Some(reply) = self
            .http
            .get_if_changed(&url, cursor.etag.as_deref())
            .await?
        else {
            return Ok(Poll::unchanged(cursor));
        };
        let request: RequestEnvelope = reply.json(&format!("request {n}"))?;
        let status = request
            .request
            .status
            .clone()
            .ok_or_else(|| Error::BadResponse(format!("request {n}: the status is missing")))?;
        let requester = request
            .request
            .requester_id
            .as_ref()
            .and_then(JsonId::as_u64);
        let new_etag = reply.header("etag").map(str::to_string);

        let seen = cursor.seen.as_deref().and_then(|s| s.parse::<u64>().ok());
        let Some((comments, users)) = self.comments(n, seen).await? else {
            // More comments than one poll reads: the part not read is older than the part read,
            // so nothing is reported and the cursor (and ETag, for a re-read) stays; only the
            // status, which the request itself gives, moves on.
            let mut updates = Vec::new();
            if cursor
                .status
                .as_ref()
                .is_some_and(|before| *before != status)
            {
                updates.push(Update::Status {
                    status: status.clone(),
                });
            }
            return Ok(Poll {
                changed: true,
                updates,
                cursor: Cursor {
                    etag: cursor.etag.clone(),
                    seen: cursor.seen.clone(),
                    status: Some(status),
                },
            });
        };
        let mut updates = staff_replies(&comments, &users, requester, seen);
        if let Some(before) = &cursor.status {
            if *before != status {
                updates.push(Update::Status {
                    status: status.clone(),
                });
            }
        }
        let newest = comments.iter().filter_map(|c| c.id.as_u64()).max();
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
                status: Some(status),
            },
        })
    }

    /// The comments of the request newer than `seen` (and the page that reaches it) with the
    /// users they name, newest first, following the pages down to the cursor. `None` when they
    /// did not fit in [`MAX_PAGES`] pages (logged, without the request's content); on a first
    /// look (no cursor) the newest pages are taken and the older rest is left.
    async fn comments(
        &self,
        n: u64,
        seen: Option<u64>,
    ) -> Result<Option<(Vec<Comment>, HashMap<u64, UserInfo>)>> {
        let mut url = self.url(&format!("api/v2/requests/{n}/comments.json"))?;
        url.query_pairs_mut().append_pair("sort_order", "desc");
        let mut comments = Vec::new();
        let mut users = HashMap::new();
        for _ in 0..MAX_PAGES {
            let page_url = url.clone();
            let reply = self
                .http
                .send(Idempotent::Yes, |c| c.get(page_url.clone()))
                .await?;
            let page: CommentPage = reply.json(&format!("request {n} comments"))?;
            for u in page.users {
                if let Some(id) = u.id.as_u64() {
                    users.insert(id, u);
                }
            }
            let reached_cursor = seen.is_some_and(|s| {
                page.comments
                    .iter()
                    .any(|c| c.id.as_u64().is_some_and(|id| id <= s))
            });
            comments.extend(page.comments);
            let next = match (&page.meta, &page.links) {
                (Some(Meta { has_more: true }), Some(Links { next: Some(next) })) => {
                    Some(next.clone())
                }
                _ => page.next_page.clone(),
            };
            match next {
                Some(next) if !reached_cursor => url = self.same_origin(&next)?,
                _ => return Ok(Some((comments, users))),
            }
        }
        eprintln!(
            "reachright-connectors: Zendesk request {n}: comments longer than {MAX_PAGES} pages since the last sync{}",
            if seen.is_some() { "; the cursor is kept" } else { "; only the newest are read" }
        );
        Ok(seen.is_none().then_some((comments, users)))
    }

    /// A next-page link, accepted only on the account's own origin so the credentials are
    /// never sent anywhere else.
    fn same_origin(&self, link: &str) -> Result<Url> {
        let url = Url::parse(link)
            .map_err(|e| Error::BadResponse(format!("comments: bad next page link ({e})")))?;
        if url.origin() != self.base.origin() {
            return Err(Error::BadResponse(
                "comments: the next page is on another host".into(),
            ));
        }
        Ok(url)
    }

    async fn comment(&self, id: &str, text: &str) -> Result<()> {
        let n = numeric_id(id)?;
        if text.trim().is_empty() {
            return Err(Error::Invalid {
                field: "text",
                reason: "is empty".into(),
            });
        }
        let url = self.url(&format!("api/v2/requests/{n}.json"))?;
        let body = json!({ "request": { "comment": { "body": text } } });
        self.http
            .send(Idempotent::No, |c| c.put(url.clone()).json(&body))
            .await?;
        Ok(())
    }
}

impl Helpdesk for Zendesk {
    async fn create_ticket(&self, ticket: &NewTicket) -> Result<Created> {
        self.create(ticket, None).await
    }
    async fn create_ticket_once(&self, ticket: &NewTicket, attempt: &Attempt) -> Result<Created> {
        self.create(ticket, Some(&attempt.key)).await
    }
    async fn poll(&self, id: &str, cursor: &Cursor) -> Result<Poll> {
        self.http
            .within_poll_budget(self.poll_request(id, cursor))
            .await
    }
    async fn reply(&self, id: &str, text: &str) -> Result<()> {
        self.comment(id, text).await
    }
}

/// Zendesk takes keys of up to 255 characters; ours are generated, but a stored one is checked
/// so a damaged row is an error, not a header reqwest refuses.
fn idempotency_key(key: &str) -> Result<reqwest::header::HeaderValue> {
    let key = key.trim();
    let bad = key.is_empty() || key.len() > 255;
    match reqwest::header::HeaderValue::from_str(key) {
        Ok(v) if !bad => Ok(v),
        _ => Err(Error::Invalid {
            field: "idempotency_key",
            reason: "must be 1 to 255 visible ASCII characters".into(),
        }),
    }
}

/// The public comments newer than `seen` that someone other than the requester wrote (and that
/// the sideloaded users do not mark as a fellow end user), oldest first.
fn staff_replies(
    comments: &[Comment],
    users: &HashMap<u64, UserInfo>,
    requester: Option<u64>,
    seen: Option<u64>,
) -> Vec<Update> {
    let mut fresh: Vec<(u64, &Comment)> = comments
        .iter()
        .filter_map(|c| c.id.as_u64().map(|id| (id, c)))
        .filter(|(id, _)| seen.is_none_or(|s| *id > s))
        .collect();
    fresh.sort_by_key(|(id, _)| *id);
    // A comment added while the pages are read shifts the older ones down, so the same one can
    // come on two pages: each is reported once.
    fresh.dedup_by_key(|(id, _)| *id);
    fresh
        .into_iter()
        .filter(|(_, c)| c.public.unwrap_or(true))
        .filter_map(|(_, c)| {
            let author_id = c.author_id.as_ref().and_then(JsonId::as_u64);
            if author_id.is_some() && author_id == requester {
                return None;
            }
            let user = author_id.and_then(|a| users.get(&a));
            if user.and_then(|u| u.agent) == Some(false) {
                return None; // another end user (a CC), not the platform's staff
            }
            let author = user
                .and_then(|u| u.name.clone())
                .filter(|n| !n.trim().is_empty())
                .or_else(|| author_id.map(|a| format!("#{a}")))
                .unwrap_or_default();
            let text = match (&c.plain_body, &c.body, &c.html_body) {
                (Some(p), _, _) if !p.trim().is_empty() => p.trim().to_string(),
                (_, Some(b), _) if !b.trim().is_empty() => b.trim().to_string(),
                (_, _, Some(h)) => html_to_text(h),
                _ => String::new(),
            };
            Some(Update::Reply {
                author,
                text,
                at: c.created_at.clone(),
            })
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct UploadBody {
    upload: UploadInner,
}

#[derive(Debug, Deserialize)]
struct UploadInner {
    token: String,
}

#[derive(Debug, Deserialize)]
struct RequestEnvelope {
    request: RequestInner,
}

#[derive(Debug, Deserialize)]
struct RequestInner {
    id: JsonId,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    requester_id: Option<JsonId>,
}

#[derive(Debug, Deserialize)]
struct CommentPage {
    #[serde(default)]
    comments: Vec<Comment>,
    #[serde(default)]
    users: Vec<UserInfo>,
    #[serde(default)]
    next_page: Option<String>,
    #[serde(default)]
    meta: Option<Meta>,
    #[serde(default)]
    links: Option<Links>,
}

#[derive(Debug, Deserialize)]
struct Meta {
    #[serde(default)]
    has_more: bool,
}

#[derive(Debug, Deserialize)]
struct Links {
    #[serde(default)]
    next: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Comment {
    id: JsonId,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    plain_body: Option<String>,
    #[serde(default)]
    html_body: Option<String>,
    #[serde(default)]
    public: Option<bool>,
    #[serde(default)]
    author_id: Option<JsonId>,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct UserInfo {
    id: JsonId,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    agent: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documented example shapes, with one comment of each kind.
    const PAGE: &str = r#"{
      "comments": [
        {"id": 1274, "type": "Comment", "body": "我的充值没到账", "public": true, "author_id": 1, "created_at": "2026-05-20T08:00:00Z"},
        {"id": 1290, "type": "Comment", "body": "您好，已为您补发。", "plain_body": "您好，已为您补发。", "html_body": "<p>您好，已为您补发。</p>", "public": true, "author_id": 7, "created_at": "2026-05-20T09:00:00Z"},
        {"id": 1280, "type": "Comment", "body": "internal", "public": false, "author_id": 7},
        {"id": 1295, "body": "cc here", "public": true, "author_id": 9},
        {"id": 1300, "html_body": "<div>second<br>line</div>", "public": true, "author_id": 8}
      ],
      "users": [
        {"id": 1, "name": "顾客", "agent": false},
        {"id": 7, "name": "客服小李", "agent": true},
        {"id": 9, "name": "Collaborator", "agent": false}
      ],
      "next_page": null, "previous_page": null, "count": 5
    }"#;

    fn parse() -> (Vec<Comment>, HashMap<u64, UserInfo>) {
        let page: CommentPage = serde_json::from_str(PAGE).expect("page");
        let users = page
            .users
            .into_iter()
            .filter_map(|u| u.id.as_u64().map(|i| (i, u)))
            .collect();
        (page.comments, users)
    }

    #[test]
    fn only_public_staff_comments_are_replies() {
        let (comments, users) = parse();
        let out = staff_replies(&comments, &users, Some(1), None);
        assert_eq!(
            out,
            vec![
                Update::Reply {
                    author: "客服小李".into(),
                    text: "您好，已为您补发。".into(),
                    at: Some("2026-05-20T09:00:00Z".into())
                },
                Update::Reply {
                    author: "#8".into(),
                    text: "second\nline".into(),
                    at: None
                },
            ]
        );
    }

    #[test]
    fn comments_up_to_the_cursor_are_not_repeated() {
        let (comments, users) = parse();
        assert_eq!(
            staff_replies(&comments, &users, Some(1), Some(1290)).len(),
            1
        );
        assert!(staff_replies(&comments, &users, Some(1), Some(1300)).is_empty());
    }

    #[test]
    fn cursor_paging_links_are_read() {
        let page: CommentPage = serde_json::from_str(
            r#"{"comments":[],"meta":{"has_more":true,"after_cursor":"x"},"links":{"next":"https://a.zendesk.com/api/v2/requests/1/comments.json?page[after]=x"}}"#,
        )
        .expect("page");
        assert!(page.meta.is_some_and(|m| m.has_more));
        assert!(page
            .links
            .and_then(|l| l.next)
            .is_some_and(|n| n.contains("page[after]")));
    }

    #[test]
    fn api_token_auth_is_basic_with_the_token_suffix() {
        let auth = ZendeskAuth::ApiToken {
            email: "a@b.c".into(),
            token: Secret::new("T0K"),
        };
        let header = auth.header().expect("header");
        let expected = base64::engine::general_purpose::STANDARD.encode("a@b.c/token:T0K");
        assert_eq!(header.expose(), format!("Basic {expected}"));
        assert_eq!(
            ZendeskAuth::OAuth(Secret::new("abc"))
                .header()
                .expect("h")
                .expose(),
            "Bearer abc"
        );
        assert_eq!(
            ZendeskAuth::OAuth(Secret::new(" "))
                .header()
                .map(|_| ())
                .map_err(|e| e.code()),
            Err("invalid")
        );
        // The debug form of the auth never shows the token.
        assert!(!format!("{auth:?}").contains("T0K"));
    }

    #[test]
    fn next_pages_on_other_hosts_are_refused() {
        let z = Zendesk::new(
            "https://acme.zendesk.com",
            &ZendeskAuth::OAuth(Secret::new("t")),
            HttpOptions::default(),
        )
        .expect("zendesk");
        assert!(z
            .same_origin("https://acme.zendesk.com/api/v2/requests/1/comments.json?page=2")
            .is_ok());
        assert_eq!(
            z.same_origin("https://evil.example/steal")
                .map(|_| ())
                .map_err(|e| e.code()),
            Err("bad_response")
        );
    }
}
