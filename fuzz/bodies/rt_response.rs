//! Fuzz body: Request Tracker's REST2 answers, through the real connector and HTTP client. A
//! loopback server answers a poll's requests with parts of the input (split at `\n--\n`): the
//! ticket (part 0), every history page (part 1), every transaction's attachments (part 2).
//! Oracle: no panic; the poll ends (with updates or a clear error) within its page bound; no
//! transaction is reported twice (every history page is the same part, so never more replies
//! than distinct transaction ids on it).

#[path = "loopback.rs"]
mod loopback;

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Duration;

use loopback::Loopback;
use reachright_connectors::{Cursor, Helpdesk, HttpOptions, Rt, RtConfig, Secret, Update};

/// Part 0 for the ticket, 1 for every history page, 2 for every transaction's attachments.
fn route(path: &str) -> usize {
    if path.ends_with("/ticket/1") {
        0
    } else if path.ends_with("/history") {
        1
    } else {
        2
    }
}

/// One server per process, serving whatever the current input says.
fn server() -> &'static Loopback {
    static SERVER: OnceLock<Loopback> = OnceLock::new();
    SERVER.get_or_init(|| loopback::start(route))
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
    let Loopback { base, parts } = server();
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
