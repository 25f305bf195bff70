//! Fuzz body: a platform's answer as it arrives from IMAP (headers alone, then the whole
//! message: MIME, charsets, HTML, quoted history, attachments). Oracle: no panic; the kept text
//! is within its cap; every attachment's bytes come from the input (nothing grows out of it
//! beyond what base64/quoted-printable decoding can give).

pub fn run(data: &[u8]) {
    let _ = reachright_mail::parse::head(data);
    if let Ok(a) = reachright_mail::parse::answer(data) {
        assert!(
            a.text.chars().count() <= reachright_mail::parse::MAX_TEXT_CHARS,
            "answer text over its cap"
        );
        let total: usize = a.attachments.iter().map(|e| e.bytes.len()).sum();
        assert!(
            total <= data.len(),
            "attachments hold {total} bytes from a {}-byte message",
            data.len()
        );
        let _ = reachright_mail::parse::trim_quoted(&a.text);
    }
}
