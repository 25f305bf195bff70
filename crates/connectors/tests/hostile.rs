//! Both HTTP connectors (Request Tracker and Zendesk) against loopback servers that misbehave on
//! purpose: a redirect to another origin, no answer, a slow drip, a body over the cap, invalid
//! JSON and UTF-8, an HTML error page, a 500 loop, 401/404, 429 with `Retry-After`, 1,000 items
//! on a page, the same reply on two pages. Every call must end within its timeout with a typed
//! error (or its updates, each reply once), never follow the redirect, and never put HTML
//! markup in its message.
//!
//! Each server is a `std::net::TcpListener` answering every request with the same scripted
//! misbehaviour, and logging what it received (so a test can assert no token leaked to it).

use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reachright_connectors::{
    Cursor, Error, Helpdesk, HttpOptions, NewTicket, Rt, RtConfig, Secret, Sleeper, Zendesk,
    ZendeskAuth, MAX_BODY,
};

const TOKEN: &str = "hostile-test-token-9f8e";

/// The whole response to a request's target (path and query).
type Answer = Arc<dyn Fn(&str) -> Vec<u8> + Send + Sync>;

/// What the server does with every request it reads.
#[derive(Clone)]
enum Act {
    /// Writes these bytes, then closes.
    Raw(Vec<u8>),
    /// Headers and a body that never ends (chunks of 64 KiB, as fast as the client reads).
    Endless,
    /// Headers, then one byte every 50 ms, forever: each byte arrives well within any read
    /// timeout, so only a budget for the whole request ends it.
    Drip,
    /// Reads the request and never answers.
    Silent,
    /// Answers with what the function returns for the request's target (path and query).
    Route(Answer),
}

struct Server {
    base: String,
    /// The head (request line and headers) of every request received.
    seen: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(act: Act) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let act = act.clone();
                let log = log.clone();
                std::thread::spawn(move || serve(stream, &act, &log));
            }
        });
        Server { base, seen }
    }

    fn requests(&self) -> Vec<String> {
        self.seen.lock().expect("seen").clone()
    }
}

fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            return Some(String::from_utf8_lossy(&buf[..p]).into_owned());
        }
    }
}

fn serve(mut stream: TcpStream, act: &Act, log: &Mutex<Vec<String>>) {
    let Some(head) = read_head(&mut stream) else {
        return;
    };
    log.lock().expect("log").push(head.clone());
    match act {
        Act::Raw(bytes) => {
            let _ = stream.write_all(bytes);
        }
        Act::Endless => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            );
            let block = vec![b' '; 64 * 1024];
            let mut framed = format!("{:x}\r\n", block.len()).into_bytes();
            framed.extend_from_slice(&block);
            framed.extend_from_slice(b"\r\n");
            while stream.write_all(&framed).is_ok() {}
        }
        Act::Drip => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
            );
            while stream.write_all(b" ").is_ok() {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Act::Route(answer) => {
            let target = head.split_whitespace().nth(1).unwrap_or("");
            let _ = stream.write_all(&answer(target));
        }
        Act::Silent => {
            // Hold the socket open, answering nothing, until the client gives up.
            let mut sink = [0u8; 1024];
            while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
        }
    }
}

fn reply(status: &str, content_type: &str, body: &[u8]) -> Act {
    Act::Raw(response(status, content_type, body))
}

fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// Records the backoff instead of sleeping it.
#[derive(Default)]
struct Naps(Mutex<Vec<Duration>>);

impl Sleeper for Naps {
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.0.lock().expect("naps").push(d);
        Box::pin(async {})
    }
}

/// The timeout of a call whose server answers. Generous: an 8 MiB answer under Wine on a loaded
/// machine took longer than the 800 ms the timeout tests use, and a timeout is not what they test.
const ANSWERING: Duration = Duration::from_secs(20);
/// The timeout of a call whose server never finishes: short, so those tests end quickly.
const SILENT: Duration = Duration::from_millis(800);

fn options(naps: &Arc<Naps>) -> HttpOptions {
    options_within(naps, ANSWERING)
}

