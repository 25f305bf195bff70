//! Fuzz body: a platform's answer as it arrives from IMAP (headers alone, then the whole
//! message: MIME, charsets, HTML, quoted history, attachments). Oracle: no panic; the kept text
//! is within its cap; the attachments hold no more than the input could decode to (base64 and
//! quoted-printable shrink; an undecodable byte in a text part becomes U+FFFD, three bytes), so
//! nothing grows out of a small message.

pub fn run(data: &[u8]) {
    let _ = reachright_mail::parse::head(data);
    if let Ok(a) = reachright_mail::parse::answer(data) {
        assert!(
            a.text.chars().count() <= reachright_mail::parse::MAX_TEXT_CHARS,
            "answer text over its cap"
        );
        let total: usize = a.attachments.iter().map(|e| e.bytes.len()).sum();
        assert!(
            total <= data.len() * 3 + 64,
            "attachments hold {total} bytes from a {}-byte message",
            data.len()
        );
        let _ = reachright_mail::parse::trim_quoted(&a.text);
    }
}
