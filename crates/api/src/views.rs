//! The engine's answer turned into what the screens show: labels in the user's language, one action
//! per channel (page to open, number to call, mail draft, complaint sites) and the five texts.

use crate::models::Labeled;
use chrono::{DateTime, FixedOffset};
use reachright_core::compose::{compose_all, has_placeholders, ComposeInput, ComposeKind};
use reachright_core::recommend::Urgency;
use reachright_core::scenario::Field;
use reachright_core::taxonomy::{Demand, Outcome};
use reachright_core::triage::Triage;
use reachright_core::{Channel, Lang, PlatformProfile, ProblemType};

use crate::error::Result;
use crate::models::{
    Analysis, ChannelAction, Coded, ComposedText, Intake, Link, Recommendation, Vocabulary,
    WarningView,
};
use reachright_domain::stored::triage_form;
use reachright_domain::Status;
use reachright_domain::{sent, Context};

pub fn coded(code: &str, label: &str) -> Coded {
    Coded {
        code: code.to_string(),
        label: label.to_string(),
    }
}

/// Where a user can complain when the platform has had its chance (domain.md's last resort), and
/// the payment channels' own dispute pages.
pub fn complaint_links(lang: Lang) -> Vec<Link> {
    [
        (
            "全国12315平台",
            "12315 (State Administration for Market Regulation)",
            "https://www.12315.cn/",
        ),
        (
            "黑猫投诉",
            "Black Cat complaints (Sina)",
            "https://tousu.sina.com.cn/",
        ),
        (
            "支付宝客服中心（交易投诉）",
            "Alipay help centre (payment disputes)",
            "https://cshall.alipay.com/",
        ),
        (
            "微信支付客服（交易投诉）",
            "WeChat Pay help (payment disputes)",
            "https://kf.qq.com/product/wechatpay.html",
        ),
    ]
    .into_iter()
    .map(|(zh, en, url)| Link {
        label: lang.pick(zh, en).to_string(),
        url: url.to_string(),
    })
    .collect()
}

/// Triage the form at `now` and describe the result for the screens.
pub fn analyse(
    intake: &Intake,
    ctx: &Context,
    now: DateTime<FixedOffset>,
    lang: Lang,
    send: Lang,
) -> Result<Analysis> {
    let t = triage_form(intake, ctx, now, lang)?;
    Ok(analysis_of(&t, lang, send))
}

/// `send`: the writing of the texts for the platform (see `reachright_domain::sent`).
pub fn analysis_of(t: &Triage, lang: Lang, send: Lang) -> Analysis {
    let r = &t.result;
    let texts: Vec<ComposedText> = compose_all(&ComposeInput {
        case: &t.case,
        result: r,
        profile: &t.profile,
        now: t.now,
        lang,
    })
    .into_iter()
    .map(|c| ComposedText {
        kind: c.kind,
        label: c.kind.label(lang).to_string(),
        has_placeholders: has_placeholders(&c.body)
            || c.subject.as_deref().is_some_and(has_placeholders),
        subject: c
            .subject
            .map(|s| sent::for_platform(&s, &t.case, &t.profile.name, send)),
        body: sent::for_platform(&c.body, &t.case, &t.profile.name, send),
    })
    .collect();
    let email_body = texts
        .iter()
        .find(|t| t.kind == ComposeKind::Email)
        .map(|t| t.body.as_str())
        .unwrap_or("");
    let action = |ch: Channel| channel_action(ch, &t.profile, &r.subject, email_body, lang);
    let recharge_deadline = r
        .warnings
        .iter()
        .find(|w| {
            matches!(
                code_of(&w.code).as_str(),
                "recharge_window" | "recharge_window_expired"
            )
        })
        .and_then(|w| w.at.clone());
    Analysis {
        problem_type: coded(r.problem_type.code(), r.problem_type.label(lang)),
        group: coded(r.group.code(), r.group.label(lang)),
        confidence: r.confidence,
        needs_confirmation: r.needs_confirmation,
        alternative: r.alternative_type.map(|p| coded(p.code(), p.label(lang))),
        missing: r
            .missing
            .iter()
            .map(|f| coded(&code_of(f), f.label(lang)))
            .collect(),
        description_text: r.description_text.clone(),
        recommendation: Recommendation {
            primary: action(r.primary),
            do_now: (r.do_now != r.primary).then(|| action(r.do_now)),
            alternatives: r
                .ladder
                .iter()
                .filter(|c| **c != r.primary)
                .map(|c| action(*c))
                .collect(),
            reasons: r.reasons.clone(),
            warnings: r
                .warnings
                .iter()
                .map(|w| WarningView {
                    code: code_of(&w.code),
                    message: w.message.clone(),
                    at: w.at.clone(),
                })
                .collect(),
            urgency: r.urgency.to_string(),
            urgent: t.recommendation.urgency == Urgency::Urgent,
            subject: r.subject.clone(),
            expected_response: r.expected_response.clone(),
            prepare: r.prepare.clone(),
            next_phone_opening: r.next_phone_opening.clone(),
            sla_deadline: r.sla_deadline.clone(),
            recharge_deadline,
            escalated: t.recommendation.escalated,
            texts,
        },
    }
}