fn options_within(naps: &Arc<Naps>, timeout: Duration) -> HttpOptions {
    HttpOptions {
        timeout,
        connect_timeout: SILENT,
        max_retries: 2,
        base_backoff: Duration::from_millis(100),
        sleeper: naps.clone(),
        jitter: Arc::new(|| 0.0),
        ..HttpOptions::default()
    }
}

fn rt(base: &str, naps: &Arc<Naps>, timeout: Duration) -> Rt {
    Rt::new(
        RtConfig {
            base_url: base.into(),
            queue: "General".into(),
            requestor: Some("me@example.com".into()),
        },
        &Secret::new(TOKEN),
        options_within(naps, timeout),
    )
    .expect("rt")
}

fn zendesk(base: &str, naps: &Arc<Naps>, timeout: Duration) -> Zendesk {
    let options = options_within(naps, timeout);
    Zendesk::new(base, &ZendeskAuth::OAuth(Secret::new(TOKEN)), options).expect("zendesk")
}

fn ticket() -> NewTicket {
    NewTicket {
        subject: "A-1-退款-紧急".into(),
        body: "正文".into(),
        requester: None,
        attachments: Vec::new(),
    }
}

/// Polls ticket 7 and creates a ticket on both backends against a server doing `act`; returns
/// the four errors (all four calls must fail) and the server.
async fn all_four(act: Act) -> (Vec<(&'static str, Error)>, Server, Arc<Naps>) {
    all_four_within(act, ANSWERING).await
}

async fn all_four_within(
    act: Act,
    timeout: Duration,
) -> (Vec<(&'static str, Error)>, Server, Arc<Naps>) {
    let server = Server::start(act);
    let naps = Arc::new(Naps::default());
    let r = rt(&server.base, &naps, timeout);
    let z = zendesk(&server.base, &naps, timeout);
    let cursor = Cursor::default();
    let mut out = Vec::new();
    let fail = |what: &str, got: Result<(), Error>| match got {
        Err(e) => e,
        Ok(()) => panic!("{what}: expected an error"),
    };
    out.push((
        "rt poll",
        fail("rt poll", r.poll("7", &cursor).await.map(|_| ())),
    ));
    out.push((
        "rt create",
        fail("rt create", r.create_ticket(&ticket()).await.map(|_| ())),
    ));
    out.push((
        "zendesk poll",
        fail("zendesk poll", z.poll("7", &cursor).await.map(|_| ())),
    ));
    out.push((
        "zendesk create",
        fail(
            "zendesk create",
            z.create_ticket(&ticket()).await.map(|_| ()),
        ),
    ));
    (out, server, naps)
}

fn assert_clean(what: &str, e: &Error) {
    let msg = e.to_string();
    assert!(!msg.contains(TOKEN), "{what}: token in {msg}");
    assert!(!msg.contains('<'), "{what}: markup in {msg}");
    assert!(!msg.contains('\n'), "{what}: a multi-line message: {msg}");
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_an_error_naming_it_and_sends_nothing_there() {
    let thief = Server::start(reply("200 OK", "application/json", b"{}"));
    let target = format!("{}/steal", thief.base);
    let act = Act::Raw(
        format!(
            "HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .into_bytes(),
    );
    let (errors, server, _) = all_four(act).await;
    for (what, e) in &errors {
        match e {
            Error::Redirected { status: 302, to } => assert_eq!(to, &target, "{what}"),
            other => panic!("{what}: expected a redirect error, got {other:?}"),
        }
        assert!(e.to_string().contains(&target), "{what}: {e}");
        assert_clean(what, e);
    }
    // The redirecting server saw the token (it is the saved address); the target saw nothing.
    assert!(server.requests().iter().all(|h| h.contains(TOKEN)));
    assert_eq!(thief.requests(), Vec::<String>::new());
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_naming_the_cap() {
    let huge = vec![b'x'; MAX_BODY + 1];
    for act in [reply("200 OK", "application/json", &huge), Act::Endless] {
        let (errors, _, _) = all_four(act).await;
        for (what, e) in &errors {
            assert_eq!(e.code(), "bad_response", "{what}: {e}");
            assert!(e.to_string().contains("larger than 8 MiB"), "{what}: {e}");
            assert_clean(what, e);
        }
    }
}

#[tokio::test]
async fn no_answer_and_a_slow_drip_both_end_with_a_timeout() {
    for act in [Act::Silent, Act::Drip] {
        let (errors, _, _) = all_four_within(act, SILENT).await;
        for (what, e) in &errors {
            assert_eq!(e, &Error::Timeout, "{what}");
        }
    }
}

#[tokio::test]
async fn invalid_json_invalid_utf8_and_a_wrong_content_type_are_bad_responses() {
    let cases: Vec<Act> = vec![
        reply("200 OK", "application/json", b"{\"Status\": \"open\", "),
        reply(
            "200 OK",
            "application/json",
            b"{\"Status\":\"\xff\xfe\",\"request\":{\"status\":\"\xff\"}}",
        ),
        reply(
            "200 OK",
            "text/html",
            b"<html><body><h1>Welcome</h1><script>alert(1)</script></body></html>",
        ),
        reply("201 Created", "application/json", b"[1,2,3]"),
    ];
    for act in cases {
        let (errors, _, _) = all_four(act).await;
        for (what, e) in &errors {
            assert_eq!(e.code(), "bad_response", "{what}: {e}");
            assert_clean(what, e);
        }
    }
}

#[tokio::test]
async fn an_html_error_page_becomes_text_in_the_message() {
    let page = b"<!DOCTYPE html><html><head><title>Bad Gateway</title><style>p{}</style></head>\
<body><h1>Request refused</h1><p>Your <b>request</b> was refused by the proxy.</p></body></html>";
    let (errors, _, _) = all_four(reply("400 Bad Request", "text/html", page)).await;
    for (what, e) in &errors {
        assert_eq!(e.code(), "bad_response", "{what}: {e}");
        let msg = e.to_string();
        assert!(msg.contains("Request refused"), "{what}: {msg}");
        assert!(msg.contains("was refused by the proxy"), "{what}: {msg}");
        assert_clean(what, e);
    }
}

#[tokio::test]
async fn a_500_loop_backs_off_then_gives_up_and_a_post_is_never_repeated() {
    let page = b"<html><body>Internal error</body></html>";
    let (errors, server, naps) = all_four(reply("500 Oops", "text/html", page)).await;
    for (what, e) in &errors {
        assert_eq!(e, &Error::Server(500), "{what}");
    }
    let heads = server.requests();
    let gets = heads.iter().filter(|h| h.starts_with("GET ")).count();
    let posts = heads.iter().filter(|h| h.starts_with("POST ")).count();
    // Each poll: the first try and two retries; each create: one POST (it may have acted).
    assert_eq!(gets, 2 * 3, "{heads:?}");
    assert_eq!(posts, 2, "{heads:?}");
    // Doubling backoff for each poll (jitter fixed at the low end).
    let waits = naps.0.lock().expect("naps").clone();
    let one = [Duration::from_millis(50), Duration::from_millis(100)];
    assert_eq!(waits, [one, one].concat());
}

#[tokio::test]
async fn one_poll_ends_at_its_budget_whatever_the_retries_would_allow() {
    // Each attempt may take 1 s and three are allowed (3 s), but the poll's budget is 1.5 s:
    // the second attempt is cut off and there is no third.
    let server = Server::start(Act::Silent);
    let naps = Arc::new(Naps::default());
    let opts = HttpOptions {
        timeout: Duration::from_secs(1),
        poll_budget: Duration::from_millis(1500),
        ..options(&naps)
    };
    let r = Rt::new(
        RtConfig {
            base_url: server.base.clone(),
            queue: "General".into(),
            requestor: None,
        },
        &Secret::new(TOKEN),
        opts.clone(),
    )
    .expect("rt");
    let z =
        Zendesk::new(&server.base, &ZendeskAuth::OAuth(Secret::new(TOKEN)), opts).expect("zendesk");
    assert_eq!(
        r.poll("7", &Cursor::default()).await.map(|_| ()),
        Err(Error::Timeout)
    );
    assert_eq!(
        z.poll("7", &Cursor::default()).await.map(|_| ()),
        Err(Error::Timeout)
    );
    assert_eq!(server.requests().len(), 2 * 2, "{:?}", server.requests());
}

#[tokio::test]
async fn a_redirect_to_another_host_name_is_not_followed_whatever_its_status() {
    for status in [
        "301 Moved Permanently",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let act = Act::Raw(
            format!(
                "HTTP/1.1 {status}\r\nLocation: https://attacker.example/steal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .into_bytes(),
        );
        let (errors, _, _) = all_four(act).await;
        for (what, e) in &errors {
            assert_eq!(e.code(), "redirected", "{what} {status}: {e}");
            assert!(
                e.to_string().contains("https://attacker.example/steal"),
                "{what}: {e}"
            );
            assert_clean(what, e);
        }
    }
}

#[tokio::test]
async fn auth_and_not_found_are_typed_errors_without_the_token() {
    let cases = [
        ("401 Unauthorized", "auth"),
        ("403 Forbidden", "auth"),
        ("404 Not Found", "not_found"),
    ];
    for (status, code) in cases {
        let body = format!(r#"{{"message":"{status}"}}"#);
        let (errors, server, _) =
            all_four(reply(status, "application/json", body.as_bytes())).await;
        for (what, e) in &errors {
            assert_eq!(e.code(), code, "{what}: {e}");
            assert_clean(what, e);
        }
        // Not retried: one request per call.
        assert_eq!(server.requests().len(), 4, "{status}");
    }
}

#[tokio::test]
async fn rate_limits_wait_as_told_then_give_the_wait_back_and_a_long_one_is_not_waited() {
    let limited = |after: &str| {
        Act::Raw(
            format!(
                "HTTP/1.1 429 Too Many Requests\r\nRetry-After: {after}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .into_bytes(),
        )
    };
    // A short wait is waited out (twice: the retries), then the error carries it.
    let (errors, server, naps) = all_four(limited("7")).await;
    for (what, e) in &errors {
        assert_eq!(
            e,
            &Error::RateLimited {
                retry_after: Some(Duration::from_secs(7))
            },
            "{what}"
        );
        assert_clean(what, e);
    }
    assert_eq!(server.requests().len(), 4 * 3);
    assert_eq!(
        *naps.0.lock().expect("naps"),
        vec![Duration::from_secs(7); 4 * 2]
    );
    // An hour is not waited here: the tracker schedules the next poll after it.
    let (errors, server, naps) = all_four(limited("3600")).await;
    for (what, e) in &errors {
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)), "{what}");
    }
    assert_eq!(server.requests().len(), 4);
    assert!(naps.0.lock().expect("naps").is_empty());
}

/// A Request Tracker whose history is `pages` (page N is `pages[N-1]`), where every staff reply
/// (transaction) has the text `reply <id>`.
fn rt_server(pages: Vec<String>) -> Server {
    Server::start(Act::Route(Arc::new(move |target: &str| {
        let path = target.split('?').next().unwrap_or("");
        let json = |body: &str| response("200 OK", "application/json", body.as_bytes());
        if path.ends_with("/ticket/7") {
            return json(
                r#"{"Status":"open","Requestor":[{"id":"me@example.com","type":"user"}]}"#,
            );
        }
        if path.ends_with("/ticket/7/history") {
            let page: usize = target
                .split("&page=")
                .nth(1)
                .and_then(|p| p.split('&').next())
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            return json(pages.get(page - 1).map_or("{\"items\":[]}", String::as_str));
        }
        let id = path.split('/').rev().nth(1).unwrap_or("?");
        json(&format!(
            r#"{{"items":[{{"ContentType":"text/plain","Content":"reply {id}"}}]}}"#
        ))
    })))
}

fn rt_item(id: u32) -> String {
    format!(r#"{{"Type":"Correspond","id":"{id}","Creator":{{"id":"staff","type":"user"}}}}"#)
}

fn reply_texts(poll: &reachright_connectors::Poll) -> Vec<String> {
    poll.updates
        .iter()
        .filter_map(|u| match u {
            reachright_connectors::Update::Reply { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn the_same_reply_on_two_pages_is_reported_once() {
    // RT: transaction 301 ends page 1 and, shifted by a new one, starts page 2.
    let pages = vec![
        format!(
            r#"{{"pages":2,"items":[{},{}]}}"#,
            rt_item(302),
            rt_item(301)
        ),
        format!(
            r#"{{"pages":2,"items":[{},{}]}}"#,
            rt_item(301),
            rt_item(300)
        ),
    ];
    let server = rt_server(pages);
    let naps = Arc::new(Naps::default());
    let cursor = Cursor {
        seen: Some("299".into()),
        ..Cursor::default()
    };
    let poll = rt(&server.base, &naps, ANSWERING)
        .poll("7", &cursor)
        .await
        .expect("rt poll");
    assert_eq!(reply_texts(&poll), ["reply 300", "reply 301", "reply 302"]);
    assert_eq!(poll.cursor.seen.as_deref(), Some("302"));

    // Zendesk: comment 501 on both pages (the next link points back at the same page).
    let comment =
        |id: u32| format!(r#"{{"id":{id},"author_id":9,"public":true,"plain_body":"reply {id}"}}"#);
    let page = Arc::new(Mutex::new(0u32));
    let base = Arc::new(Mutex::new(String::new()));
    let (p, b) = (page.clone(), base.clone());
    let server = Server::start(Act::Route(Arc::new(move |target: &str| {
        let json = |body: &str| response("200 OK", "application/json", body.as_bytes());
        if target.contains("/comments.json") {
            let mut n = p.lock().expect("page");
            *n += 1;
            let users = r#""users":[{"id":9,"name":"客服","agent":true}]"#;
            return if *n == 1 {
                let next = format!(
                    "{}/api/v2/requests/7/comments.json?page=2",
                    b.lock().expect("base")
                );
                json(&format!(
                    r#"{{"comments":[{},{}],{users},"next_page":"{next}"}}"#,
                    comment(502),
                    comment(501)
                ))
            } else {
                json(&format!(
                    r#"{{"comments":[{},{}],{users},"next_page":null}}"#,
                    comment(501),
                    comment(500)
                ))
            };
        }
        json(r#"{"request":{"id":7,"status":"open","requester_id":5}}"#)
    })));
    *base.lock().expect("base") = server.base.clone();
    let poll = zendesk(&server.base, &naps, ANSWERING)
        .poll("7", &Cursor::default())
        .await
        .expect("zendesk poll");
    assert_eq!(reply_texts(&poll), ["reply 500", "reply 501", "reply 502"]);
    assert_eq!(*page.lock().expect("page"), 2);
}

#[tokio::test]
async fn a_thousand_items_on_one_page_are_read_each_once() {
    // A server that ignores `per_page`: 1,000 staff replies on RT's first page (each reply's
    // text is one more request) and 1,000 comments on Zendesk's.
    let items: Vec<String> = (1..=1000).rev().map(rt_item).collect();
    let server = rt_server(vec![format!(
        r#"{{"pages":1,"items":[{}]}}"#,
        items.join(",")
    )]);
    let naps = Arc::new(Naps::default());
    let poll = rt(&server.base, &naps, ANSWERING)
        .poll("7", &Cursor::default())
        .await
        .expect("rt poll");
    let texts = reply_texts(&poll);
    assert_eq!(texts.len(), 1000);
    assert_eq!(texts.first().map(String::as_str), Some("reply 1"));
    assert_eq!(poll.cursor.seen.as_deref(), Some("1000"));

    let comments: Vec<String> = (1..=1000)
        .map(|id| format!(r#"{{"id":{id},"author_id":9,"public":true,"plain_body":"c{id}"}}"#))
        .collect();
    let page = format!(
        r#"{{"comments":[{}],"users":[{{"id":9,"name":"客服","agent":true}}],"next_page":null}}"#,
        comments.join(",")
    );
    let server = Server::start(Act::Route(Arc::new(move |target: &str| {
        let body = if target.contains("/comments.json") {
            page.clone()
        } else {
            r#"{"request":{"id":7,"status":"open","requester_id":5}}"#.to_string()
        };
        response("200 OK", "application/json", body.as_bytes())
    })));
    let poll = zendesk(&server.base, &naps, ANSWERING)
        .poll("7", &Cursor::default())
        .await
        .expect("zendesk poll");
    assert_eq!(reply_texts(&poll).len(), 1000);
    assert_eq!(poll.cursor.seen.as_deref(), Some("1000"));
}
