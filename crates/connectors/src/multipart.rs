//! A `multipart/form-data` body (RFC 7578), written here because RT's create is the only request
//! that needs one and every part already knows its media type: reqwest's form support brought its
//! own streaming body and `mime_guess`'s table of file extensions (9 KB of the binary,
//! `bench/size.sh`).

/// One part: a text field or a file.
pub(crate) struct Part<'a> {
    pub name: &'a str,
    /// `Some` for a file part; already cleaned of characters that could break the header.
    pub file_name: Option<&'a str>,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// The finished body and the `Content-Type` header that names its boundary.
pub(crate) struct Body {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Writes the parts between a random boundary. 32 random hex digits cannot plausibly occur in a
/// part, as in reqwest's own forms. A media type that is not a plain `type/subtype` (it came from
/// a file's first bytes, but a header must not carry anything else) goes out as
/// `application/octet-stream`.
pub(crate) fn form(parts: &[Part<'_>]) -> Body {
    let boundary = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
    let size: usize = parts.iter().map(|p| p.bytes.len() + 200).sum();
    let mut out = Vec::with_capacity(size + 64);
    for p in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let disposition = match p.file_name {
            Some(file) => format!("form-data; name=\"{}\"; filename=\"{file}\"", p.name),
            None => format!("form-data; name=\"{}\"", p.name),
        };
        let content_type = if is_media_type(p.content_type) {
            p.content_type
        } else {
            "application/octet-stream"
        };
        out.extend_from_slice(
            format!("Content-Disposition: {disposition}\r\nContent-Type: {content_type}\r\n\r\n")
                .as_bytes(),
        );
        out.extend_from_slice(p.bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Body {
        content_type: format!("multipart/form-data; boundary={boundary}"),
        bytes: out,
    }
}

/// `type/subtype`, each an RFC 7230 token, and an optional `; charset=…` style tail of tokens.
fn is_media_type(value: &str) -> bool {
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    let mut params = value.split(';');
    let essence = params.next().unwrap_or_default().trim();
    let typed = matches!(essence.split_once('/'), Some((t, s)) if token(t) && token(s));
    typed
        && params.all(|p| {
            matches!(p.trim().split_once('='), Some((k, v)) if token(k) && token(v.trim_matches('"')))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boundary(body: &Body) -> String {
        body.content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap()
            .to_string()
    }

    #[test]
    fn parts_are_framed_by_the_header_boundary() {
        let body = form(&[
            Part {
                name: "JSON",
                file_name: None,
                content_type: "application/json",
                bytes: br#"{"Subject":"x"}"#,
            },
            Part {
                name: "Attachments",
                file_name: Some("截图 1.png"),
                content_type: "image/png",
                bytes: b"\x89PNG\r\n",
            },
        ]);
        let b = boundary(&body);
        assert_eq!(b.len(), 32);
        let text = String::from_utf8_lossy(&body.bytes);
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"JSON\"\r\n\
             Content-Type: application/json\r\n\r\n{{\"Subject\":\"x\"}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"Attachments\"; \
             filename=\"截图 1.png\"\r\nContent-Type: image/png\r\n\r\n\u{FFFD}PNG\r\n\r\n--{b}--\r\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn each_body_gets_its_own_boundary() {
        assert_ne!(boundary(&form(&[])), boundary(&form(&[])));
    }

    #[test]
    fn a_media_type_that_could_break_the_header_is_replaced() {
        for bad in [
            "",
            "png",
            "image/png\r\nX-Evil: 1",
            "image/ png",
            "text/plain; x",
        ] {
            let body = form(&[Part {
                name: "f",
                file_name: Some("a"),
                content_type: bad,
                bytes: b"1",
            }]);
            let text = String::from_utf8_lossy(&body.bytes).into_owned();
            assert!(
                text.contains("Content-Type: application/octet-stream\r\n"),
                "{bad:?}: {text}"
            );
            assert!(!text.contains("X-Evil"), "{bad:?}");
        }
        for good in [
            "image/png",
            "text/plain; charset=utf-8",
            "application/vnd.ms-excel",
        ] {
            assert!(is_media_type(good), "{good}");
        }
    }
}
