//! The Zendesk connector against a local fake of Zendesk's end-user Requests API (Zendesk cannot
//! run here). The fake is a few dozen lines over `std::net::TcpListener` and answers with the
//! documented shapes: uploads → `upload.token`, requests with `status`/`requester_id`, comments
//! with `author_id`/`public`/`created_at` and sideloaded `users`, offset paging via `next_page`
//! in `sort_order` asc (the default) or desc.
//! It can also misbehave on demand: 401, 404, malformed JSON, 429 + Retry-After, or accept a
//! connection and never answer.

use std::collections::HashMap;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use reachright_connectors::{
    Attachment, Cursor, Error, Helpdesk, HttpOptions, NewTicket, Secret, Sleeper, Update, Zendesk,
    ZendeskAuth,
};
use serde_json::{json, Value};

const EMAIL: &str = "customer@example.com";
const TOKEN: &str = "zd-api-token-123";
const CUSTOMER_ID: u64 = 1;
const AGENT_ID: u64 = 7;

#[derive(Debug, Clone)]
struct Req {
    method: String,
    target: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Req {
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
    fn query(&self, key: &str) -> Option<String> {
        let q = self.target.split_once('?')?.1;
        q.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == key).then(|| percent_decode(v))
        })
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

enum Resp {
    Json(u16, Vec<(&'static str, String)>, String),
    Hang,
}

fn json_resp(code: u16, v: Value) -> Resp {
    Resp::Json(code, vec![], v.to_string())
}

/// A misbehaviour for the next matching requests.
#[derive(Clone)]
enum Fault {
    Status(u16, Option<String>, String),
    Malformed,
    Hang,
}

#[derive(Default)]
struct Ticket {
    subject: String,
    status: String,
    version: u32,
    comments: Vec<Value>,
}

#[derive(Default)]
struct State {
    log: Vec<Req>,
    uploads: HashMap<String, Vec<(String, String, Vec<u8>)>>,
    tickets: HashMap<u64, Ticket>,
    next_id: u64,
    next_comment: u64,
    faults: Vec<Fault>,
    held: Vec<TcpStream>,
    /// Zendesk's idempotency: a key seen before answers with the first result.
    idempotent: HashMap<String, (u16, String)>,
    /// The next N answers are computed (a create happens) and then lost: the connection closes.
    lose_answers: u32,
}

struct Fake {
    base: String,
    state: Arc<Mutex<State>>,
}

impl Fake {
    fn start() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let state = Arc::new(Mutex::new(State {
            next_id: 100,
            next_comment: 1000,
            ..State::default()
        }));
        let shared = state.clone();
        let own_base = base.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                let base = own_base.clone();
                std::thread::spawn(move || serve(stream, &state, &base));
            }
        });
        Fake { base, state }
    }

    fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.state.lock().expect("state"))
    }

    fn fault(&self, f: Fault) {
        self.with(|s| s.faults.push(f));
    }

    fn agent_reply(&self, id: u64, text: &str, public: bool) {
        self.with(|s| {
            s.next_comment += 1;
            let c = json!({"id": s.next_comment, "type": "Comment", "body": text, "plain_body": text,
                "html_body": format!("<p>{text}</p>"), "public": public, "author_id": AGENT_ID,
                "attachments": [], "created_at": "2026-05-20T09:00:00Z"});
            let t = s.tickets.get_mut(&id).expect("ticket");
            t.comments.push(c);
            t.version += 1;
        });
    }

    fn set_status(&self, id: u64, status: &str) {
        self.with(|s| {
            let t = s.tickets.get_mut(&id).expect("ticket");
            t.status = status.into();
            t.version += 1;
        });
    }

    fn requests(&self) -> Vec<Req> {
        self.with(|s| s.log.clone())
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Req> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let target = first.next()?.to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[header_end..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Req {
        method,
        target,
        headers,
        body,
    })
}