/// The serde code of a unit enum (`Field::OrderId` → `order_id`).
fn code_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn is_web(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

fn channel_action(
    ch: Channel,
    profile: &PlatformProfile,
    subject: &str,
    email_body: &str,
    lang: Lang,
) -> ChannelAction {
    let links = &profile.links;
    let mut a = ChannelAction {
        channel: coded(ch.code(), ch.label(lang)),
        text_kind: match ch {
            Channel::OnlineChat | Channel::VipExclusive => ComposeKind::Chat,
            Channel::Phone => ComposeKind::Phone,
            Channel::Email => ComposeKind::Email,
            Channel::Ticket => ComposeKind::Ticket,
            Channel::ThirdPartyComplaint => ComposeKind::Complaint,
        },
        url: None,
        phone: None,
        mailto: None,
        qr: None,
        links: Vec::new(),
    };
    match ch {
        Channel::OnlineChat => {
            a.url = links.chat().filter(|u| is_web(u));
            a.qr = non_empty(&links.contact_qr);
        }
        Channel::Ticket => a.url = non_empty(&links.ticket_url).filter(|u| is_web(u)),
        Channel::Phone => a.phone = non_empty(&profile.phone.number),
        Channel::VipExclusive => match non_empty(&links.vip_contact) {
            Some(v) if is_web(&v) => a.url = Some(v),
            other => a.phone = other,
        },
        Channel::Email => {
            a.mailto = non_empty(&links.email).map(|to| mailto(&to, subject, email_body));
        }
        Channel::ThirdPartyComplaint => a.links = complaint_links(lang),
    }
    a
}

/// A `mailto:` link (RFC 6068) with the subject and body percent-encoded as UTF-8.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    format!(
        "mailto:{}?subject={}&body={}",
        percent_encode(to),
        percent_encode(subject),
        percent_encode(body)
    )
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The choices the forms offer, labelled in the user's language.
pub fn vocabulary(lang: Lang) -> Vocabulary {
    Vocabulary {
        problem_types: ProblemType::ALL
            .iter()
            .map(|p| coded(p.code(), p.label(lang)))
            .collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| coded(c.code(), c.label(lang)))
            .collect(),
        outcomes: Outcome::ALL
            .iter()
            .map(|&o| Labeled::new(o, o.label(lang)))
            .collect(),
        demands: Demand::ALL
            .iter()
            .map(|d| coded(d.code(), d.label(lang)))
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|&s| Labeled::new(s, s.label(lang)))
            .collect(),
    }
}

/// `Field` codes are the intake form's field names, so `missing` can highlight the right box.
pub fn field_codes() -> Vec<String> {
    [
        Field::OrderId,
        Field::OccurredAt,
        Field::Product,
        Field::Amount,
        Field::Symptom,
        Field::ErrorMessage,
        Field::StepsTried,
        Field::Evidence,
        Field::Demand,
    ]
    .iter()
    .map(code_of)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_encodes_chinese_and_reserved_characters() {
        let m = mailto("kf@example.com", "A-商品未到账-一般", "a&b=c\n");
        assert_eq!(
            m,
            "mailto:kf@example.com?subject=A-%E5%95%86%E5%93%81%E6%9C%AA%E5%88%B0%E8%B4%A6-%E4%B8%80%E8%88%AC&body=a%26b%3Dc%0A"
        );
    }

    #[test]
    fn missing_codes_are_intake_field_names() {
        let intake = serde_json::to_value(Intake::default()).unwrap();
        for code in field_codes() {
            assert!(
                intake.get(&code).is_some(),
                "{code} is not a field of Intake"
            );
        }
    }

    #[test]
    fn complaint_links_are_https() {
        for l in complaint_links(Lang::Zh) {
            assert!(l.url.starts_with("https://"), "{}", l.url);
        }
    }
}
