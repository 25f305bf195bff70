//! An answer read back: who sent it, which of our messages it answers, its text (HTML made
//! text, quoted history trimmed) and its attachments. A charset we cannot decode is said, not
//! guessed; mail that is not MIME at all is an error naming that.

use mail_parser::{MessageParser, MimeHeaders};

use crate::compose::Evidence;
use crate::error::{Error, Result};

/// What matching needs: read from the header block alone, before the body is fetched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// Without angle brackets, as in our `mail_sent.message_id` minus them.
    pub message_id: Option<String>,
    /// `In-Reply-To` then `References`, without angle brackets.
    pub refers_to: Vec<String>,
    /// The sender's address, lower-cased.
    pub from: Option<String>,
    pub subject: String,
}

/// A whole answer.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub head: Head,
    /// The new text only (quoted history trimmed), plain.
    pub text: String,
    /// A declared charset we cannot decode (the text is then shown as far as it is readable).
    pub unknown_charset: Option<String>,
    pub attachments: Vec<Evidence>,
}

/// `<a@b>` → `a@b`.
pub fn bare_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

fn ids(v: &mail_parser::HeaderValue<'_>) -> Vec<String> {
    match v {
        mail_parser::HeaderValue::Text(t) => vec![bare_id(t)],
        mail_parser::HeaderValue::TextList(l) => l.iter().map(|t| bare_id(t)).collect(),
        _ => Vec::new(),
    }
}

fn head_of(m: &mail_parser::Message<'_>) -> Head {
    let mut refers_to = ids(m.in_reply_to());
    for r in ids(m.references()) {
        if !refers_to.contains(&r) {
            refers_to.push(r);
        }
    }
    Head {
        message_id: m.message_id().map(bare_id),
        refers_to,
        from: m
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(|a| a.trim().to_ascii_lowercase()),
        subject: m.subject().unwrap_or_default().trim().to_string(),
    }
}

/// The header block alone (`BODY.PEEK[HEADER]`).
pub fn head(header: &[u8]) -> Result<Head> {
    let m = MessageParser::default()
        .parse_headers(header)
        .ok_or_else(|| Error::Unreadable("no mail headers".into()))?;
    Ok(head_of(&m))
}

fn known_charset(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase().replace('_', "-");
    matches!(n.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii")
        || mail_parser::decoders::charsets::map::charset_decoder(name.trim().as_bytes()).is_some()
}

/// The most text kept of one answer (the timeline is not a mail archive; the mailbox keeps all).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A whole message.
pub fn answer(raw: &[u8]) -> Result<Answer> {
    let m = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| Error::Unreadable("not MIME: no headers could be read".into()))?;
    if m.from().is_none() && m.subject().is_none() && m.message_id().is_none() {
        return Err(Error::Unreadable("no From, Subject or Message-ID".into()));
    }
    let unknown_charset = m
        .parts
        .iter()
        .filter(|p| p.is_text())
        .filter_map(|p| p.content_type().and_then(|ct| ct.attribute("charset")))
        .find(|c| !known_charset(c))
        .map(str::to_string);
    // Plain text when the sender wrote one; else the HTML made text.
    let plain = m
        .text_body
        .iter()
        .filter_map(|i| m.parts.get(*i as usize))
        .find(|p| !p.is_text_html())
        .and_then(|p| p.text_contents().map(str::to_string));
    let text = match plain {
        Some(t) => t,
        None => m
            .body_html(0)
            .map(|h| reachright_connectors::html_to_text(&h))
            .unwrap_or_default(),
    };
    // Broken MIME (a boundary that never closes, 8-bit bytes in a part without charset) can
    // leave the text as an unnamed text/* "attachment": it is still the answer's text.
    let stray = |a: &mail_parser::MessagePart<'_>| {
        a.attachment_name().is_none()
            && a.content_type()
                .is_none_or(|ct| ct.ctype().eq_ignore_ascii_case("text"))
    };
    let text = if text.trim().is_empty() {
        m.attachments()
            .find(|a| stray(a))
            .map(|a| String::from_utf8_lossy(a.contents()).into_owned())
            .unwrap_or(text)
    } else {
        text
    };
    let text: String = trim_quoted(&text).chars().take(MAX_TEXT_CHARS).collect();
    let attachments = m
        .attachments()
        .filter(|a| !a.is_message() && !stray(a))
        .map(|a| Evidence {
            name: a
                .attachment_name()
                .map(str::to_string)
                .unwrap_or_else(|| "attachment".into()),
            media_type: a
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(s) => format!("{}/{}", ct.ctype(), s),
                    None => ct.ctype().to_string(),
                })
                .unwrap_or_else(|| "application/octet-stream".into())
                .to_ascii_lowercase(),
            bytes: a.contents().to_vec(),
        })
        .collect();
    Ok(Answer {
        head: head_of(&m),
        text,
        unknown_charset,
        attachments,
    })
}