fn serve(mut stream: TcpStream, state: &Arc<Mutex<State>>, base: &str) {
    let Some(req) = read_request(&mut stream) else {
        return;
    };
    let resp = {
        let mut s = state.lock().expect("state");
        s.log.push(req.clone());
        let resp = route(&mut s, &req, base);
        if s.lose_answers > 0 {
            s.lose_answers -= 1;
            return; // The server acted; the answer never leaves.
        }
        resp
    };
    match resp {
        Resp::Hang => {
            // Keep the socket open and silent until the test ends.
            if let Ok(mut s) = state.lock() {
                s.held.push(stream);
            }
        }
        Resp::Json(code, headers, body) => {
            let mut out =
                format!("HTTP/1.1 {code} X\r\nContent-Type: application/json; charset=utf-8\r\n");
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            let _ = stream.write_all(out.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    }
}

fn route(s: &mut State, req: &Req, base: &str) -> Resp {
    if !s.faults.is_empty() {
        match s.faults.remove(0) {
            Fault::Hang => return Resp::Hang,
            Fault::Malformed => {
                return Resp::Json(200, vec![], r#"{"request": {"id": 1, "status": "#.into())
            }
            Fault::Status(code, retry_after, body) => {
                let headers = retry_after
                    .map(|r| vec![("Retry-After", r)])
                    .unwrap_or_default();
                return Resp::Json(code, headers, body);
            }
        }
    }
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{EMAIL}/token:{TOKEN}"))
    );
    if req.headers.get("authorization") != Some(&expected) {
        return json_resp(401, json!({"error": "Couldn't authenticate you"}));
    }
    let not_found = || {
        json_resp(
            404,
            json!({"error": "RecordNotFound", "description": "Not found"}),
        )
    };
    let parts: Vec<&str> = req.path().trim_start_matches('/').split('/').collect();
    match (req.method.as_str(), parts.as_slice()) {
        ("POST", ["api", "v2", "uploads.json"]) => {
            let Some(name) = req.query("filename").filter(|n| !n.is_empty()) else {
                return json_resp(400, json!({"error": "filename missing"}));
            };
            let token = req
                .query("token")
                .unwrap_or_else(|| format!("upl{}", s.uploads.len() + 1));
            let ct = req.headers.get("content-type").cloned().unwrap_or_default();
            s.uploads.entry(token.clone()).or_default().push((
                name.clone(),
                ct.clone(),
                req.body.clone(),
            ));
            json_resp(
                201,
                json!({"upload": {"token": token, "attachment": {"id": 498483, "file_name": name,
                    "content_type": ct, "size": req.body.len(), "thumbnails": []},
                    "attachments": [{"id": 498483, "file_name": name, "content_type": ct}]}}),
            )
        }
        ("POST", ["api", "v2", "requests.json"]) => {
            let key = req.headers.get("idempotency-key").cloned();
            if let Some((code, body)) = key.as_ref().and_then(|k| s.idempotent.get(k)) {
                let hit = vec![("x-idempotency-lookup", "hit".to_string())];
                return Resp::Json(*code, hit, body.clone());
            }
            let resp = create_request(s, req, base);
            if let (Some(k), Resp::Json(code, _, body)) = (key, &resp) {
                s.idempotent.insert(k, (*code, body.clone()));
            }
            resp
        }
        (method, ["api", "v2", "requests", file]) if file.ends_with(".json") => {
            let Some(t) = file
                .trim_end_matches(".json")
                .parse()
                .ok()
                .and_then(|id: u64| s.tickets.get_mut(&id))
            else {
                return not_found();
            };
            if method == "PUT" {
                let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
                let Some(text) = body["request"]["comment"]["body"].as_str() else {
                    return json_resp(422, json!({"error": "RecordInvalid"}));
                };
                let c = json!({"id": 5000 + t.comments.len(), "body": text, "public": true,
                    "author_id": CUSTOMER_ID, "created_at": "2026-05-20T10:00:00Z"});
                t.comments.push(c);
                if t.status == "solved" {
                    t.status = "open".into();
                }
                t.version += 1;
            }
            let etag = format!("W/\"v{}\"", t.version);
            if method == "GET" && req.headers.get("if-none-match") == Some(&etag) {
                return Resp::Json(304, vec![("ETag", etag)], String::new());
            }
            Resp::Json(
                200,
                vec![("ETag", etag)],
                json!({"request": {"id": file.trim_end_matches(".json").parse::<u64>().unwrap_or(0),
                    "subject": t.subject, "status": t.status, "requester_id": CUSTOMER_ID,
                    "created_at": "2026-05-20T08:00:00Z"}})
                .to_string(),
            )
        }
        ("GET", ["api", "v2", "requests", id, "comments.json"]) => {
            let Some(t) = id.parse().ok().and_then(|id: u64| s.tickets.get(&id)) else {
                return not_found();
            };
            // Two per page, so paging is exercised; `sort_order=desc` gives the newest first
            // (Zendesk's default is `asc`), and the next-page link keeps the order, as
            // Zendesk's does.
            let page: usize = req.query("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            let order = req.query("sort_order").unwrap_or_else(|| "asc".into());
            let mut all: Vec<&Value> = t.comments.iter().collect();
            if order == "desc" {
                all.reverse();
            }
            let items: Vec<Value> = all
                .into_iter()
                .skip((page - 1) * 2)
                .take(2)
                .cloned()
                .collect();
            let next = (t.comments.len() > page * 2).then(|| {
                format!(
                    "{base}/api/v2/requests/{id}/comments.json?page={}&sort_order={order}",
                    page + 1
                )
            });
            json_resp(
                200,
                json!({"comments": items,
                    "users": [{"id": CUSTOMER_ID, "name": "顾客", "agent": false},
                              {"id": AGENT_ID, "name": "客服小李", "agent": true}],
                    "organizations": [], "next_page": next, "previous_page": null, "count": t.comments.len()}),
            )
        }
        _ => not_found(),
    }
}

/// `POST /api/v2/requests.json`: a new request, checked as Zendesk does.
fn create_request(s: &mut State, req: &Req, base: &str) -> Resp {
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return json_resp(400, json!({"error": "bad json"}));
    };
    let r = &body["request"];
    let (Some(subject), Some(text)) = (r["subject"].as_str(), r["comment"]["body"].as_str()) else {
        return json_resp(
            422,
            json!({"error": "RecordInvalid", "description": "Record validation errors"}),
        );
    };
    for t in r["comment"]["uploads"].as_array().into_iter().flatten() {
        if !s.uploads.contains_key(t.as_str().unwrap_or("")) {
            return json_resp(
                422,
                json!({"error": "RecordInvalid", "description": "unknown upload"}),
            );
        }
    }
    s.next_id += 1;
    s.next_comment += 1;
    let id = s.next_id;
    let comment = json!({"id": s.next_comment, "type": "Comment", "body": text, "public": true,
            "author_id": CUSTOMER_ID, "created_at": "2026-05-20T08:00:00Z"});
    s.tickets.insert(
        id,
        Ticket {
            subject: subject.into(),
            status: "new".into(),
            version: 1,
            comments: vec![comment],
        },
    );
    json_resp(
        201,
        json!({"request": {"id": id, "url": format!("{base}/api/v2/requests/{id}.json"),
            "subject": subject, "status": "new", "requester_id": CUSTOMER_ID}}),
    )
}

#[derive(Default)]
struct Naps(Mutex<Vec<Duration>>);

impl Sleeper for Naps {
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.0.lock().expect("naps").push(d);
        Box::pin(async {})
    }
}

fn options(naps: &Arc<Naps>) -> HttpOptions {
    HttpOptions {
        timeout: Duration::from_millis(500),
        connect_timeout: Duration::from_millis(500),
        max_retries: 2,
        sleeper: naps.clone(),
        jitter: Arc::new(|| 0.0),
        ..HttpOptions::default()
    }
}

fn client(fake: &Fake, naps: &Arc<Naps>, token: &str) -> Zendesk {
    Zendesk::new(
        &fake.base,
        &ZendeskAuth::ApiToken {
            email: EMAIL.into(),
            token: Secret::new(token),
        },
        options(naps),
    )
    .expect("zendesk")
}

fn ticket() -> NewTicket {
    NewTicket {
        subject: "20240520001-充值失败-紧急".into(),
        body: "订单 20240520001 充值未到账。".into(),
        requester: None,
        attachments: vec![
            Attachment {
                file_name: "截图 1.png".into(),
                content_type: "image/png".into(),
                bytes: vec![0x89, b'P', b'N', b'G'],
            },
            Attachment {
                file_name: "账单.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: b"%PDF-1.4".to_vec(),
            },
        ],
    }
}

#[tokio::test]
async fn create_with_uploads_then_status_change_and_staff_reply() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, TOKEN);

    let created = zd.create_ticket(&ticket()).await.expect("create");
    assert_eq!(created.id, "101");
    assert_eq!(created.url, Some(format!("{}/hc/requests/101", fake.base)));

    // Both files went up under one token, which the request names; names and bytes intact.
    let reqs = fake.requests();
    let uploads: Vec<&Req> = reqs
        .iter()
        .filter(|r| r.path() == "/api/v2/uploads.json")
        .collect();
    assert_eq!(uploads.len(), 2);
    assert_eq!(uploads[0].query("filename").as_deref(), Some("截图 1.png"));
    assert_eq!(uploads[0].query("token"), None);
    assert_eq!(uploads[1].query("token").as_deref(), Some("upl1"));
    assert_eq!(
        uploads[1].headers.get("content-type").map(String::as_str),
        Some("application/pdf")
    );
    let stored = fake.with(|s| s.uploads.get("upl1").cloned().expect("upload"));
    assert_eq!(stored[0].2, vec![0x89, b'P', b'N', b'G']);
    let create = reqs
        .iter()
        .find(|r| r.path() == "/api/v2/requests.json")
        .expect("create request");
    let body: Value = serde_json::from_slice(&create.body).expect("json");
    assert_eq!(
        body["request"]["subject"],
        json!("20240520001-充值失败-紧急")
    );
    assert_eq!(body["request"]["comment"]["uploads"], json!(["upl1"]));

    // First poll: the customer's own comment is not a reply; the status is remembered.
    let first = zd.poll("101", &Cursor::default()).await.expect("poll 1");
    assert!(first.changed);
    assert_eq!(first.updates, vec![]);
    assert_eq!(first.cursor.status.as_deref(), Some("new"));
    assert_eq!(first.cursor.etag.as_deref(), Some("W/\"v1\""));
    let idle = zd.poll("101", &first.cursor).await.expect("poll 2");
    assert!(!idle.changed, "If-None-Match → 304");

    // An internal note, two public replies (so comments span pages) and a status change.
    fake.agent_reply(101, "内部备注：先别回复", false);
    fake.agent_reply(101, "您好，已为您补发。", true);
    fake.agent_reply(101, "请查收短信。", true);
    fake.set_status(101, "solved");
    let third = zd.poll("101", &idle.cursor).await.expect("poll 3");
    let reply = |text: &str| Update::Reply {
        author: "客服小李".into(),
        text: text.into(),
        at: Some("2026-05-20T09:00:00Z".into()),
    };
    assert_eq!(
        third.updates,
        vec![
            reply("您好，已为您补发。"),
            reply("请查收短信。"),
            Update::Status {
                status: "solved".into()
            }
        ]
    );
    assert!(
        fake.requests()
            .iter()
            .any(|r| r.query("page").as_deref() == Some("2")),
        "second page read"
    );

    // Nothing is reported twice; the customer's own reply reopens and is not a staff reply.
    zd.reply("101", "谢谢").await.expect("reply");
    let put = fake
        .requests()
        .into_iter()
        .rfind(|r| r.method == "PUT")
        .expect("put");
    assert_eq!(
        serde_json::from_slice::<Value>(&put.body).expect("json"),
        json!({"request": {"comment": {"body": "谢谢"}}})
    );
    let fourth = zd.poll("101", &third.cursor).await.expect("poll 4");
    assert_eq!(
        fourth.updates,
        vec![Update::Status {
            status: "open".into()
        }]
    );
    assert!(
        naps.0.lock().expect("naps").is_empty(),
        "no retries were needed"
    );
}

