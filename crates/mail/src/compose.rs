//! The complaint as an e-mail: the composer's subject (`订单号-问题类型-紧急程度`, RFC 2047
//! encoded by lettre) and body (contact details at its end), the chosen evidence attached with
//! RFC 2231 file names. Evidence leaves the machine as it does in the export: through
//! `vault::strip::remove_location`, fail-closed (a file whose location could not be removed is
//! not attached, and is listed with why). Many files go as one zip; too much is a clear error.

use std::io::Write;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use reachright_vault::{remove_location, Location};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::presets::domain_of;

/// The most a message may hold in attachments (before base64, which adds a third): QQ and
/// 网易 take 50 MB, Gmail 25 MB including the encoding; 18 MB of files stays under all of them.
pub const MAX_ATTACHMENT_BYTES: usize = 18 * 1024 * 1024;

/// More files than this go as one zip: a mail with a dozen attachments is hard to read and
/// some servers cap the number of parts.
pub const ZIP_ABOVE_FILES: usize = 5;

/// One evidence file as it is in the vault (decrypted).
#[derive(Debug, Clone)]
pub struct Evidence {
    pub name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// A file that was not attached, and why (same codes as a ticket's: `location_not_removed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub name: String,
    pub code: String,
    /// The vault's reason, `中文 · English`.
    pub reason: String,
}

/// What to send.
#[derive(Debug, Clone)]
pub struct Draft {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub evidence: Vec<Evidence>,
    /// The zip's file name when the evidence is zipped (`证据材料.zip` / `evidence.zip`).
    pub zip_name: String,
}

/// The message, ready for SMTP and IMAP APPEND.
#[derive(Debug, Clone)]
pub struct Composed {
    /// With its angle brackets: `<…@domain>`.
    pub message_id: String,
    pub bytes: Vec<u8>,
    /// The files attached (inside the zip, when zipped), by name.
    pub attached: Vec<String>,
    pub skipped: Vec<Skipped>,
    pub location_removed: Vec<String>,
    pub zipped: bool,
}

/// A fresh Message-ID in the sender's domain (the domain keeps it unique per mailbox; the
/// random part per message).
pub fn new_message_id(from: &str, now: DateTime<Utc>) -> Result<String> {
    let domain = domain_of(from)?;
    Ok(format!(
        "<reachright.{}.{:016x}@{domain}>",
        now.timestamp_millis(),
        fastrand::u64(..)
    ))
}

fn mailbox(field: &'static str, s: &str) -> Result<Mailbox> {
    s.trim()
        .parse()
        .map_err(|e| Error::invalid(field, format!("{s:?} is not an e-mail address: {e}")))
}

/// Evidence made ready to leave: location removed (fail-closed), sizes counted.
fn prepare(evidence: Vec<Evidence>) -> (Vec<Evidence>, Vec<Skipped>, Vec<String>) {
    let mut ready = Vec::new();
    let mut skipped = Vec::new();
    let mut removed = Vec::new();
    for mut e in evidence {
        let stripped = remove_location(&e.bytes, &e.media_type);
        match stripped.location {
            Location::NotRemoved => {
                skipped.push(Skipped {
                    name: e.name,
                    code: "location_not_removed".into(),
                    reason: stripped
                        .note
                        .unwrap_or("无法确认 · it could not be checked")
                        .into(),
                });
                continue;
            }
            Location::Removed => {
                removed.push(e.name.clone());
                if let Some(b) = stripped.bytes {
                    e.bytes = b;
                }
            }
            _ => {}
        }
        ready.push(e);
    }
    (ready, skipped, removed)
}

