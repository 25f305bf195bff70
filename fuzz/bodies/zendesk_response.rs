//! Fuzz body: Zendesk's answers to a poll, through the real connector and HTTP client. A
//! loopback server answers with parts of the input (split at `\n--\n`): the request (part 0) and
//! every comments page (part 1); `@@` in a part stands for the server's own address, so a next
//! page link can stay on the account's origin (and point back at the same page).
//! Oracle: no panic; the poll ends (with updates or a clear error) within its page bound, and no
//! comment is reported twice: never more replies than distinct comment ids on the page.

#[path = "loopback.rs"]
mod loopback;

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Duration;

use loopback::Loopback;
use reachright_connectors::{Cursor, Helpdesk, HttpOptions, Secret, Update, Zendesk, ZendeskAuth};

/// Part 1 for the comments pages, part 0 (the request) otherwise.
fn route(path: &str) -> usize {
    usize::from(path.ends_with("/comments.json"))
}

/// One server per process, serving whatever the current input says.
fn server() -> &'static Loopback {
    static SERVER: OnceLock<Loopback> = OnceLock::new();
    SERVER.get_or_init(|| loopback::start(route))
}

fn split(data: &[u8], base: &str) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut rest = data;
    loop {
        let (part, next) = match rest.windows(4).position(|w| w == b"\n--\n") {
            Some(at) => (&rest[..at], Some(&rest[at + 4..])),
            None => (rest, None),
        };
        let mut out = Vec::with_capacity(part.len());
        let mut i = 0;
        while i < part.len() {
            if part[i..].starts_with(b"@@") {
                out.extend_from_slice(base.as_bytes());
                i += 2;
            } else {
                out.push(part[i]);
                i += 1;
            }
        }
        parts.push(out);
        match next {
            Some(n) => rest = n,
            None => return parts,
        }
    }
}

/// The distinct comment ids on the comments page, as written.
fn comment_ids(page: &[u8]) -> usize {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(page) else {
        return 0;
    };
    let ids: HashSet<String> = v["comments"]
        .as_array()
        .map(|a| a.iter().map(|c| c["id"].to_string()).collect())
        .unwrap_or_default();
    ids.len()
}

pub fn run(data: &[u8]) {
    let Loopback { base, parts } = server();
    let split = split(data, base);
    let ids = split.get(1).map_or(0, |p| comment_ids(p));
    *parts.lock().expect("parts") = split;
    let options = HttpOptions {
        timeout: Duration::from_secs(5),
        max_retries: 0,
        ..HttpOptions::default()
    };
    let zendesk = Zendesk::new(
        base,
        &ZendeskAuth::OAuth(Secret::new(String::from("t"))),
        options,
    )
    .expect("zendesk");
    let cursor = Cursor {
        etag: Some("\"1\"".into()),
        seen: Some("100".into()),
        status: Some("open".into()),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if let Ok(poll) = runtime.block_on(zendesk.poll("1", &cursor)) {
        let replies = poll
            .updates
            .iter()
            .filter(|u| matches!(u, Update::Reply { .. }))
            .count();
        assert!(
            replies <= ids,
            "{replies} replies from {ids} distinct comments"
        );
    }
}