/// Whether a line starts the quoted history that mail programs put under an answer.
fn starts_history(lines: &[&str], i: usize) -> bool {
    let l = lines[i].trim();
    let lower = l.to_lowercase();
    if (l.starts_with("---") || l.starts_with("___"))
        && (lower.contains("original") || l.contains("原始邮件") || lower.contains("forwarded"))
    {
        return true;
    }
    if lower.starts_with("on ") && lower.ends_with("wrote:") {
        return true;
    }
    // Gmail breaks "On …, X <x@y>" and "wrote:" over two lines.
    if lower.starts_with("on ")
        && lines
            .get(i + 1)
            .is_some_and(|n| n.trim().to_lowercase() == "wrote:")
    {
        return true;
    }
    if l.starts_with('在') && (l.ends_with("写道：") || l.ends_with("写道:")) {
        return true;
    }
    // Outlook/Foxmail: a From: line followed by Sent:/Date:/发送时间 within a few lines.
    let from = lower.starts_with("from:") || l.starts_with("发件人:") || l.starts_with("发件人：");
    from && lines.iter().skip(i + 1).take(4).any(|n| {
        let n = n.trim().to_lowercase();
        n.starts_with("sent:")
            || n.starts_with("date:")
            || n.starts_with("发送时间")
            || n.starts_with("日期")
    })
}