/// One zip of the files (deflated; names kept, UTF-8 flagged by the zip crate). A name used
/// twice gets ` (2)`.
fn zip(files: &[Evidence]) -> Result<Vec<u8>> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut used = std::collections::HashSet::new();
    for f in files {
        let mut name = f.name.replace(['/', '\\'], "_");
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = match f.name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem} ({n}).{ext}"),
                None => format!("{} ({n})", f.name),
            };
            n += 1;
        }
        out.start_file(name, opts)
            .and_then(|()| out.write_all(&f.bytes).map_err(Into::into))
            .map_err(|e| Error::Compose(format!("zip: {e}")))?;
    }
    out.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| Error::Compose(format!("zip: {e}")))
}

fn content_type(media_type: &str) -> ContentType {
    ContentType::parse(media_type)
        .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("a valid type"))
}

/// The e-mail with its evidence, dated `now`, with a new Message-ID.
pub fn compose(draft: Draft, now: DateTime<Utc>) -> Result<Composed> {
    let subject = draft.subject.trim();
    if subject.is_empty() {
        return Err(Error::invalid("subject", "the subject is empty"));
    }
    if draft.body.trim().is_empty() {
        return Err(Error::invalid("body", "the text is empty"));
    }
    let from = mailbox("email", &draft.from)?;
    let to = mailbox("to", &draft.to)?;
    crate::presets::check_address(&draft.to).or_else(|e| match e {
        // Writing *to* an Outlook address is fine; only signing in to one is not.
        Error::OAuthOnly { .. } => Ok(()),
        other => Err(other),
    })?;
    let message_id = new_message_id(&draft.from, now)?;
    let (ready, skipped, location_removed) = prepare(draft.evidence);
    let total: usize = ready.iter().map(|e| e.bytes.len()).sum();
    if total > MAX_ATTACHMENT_BYTES {
        return Err(Error::TooLarge {
            size_mb: total as f64 / (1024.0 * 1024.0),
            limit_mb: (MAX_ATTACHMENT_BYTES / (1024 * 1024)) as u64,
        });
    }
    let attached: Vec<String> = ready.iter().map(|e| e.name.clone()).collect();
    let zipped = ready.len() > ZIP_ABOVE_FILES;
    let parts: Vec<SinglePart> = if zipped {
        vec![Attachment::new(draft.zip_name.clone())
            .body(zip(&ready)?, content_type("application/zip"))]
    } else {
        ready
            .into_iter()
            .map(|e| Attachment::new(e.name).body(e.bytes, content_type(&e.media_type)))
            .collect()
    };
    let text = SinglePart::plain(draft.body.clone());
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .date(SystemTime::from(now))
        .message_id(Some(message_id.clone()))
        .user_agent("ReachRight".into());
    let message = if parts.is_empty() {
        builder.singlepart(text)
    } else {
        let mut mixed = MultiPart::mixed().singlepart(text);
        for p in parts {
            mixed = mixed.singlepart(p);
        }
        builder.multipart(mixed)
    }
    .map_err(|e| Error::Compose(e.to_string()))?;
    Ok(Composed {
        message_id,
        bytes: message.formatted(),
        attached,
        skipped,
        location_removed,
        zipped,
    })
}