fn plain_ticket() -> NewTicket {
    NewTicket {
        attachments: vec![],
        ..ticket()
    }
}

fn comment_pages(fake: &Fake) -> Vec<Req> {
    fake.requests()
        .into_iter()
        .filter(|r| r.path() == "/api/v2/requests/101/comments.json")
        .collect()
}

#[tokio::test]
async fn a_new_reply_on_a_long_request_is_read_newest_first_in_one_page() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, TOKEN);
    zd.create_ticket(&plain_ticket()).await.expect("create");
    // 1001 is the customer's comment; 44 replies make 45 comments, 23 pages of two: more than
    // the 20 pages a poll reads, oldest first.
    for i in 0..44 {
        fake.agent_reply(101, &format!("旧回复 {i}"), true);
    }
    let synced = Cursor {
        etag: None,
        seen: Some("1045".into()),
        status: Some("new".into()),
    };
    let before = comment_pages(&fake).len();
    fake.agent_reply(101, "新回复：已补发", true);
    let poll = zd.poll("101", &synced).await.expect("poll");
    assert_eq!(
        poll.updates,
        vec![Update::Reply {
            author: "客服小李".into(),
            text: "新回复：已补发".into(),
            at: Some("2026-05-20T09:00:00Z".into()),
        }]
    );
    assert_eq!(poll.cursor.seen.as_deref(), Some("1046"));
    let pages = comment_pages(&fake);
    assert_eq!(pages.len() - before, 1, "one page down to the cursor");
    assert_eq!(pages[before].query("sort_order").as_deref(), Some("desc"));
    let again = zd.poll("101", &poll.cursor).await.expect("poll");
    assert!(
        again.updates.is_empty(),
        "nothing twice: {:?}",
        again.updates
    );
}

