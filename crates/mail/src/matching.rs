//! Which case an incoming message answers. First the thread: its In-Reply-To/References name a
//! Message-ID we sent. Else the order number of the subject we sent, in its subject, from the
//! address we wrote to. Anything else matches nothing and is left alone.

use crate::compose::order_of_subject;
use crate::parse::{bare_id, Head};

/// One e-mail we sent (the `mail_sent` rows of the account being read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub case_id: String,
    /// With or without angle brackets.
    pub message_id: String,
    pub to: String,
    pub subject: String,
}

/// How an answer was matched (kept with it on the timeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Thread,
    OrderNumber,
}

impl How {
    pub fn code(self) -> &'static str {
        match self {
            How::Thread => "thread",
            How::OrderNumber => "order_number",
        }
    }
}

/// Whether `hay` holds `needle` as a whole token (not inside a longer number).
fn holds_token(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// The sent e-mail an incoming message answers, and how; `None` leaves the message alone.
/// Our own messages (the same Message-ID, as in a Sent folder copy) never match.
pub fn answered<'a>(head: &Head, sent: &'a [Sent]) -> Option<(&'a Sent, How)> {
    let own = |s: &Sent| head.message_id.as_deref() == Some(bare_id(&s.message_id).as_str());
    if sent.iter().any(own) {
        return None;
    }
    for r in &head.refers_to {
        if let Some(s) = sent.iter().find(|s| bare_id(&s.message_id) == *r) {
            return Some((s, How::Thread));
        }
    }
    let from = head.from.as_deref()?;
    // Newest first: a second complaint about the same order is the one being answered.
    sent.iter()
        .rev()
        .find(|s| {
            s.to.trim().eq_ignore_ascii_case(from)
                && order_of_subject(&s.subject).is_some_and(|o| holds_token(&head.subject, &o))
        })
        .map(|s| (s, How::OrderNumber))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent() -> Vec<Sent> {
        vec![
            Sent {
                case_id: "c1".into(),
                message_id: "<reachright.1.a@qq.com>".into(),
                to: "kefu@shop.example".into(),
                subject: "20240520001-商品未到账-紧急".into(),
            },
            Sent {
                case_id: "c2".into(),
                message_id: "<reachright.2.b@qq.com>".into(),
                to: "help@other.example".into(),
                subject: "88880001-充值失败-一般".into(),
            },
        ]
    }

    fn head(from: &str, subject: &str, refs: &[&str]) -> Head {
        Head {
            message_id: Some("x@y".into()),
            refers_to: refs.iter().map(|s| (*s).to_string()).collect(),
            from: Some(from.into()),
            subject: subject.into(),
        }
    }

    #[test]
    fn the_thread_wins_whoever_answers() {
        let s = sent();
        let h = head(
            "someone@else.example",
            "Re: whatever",
            &["reachright.2.b@qq.com"],
        );
        let (m, how) = answered(&h, &s).expect("matched");
        assert_eq!((m.case_id.as_str(), how), ("c2", How::Thread));
    }

    #[test]
    fn the_order_number_only_from_the_address_we_wrote_to() {
        let s = sent();
        let h = head(
            "kefu@shop.example",
            "回复：订单 20240520001 的处理结果",
            &[],
        );
        let (m, how) = answered(&h, &s).expect("matched");
        assert_eq!((m.case_id.as_str(), how), ("c1", How::OrderNumber));
        // The same number from a stranger, or inside a longer number, matches nothing.
        assert!(answered(&head("spam@evil.example", "20240520001", &[]), &s).is_none());
        assert!(answered(&head("kefu@shop.example", "订单 1202405200019", &[]), &s).is_none());
        assert!(answered(
            &head("KEFU@shop.example", "Re: 20240520001-商品未到账-紧急", &[]),
            &s
        )
        .is_some());
    }

    #[test]
    fn unrelated_mail_and_our_own_copies_match_nothing() {
        let s = sent();
        assert!(answered(&head("news@shop.example", "本周优惠", &[]), &s).is_none());
        let mut own = head("buyer@qq.com", "20240520001-商品未到账-紧急", &[]);
        own.message_id = Some("reachright.1.a@qq.com".into());
        assert!(answered(&own, &s).is_none());
        let mut no_from = head("", "20240520001", &[]);
        no_from.from = None;
        assert!(answered(&no_from, &s).is_none());
    }
}