/// The order number of a subject in the seed's format: what comes before the first `-`, when
/// it looks like an order number (at least 4 letters or digits, no spaces).
pub fn order_of_subject(subject: &str) -> Option<String> {
    let first = subject.trim().split('-').next()?.trim();
    let ok = first.chars().count() >= 4
        && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && first.chars().any(|c| c.is_ascii_digit());
    ok.then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders};

    fn now() -> DateTime<Utc> {
        "2026-12-03T04:00:00Z".parse().expect("now")
    }

    fn png() -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(2, 2, image::Rgb([200, 30, 30]))
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("png");
        out.into_inner()
    }

    fn draft(evidence: Vec<Evidence>) -> Draft {
        Draft {
            from: "buyer@qq.com".into(),
            to: "kefu@shop.example".into(),
            subject: "20240520001-商品未到账-紧急".into(),
            body: "您好，订单未到账。\n\n联系人：张三\n电话：13800000000".into(),
            evidence,
            zip_name: "证据材料.zip".into(),
        }
    }

    #[test]
    fn subject_and_file_names_are_encoded_and_read_back() {
        let bytes = png();
        let c = compose(
            draft(vec![Evidence {
                name: "付款截图.png".into(),
                media_type: "image/png".into(),
                bytes: bytes.clone(),
            }]),
            now(),
        )
        .expect("composed");
        let raw = String::from_utf8_lossy(&c.bytes);
        // Headers are 7-bit: RFC 2047 for the subject, RFC 2231 for the file name.
        let head = raw.split("\r\n\r\n").next().unwrap_or_default();
        assert!(head.is_ascii(), "{head}");
        assert!(head.contains("Subject: =?utf-8?"), "{head}");
        assert!(raw.contains("filename*"), "no RFC 2231 name");
        let m = MessageParser::default().parse(&c.bytes).expect("parses");
        assert_eq!(m.subject(), Some("20240520001-商品未到账-紧急"));
        assert_eq!(
            m.message_id().map(|s| format!("<{s}>")),
            Some(c.message_id.clone())
        );
        let a = m.attachments().next().expect("attachment");
        assert_eq!(a.attachment_name(), Some("付款截图.png"));
        assert_eq!(a.contents(), &bytes[..]);
        let body = m.body_text(0).expect("body");
        assert!(body.trim_end().ends_with("电话：13800000000"), "{body}");
        assert_eq!(c.attached, vec!["付款截图.png".to_string()]);
        assert!(!c.zipped);
    }

    #[test]
    fn many_files_go_as_one_zip_and_too_much_is_refused() {
        let files: Vec<Evidence> = (1..=7)
            .map(|i| Evidence {
                name: format!("聊天记录{i}.txt"),
                media_type: "text/plain".into(),
                bytes: format!("第{i}页").into_bytes(),
            })
            .collect();
        let c = compose(draft(files), now()).expect("composed");
        assert!(c.zipped);
        let m = MessageParser::default().parse(&c.bytes).expect("parses");
        let a: Vec<_> = m.attachments().collect();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].attachment_name(), Some("证据材料.zip"));
        let mut z =
            zip::ZipArchive::new(std::io::Cursor::new(a[0].contents().to_vec())).expect("zip");
        assert_eq!(z.len(), 7);
        assert!(z.by_name("聊天记录3.txt").is_ok());

        let big = vec![Evidence {
            name: "录屏.bin".into(),
            media_type: "application/octet-stream".into(),
            bytes: vec![0; MAX_ATTACHMENT_BYTES + 1],
        }];
        let e = compose(draft(big), now()).expect_err("too large");
        assert_eq!(e.code(), "mail_too_large");
        assert!(e.to_string().contains("18 MB"), "{e}");
    }

    #[test]
    fn bad_drafts_say_what_is_wrong() {
        let mut d = draft(Vec::new());
        d.to = "not an address".into();
        assert_eq!(compose(d, now()).expect_err("to").field(), Some("to"));
        let mut d = draft(Vec::new());
        d.subject = " ".into();
        assert_eq!(
            compose(d, now()).expect_err("subject").field(),
            Some("subject")
        );
    }

    #[test]
    fn order_numbers_come_from_the_seed_subject() {
        assert_eq!(
            order_of_subject("20240520001-商品未到账-紧急").as_deref(),
            Some("20240520001")
        );
        assert_eq!(
            order_of_subject("DD2024ABC-充值失败-一般").as_deref(),
            Some("DD2024ABC")
        );
        assert_eq!(order_of_subject("未知-充值失败-一般"), None);
        assert_eq!(order_of_subject("12-x"), None);
    }

    #[test]
    fn message_ids_are_unique_and_in_the_senders_domain() {
        let a = new_message_id("me@qq.com", now()).expect("id");
        let b = new_message_id("me@qq.com", now()).expect("id");
        assert_ne!(a, b);
        assert!(a.starts_with('<') && a.ends_with("@qq.com>"), "{a}");
    }
}