#[tokio::test]
async fn beyond_the_page_bound_the_cursor_stays_where_it_was() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, TOKEN);
    zd.create_ticket(&plain_ticket()).await.expect("create");
    let first = zd.poll("101", &Cursor::default()).await.expect("poll 1");
    assert_eq!(first.cursor.seen.as_deref(), Some("1001"));
    // 45 new comments since: 23 pages, beyond the bound of 20.
    for i in 0..45 {
        fake.agent_reply(101, &format!("回复 {i}"), true);
    }
    fake.set_status(101, "open");
    let poll = zd.poll("101", &first.cursor).await.expect("poll 2");
    assert_eq!(
        poll.updates,
        vec![Update::Status {
            status: "open".into()
        }],
        "no reply reported from a half-read history"
    );
    assert_eq!(poll.cursor.seen.as_deref(), Some("1001"));
    assert_eq!(poll.cursor.etag, first.cursor.etag, "read again next time");
}

#[tokio::test]
async fn wrong_token_is_an_auth_error_without_the_token_in_it() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, "wrong-token-xyz");
    let err = zd.poll("101", &Cursor::default()).await.expect_err("401");
    assert_eq!(err.code(), "auth");
    assert!(!err.is_transient());
    assert!(!err.to_string().contains("wrong-token-xyz"), "{err}");
    assert_eq!(fake.requests().len(), 1, "auth failures are not retried");
}

