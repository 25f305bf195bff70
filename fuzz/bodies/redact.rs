//! Fuzz body: the redactor for public complaint sites (黑猫投诉 is public and permanent).
//! Oracle: no panic; no e-mail address with a readable local part of two or more characters is
//! left in the output; redacting the output again changes nothing it had already masked away
//! (no masked character comes back).

use std::sync::LazyLock;

use reachright_core::compose::redact_for_public;
use regex::Regex;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]{2,}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .expect("regex")
});

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let out = redact_for_public(&text);
    if let Some(m) = EMAIL.find(&out) {
        panic!("an e-mail address is left readable: {:?}", m.as_str());
    }
    let again = redact_for_public(&out);
    assert!(
        again.matches('*').count() >= out.matches('*').count(),
        "a second redaction unmasked characters"
    );
}
