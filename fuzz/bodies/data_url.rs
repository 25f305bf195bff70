//! Fuzz body: what the user types or pastes into a platform's one contact field (quick add), a
//! pasted 企业微信/微信 QR picture among it as a `data:image/…;base64,` URL. Oracle: no panic; a
//! recognised contact is what it says (a link is http(s), an e-mail has an `@`, a phone number
//! only phone characters, a QQ number 5–11 digits); a picture the profile accepts decodes as
//! base64 to bytes that begin as its media type says.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use reachright_api::platforms::{recognise, ContactAtHand};
use reachright_core::profile::{check_picture_url, is_qq_number};

fn check_picture(url: &str) {
    if url.is_empty() || check_picture_url(url).is_err() {
        return;
    }
    let (head, data) = url
        .split_once(";base64,")
        .expect("an accepted picture has ;base64,");
    let bytes = B64
        .decode(data)
        .unwrap_or_else(|e| panic!("an accepted picture is not base64: {e}"));
    let magic: &[u8] = match head {
        "data:image/png" => b"\x89PNG\r\n\x1a",
        "data:image/jpeg" => b"\xff\xd8\xff",
        "data:image/webp" => b"RIF",
        other => panic!("{other} accepted"),
    };
    assert!(
        bytes.starts_with(magic),
        "{head}: the bytes are not that type"
    );
}

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_picture(&text);
    match recognise(&text) {
        None => {}
        Some(ContactAtHand::Picture(url)) => {
            assert!(url.starts_with("data:image/"));
            check_picture(&url);
        }
        Some(ContactAtHand::Web(url)) => {
            let lower = url.to_ascii_lowercase();
            assert!(
                lower.starts_with("https://") || lower.starts_with("http://"),
                "{url:?}"
            );
        }
        Some(ContactAtHand::Email(e)) => {
            assert!(e.contains('@') && !e.contains(char::is_whitespace), "{e:?}");
        }
        Some(ContactAtHand::Phone(p)) => {
            assert!(
                p.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c))
                    && p.chars().any(|c| c.is_ascii_digit()),
                "{p:?}"
            );
        }
        Some(ContactAtHand::Qq(q)) => assert!(is_qq_number(&q), "{q:?}"),
    }
}