#[tokio::test]
async fn missing_request_is_not_found() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let err = client(&fake, &naps, TOKEN)
        .poll("424242", &Cursor::default())
        .await
        .expect_err("404");
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
}

#[tokio::test]
async fn malformed_json_is_a_bad_response_naming_the_request() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    fake.fault(Fault::Malformed);
    let err = client(&fake, &naps, TOKEN)
        .poll("101", &Cursor::default())
        .await
        .expect_err("bad json");
    match err {
        Error::BadResponse(m) => assert!(m.contains("request 101"), "{m}"),
        other => panic!("expected BadResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn rate_limit_honours_retry_after_then_succeeds() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, TOKEN);
    let created = zd
        .create_ticket(&NewTicket {
            attachments: vec![],
            ..ticket()
        })
        .await
        .expect("create");
    fake.fault(Fault::Status(
        429,
        Some("7".into()),
        r#"{"error":"TooManyRequests"}"#.into(),
    ));
    let poll = zd
        .poll(&created.id, &Cursor::default())
        .await
        .expect("poll after one 429");
    assert_eq!(poll.cursor.status.as_deref(), Some("new"));
    assert_eq!(*naps.0.lock().expect("naps"), vec![Duration::from_secs(7)]);

    // An HTTP-date Retry-After, and a 429 that persists: the error carries the server's wait.
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, TOKEN);
    let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(20));
    for _ in 0..3 {
        fake.fault(Fault::Status(429, Some(later.clone()), "{}".into()));
    }
    let err = zd
        .poll(&created.id, &Cursor::default())
        .await
        .expect_err("still limited");
    let wait = err.retry_after().expect("retry_after");
    assert!(
        wait > Duration::from_secs(15) && wait <= Duration::from_secs(20),
        "{wait:?}"
    );
    assert_eq!(
        naps.0.lock().expect("naps").len(),
        2,
        "max_retries bounds the attempts"
    );

    // A wait longer than we are willing to sleep goes straight back to the tracker.
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, TOKEN);
    fake.fault(Fault::Status(429, Some("3600".into()), "{}".into()));
    let err = zd
        .poll(&created.id, &Cursor::default())
        .await
        .expect_err("long wait");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert!(naps.0.lock().expect("naps").is_empty());
}

