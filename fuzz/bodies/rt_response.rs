//! Fuzz body: Request Tracker's REST2 answers, through the real connector and HTTP client. A
//! loopback server answers a poll's requests with parts of the input (split at `\n--\n`): the
//! ticket (part 0), every history page (part 1), every transaction's attachments (part 2).
//! Oracle: no panic; the poll ends (with updates or a clear error) within its page bound; no
//! transaction is reported twice (every history page is the same part, so never more replies
//! than distinct transaction ids on it).

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use reachright_connectors::{Cursor, Helpdesk, HttpOptions, Rt, RtConfig, Secret, Update};

type Parts = Arc<Mutex<Vec<Vec<u8>>>>;

/// One server per process, serving whatever the current input says.
fn server() -> &'static (String, Parts) {
    static SERVER: OnceLock<(String, Parts)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let parts: Parts = Arc::new(Mutex::new(Vec::new()));
        let serving = parts.clone();
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
                let target = head.split_whitespace().nth(1).unwrap_or("");
                let path = target.split('?').next().unwrap_or("");
                let index = if path.ends_with("/ticket/1") {
                    0
                } else if path.ends_with("/history") {
                    1
                } else {
                    2
                };
                let body = serving
                    .lock()
                    .map(|p| p.get(index).cloned().unwrap_or_default())
                    .unwrap_or_default();
                let mut resp = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"2\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                resp.extend_from_slice(&body);
                let _ = stream.write_all(&resp);
            }
        });
        (base, parts)
    })
}

fn split(data: &[u8]) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(4).position(|w| w == b"\n--\n") {
        parts.push(rest[..at].to_vec());
        rest = &rest[at + 4..];
    }
    parts.push(rest.to_vec());
    parts
}

/// The distinct transaction ids on the history page, as written.
fn item_ids(page: &[u8]) -> usize {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(page) else {
        return 0;
    };
    let ids: HashSet<String> = v["items"]
        .as_array()
        .map(|a| a.iter().map(|i| i["id"].to_string()).collect())
        .unwrap_or_default();
    ids.len()
}

pub fn run(data: &[u8]) {
    let (base, parts) = server();
    let split = split(data);
    let ids = split.get(1).map_or(0, |p| item_ids(p));
    *parts.lock().expect("parts") = split;
    let options = HttpOptions {
        timeout: Duration::from_secs(5),
        max_retries: 0,
        ..HttpOptions::default()
    };
    let rt = Rt::new(
        RtConfig {
            base_url: base.clone(),
            queue: "General".into(),
            requestor: None,
        },
        &Secret::new(String::from("t")),
        options,
    )
    .expect("rt");
    let cursor = Cursor {
        etag: Some("\"1\"".into()),
        seen: Some("100".into()),
        status: Some("open".into()),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if let Ok(poll) = runtime.block_on(rt.poll("1", &cursor)) {
        let replies = poll
            .updates
            .iter()
            .filter(|u| matches!(u, Update::Reply { .. }))
            .count();
        assert!(
            replies <= ids,
            "{replies} replies from {ids} distinct transactions"
        );
    }
}