/// The new text of an answer: up to the quoted history, `>` lines dropped, trailing blank
/// lines removed. An answer that is only quotes is kept whole (better too much than nothing).
pub fn trim_quoted(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let end = (0..lines.len())
        .find(|&i| starts_history(&lines, i))
        .unwrap_or(lines.len());
    let kept: Vec<&str> = lines[..end]
        .iter()
        .filter(|l| !l.trim_start().starts_with('>'))
        .copied()
        .collect();
    let out = kept.join("\n").trim().to_string();
    if out.is_empty() {
        text.trim().to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = "From: Kefu <kefu@shop.example>\r\nTo: buyer@qq.com\r\nSubject: Re: 20240520001-商品未到账-紧急\r\nMessage-ID: <r1@shop.example>\r\nIn-Reply-To: <reachright.1.abc@qq.com>\r\nReferences: <older@qq.com> <reachright.1.abc@qq.com>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n您好，已为您补发，请查收。\r\n\r\n在 2026年12月3日，buyer@qq.com 写道：\r\n> 订单未到账\r\n";

    #[test]
    fn a_plain_answer_is_read_with_its_thread() {
        let a = answer(PLAIN.as_bytes()).expect("answer");
        assert_eq!(a.text, "您好，已为您补发，请查收。");
        assert_eq!(a.head.from.as_deref(), Some("kefu@shop.example"));
        assert_eq!(a.head.message_id.as_deref(), Some("r1@shop.example"));
        assert_eq!(
            a.head.refers_to,
            vec![
                "reachright.1.abc@qq.com".to_string(),
                "older@qq.com".to_string()
            ]
        );
        assert_eq!(a.unknown_charset, None);
        let h = head(
            PLAIN
                .split("\r\n\r\n")
                .next()
                .map(|h| format!("{h}\r\n\r\n"))
                .unwrap_or_default()
                .as_bytes(),
        )
        .expect("head");
        assert_eq!(h, a.head);
    }

    #[test]
    fn html_answers_become_text_without_their_history() {
        let raw = "From: kefu@shop.example\r\nSubject: =?UTF-8?B?5Zue5aSN?=\r\nMessage-ID: <h1@shop.example>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>退款已处理，<b>3个工作日</b>内到账。</p><div class=\"gmail_quote\"><div>On Thu, Dec 3, 2026 at 12:00 PM buyer &lt;buyer@qq.com&gt; wrote:</div><blockquote><p>订单未到账</p></blockquote></div></body></html>\r\n";
        let a = answer(raw.as_bytes()).expect("answer");
        assert!(a.text.contains("退款已处理"), "{}", a.text);
        assert!(a.text.contains("3个工作日"), "{}", a.text);
        assert!(!a.text.contains("订单未到账"), "{}", a.text);
        assert!(!a.text.contains('<'), "{}", a.text);
        assert_eq!(a.head.subject, "回复");
    }

    #[test]
    fn gbk_is_decoded_and_an_unknown_charset_is_said() {
        let mut raw = b"From: kefu@shop.example\r\nSubject: x\r\nMessage-ID: <g@x>\r\nContent-Type: text/plain; charset=gbk\r\n\r\n".to_vec();
        raw.extend_from_slice(&[0xC4, 0xFA, 0xBA, 0xC3]); // 您好 in GBK
        let a = answer(&raw).expect("gbk");
        assert_eq!(a.text, "您好");
        assert_eq!(a.unknown_charset, None);
        let raw = b"From: kefu@shop.example\r\nSubject: x\r\nMessage-ID: <u@x>\r\nContent-Type: text/plain; charset=x-klingon-9\r\n\r\nqapla\r\n";
        let a = answer(raw).expect("unknown charset");
        assert_eq!(a.unknown_charset.as_deref(), Some("x-klingon-9"));
        assert_eq!(a.text, "qapla");
    }

    #[test]
    fn malformed_mime_is_read_as_far_as_it_goes_or_refused() {
        assert_eq!(answer(b"").expect_err("empty").code(), "mail_unreadable");
        assert!(answer(b"\x00\x01\x02 garbage without headers").is_err());
        // A multipart whose boundary never comes: the text is still there, nothing panics.
        let raw = b"From: kefu@shop.example\r\nSubject: y\r\nMessage-ID: <m@x>\r\nContent-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\n\xe5\xb7\xb2\xe5\xa4\x84\xe7\x90\x86\r\n";
        let a = answer(raw).expect("truncated multipart");
        assert!(a.text.contains("已处理"), "{:?}", a);
    }

    #[test]
    fn quoted_history_is_trimmed_in_the_usual_shapes() {
        assert_eq!(
            trim_quoted("好的\n\n------------------ 原始邮件 ------------------\n发件人: a\n内容"),
            "好的"
        );
        assert_eq!(trim_quoted("OK\n-----Original Message-----\nFrom: x"), "OK");
        assert_eq!(
            trim_quoted("Done.\nOn Thu, Dec 3, 2026 at 1:00 PM A <a@b.c>\nwrote:\n> hi"),
            "Done."
        );
        assert_eq!(
            trim_quoted("收到\nFrom: a@b.c\nSent: Thursday\nTo: x\n\nold"),
            "收到"
        );
        assert_eq!(trim_quoted("> only a quote"), "> only a quote");
        assert_eq!(trim_quoted("a\n> b\nc"), "a\nc");
    }
}