#[tokio::test]
async fn server_errors_on_a_post_are_not_retried() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    fake.fault(Fault::Status(500, None, "oops".into()));
    let err = client(&fake, &naps, TOKEN)
        .create_ticket(&NewTicket {
            attachments: vec![],
            ..ticket()
        })
        .await
        .expect_err("500");
    assert_eq!(err, Error::Server(500));
    assert_eq!(
        fake.requests().len(),
        1,
        "a POST the server may have acted on is sent once"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    for _ in 0..3 {
        fake.fault(Fault::Hang);
    }
    let zd = client(&fake, &naps, TOKEN);
    let started = Instant::now();
    let err = zd
        .poll("101", &Cursor::default())
        .await
        .expect_err("timeout");
    let took = started.elapsed();
    assert_eq!(err, Error::Timeout);
    assert!(err.is_transient());
    // Three attempts of 500 ms (the first and two retries), and not much more.
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(5),
        "{took:?}"
    );
    assert_eq!(fake.requests().len(), 3);
    assert_eq!(naps.0.lock().expect("naps").len(), 2);
}

#[tokio::test]
async fn oauth_tokens_are_sent_as_bearer() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let zd = Zendesk::new(
        &fake.base,
        &ZendeskAuth::OAuth(Secret::new("oauth-abc")),
        options(&naps),
    )
    .expect("zd");
    let err = zd
        .poll("1", &Cursor::default())
        .await
        .expect_err("the fake only knows the API token");
    assert_eq!(err.code(), "auth");
    let sent = fake.requests();
    assert_eq!(
        sent[0].headers.get("authorization").map(String::as_str),
        Some("Bearer oauth-abc")
    );
}

#[tokio::test]
async fn an_endless_answer_is_cut_off() {
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    fake.fault(Fault::Status(200, None, " ".repeat(9 * 1024 * 1024)));
    let err = client(&fake, &naps, TOKEN)
        .poll("101", &Cursor::default())
        .await
        .expect_err("too big");
    match err {
        Error::BadResponse(m) => assert!(m.contains("larger than 8 MiB"), "{m}"),
        other => panic!("expected BadResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_not_opened_twice() {
    use reachright_connectors::Attempt;
    let fake = Fake::start();
    let naps = Arc::new(Naps::default());
    let zd = client(&fake, &naps, TOKEN);
    let attempt = Attempt {
        key: "case-7-desk-zd-3c1e0f".into(),
        since: "2026-05-20 08:00:00".into(),
        retry: false,
    };
    // Every answer of the first call is lost after the server created the request (the first
    // try and both retries): the call fails as the network would make it fail.
    fake.with(|s| s.lose_answers = 3);
    let lost = zd.create_ticket_once(&plain_ticket(), &attempt).await;
    assert!(lost.is_err(), "{lost:?}");
    // The caller retries later with the same key (kept in its pending row).
    let again = Attempt {
        retry: true,
        ..attempt.clone()
    };
    let created = zd
        .create_ticket_once(&plain_ticket(), &again)
        .await
        .expect("retry");
    assert_eq!(fake.with(|s| s.tickets.len()), 1, "one request, not two");
    assert!(fake.with(|s| s.tickets.contains_key(&created.id.parse().expect("id"))));
    let posts: Vec<Req> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path() == "/api/v2/requests.json")
        .collect();
    assert!(posts.len() >= 2);
    assert!(posts.iter().all(
        |r| r.headers.get("idempotency-key").map(String::as_str) == Some(attempt.key.as_str())
    ));

    // A lost answer inside one call is retried there, with the same key: one call, one request.
    let other = Attempt {
        key: "case-8-desk-zd-77aa01".into(),
        ..attempt
    };
    fake.with(|s| s.lose_answers = 1);
    zd.create_ticket_once(&plain_ticket(), &other)
        .await
        .expect("retried inside the call");
    assert_eq!(fake.with(|s| s.tickets.len()), 2);
}
