//! Notification bodies in zh-CN and English, side by side so a translation cannot go missing.
//! Titles are the case's own title (or the order/helpdesk when there is no case); bodies are
//! short plain text with the next step where there is one.

use chrono::{DateTime, Utc};
use reachright_core::Lang;
use reachright_tz::Tz;

/// A notification's title or body, in the user's language now and kept in all of them: the OS
/// shows it once, in the language of that moment; the in-app list keeps it for good, so it shows it
/// again in whichever language the user reads when they open the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub now: String,
    /// `None`: the same in every language (a case's own title). Else in [`Lang::ALL`]'s order.
    all: Option<Vec<String>>,
}

impl Said {
    /// `say` writes the text in a given language; it is asked for each.
    pub fn new(lang: Lang, say: impl Fn(Lang) -> String) -> Said {
        Said {
            now: say(lang),
            all: Some(Lang::ALL.iter().map(|&l| say(l)).collect()),
        }
    }

    /// Words the user wrote or the platform named (a case's title): not translated.
    pub fn same(text: &str) -> Said {
        Said {
            now: text.to_string(),
            all: None,
        }
    }

    /// Every language under `i18n.<key>` of the notification's data (`zh`, `zh-hant`, `en`).
    pub fn keep(&self, key: &str, data: &mut serde_json::Value) {
        let (Some(all), Some(obj)) = (&self.all, data.as_object_mut()) else {
            return;
        };
        let i18n = obj.entry("i18n").or_insert_with(|| serde_json::json!({}));
        i18n[key] = Lang::ALL
            .iter()
            .zip(all)
            .map(|(l, s)| (stored(*l).to_string(), serde_json::json!(s)))
            .collect();
    }
}

/// The name of a language in a notification's kept texts.
fn stored(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::ZhHant => "zh-hant",
        Lang::En => "en",
    }
}

/// A notification's `key` ("title", "body") in `lang`, when [`Said::keep`] kept it. Notifications kept
/// before Traditional Chinese existed have no `zh-hant`: those show their simplified text.
pub fn kept<'a>(data: &'a serde_json::Value, key: &str, lang: Lang) -> Option<&'a str> {
    let texts = data.get("i18n")?.get(key)?;
    texts
        .get(stored(lang))
        .or_else(|| (lang == Lang::ZhHant).then(|| texts.get("zh")).flatten())?
        .as_str()
}

/// A moment as the user reads it: `11-20 17:00` in the platform's zone.
pub fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%m-%d %H:%M").to_string()
}

/// A length of time, rounded down: `2 小时 5 分钟` / `2 h 5 min`.
pub fn span(minutes: i64, lang: Lang) -> String {
    let m = minutes.max(0);
    let (h, m) = (m / 60, m % 60);
    let values: &[(&str, &dyn std::fmt::Display)] = &[("h", &h), ("m", &m)];
    match (h, m) {
        (0, _) => lang.fill("{m} 分钟", "{m} min", values),
        (_, 0) => lang.fill("{h} 小时", "{h} h", values),
        _ => lang.fill("{h} 小时 {m} 分钟", "{h} h {m} min", values),
    }
}

/// A helpdesk status word in the user's language (unknown words are shown as they are).
/// A helpdesk's status word in plain words (the one place: the UI shows this label). Unknown words
/// are kept as they are, shown as text.
pub fn status_label(status: &str, lang: Lang) -> String {
    let s = status.trim().to_ascii_lowercase();
    let label = match s.as_str() {
        "new" => lang.pick("已提交，等待处理", "submitted, waiting"),
        "open" => lang.pick("处理中", "being handled"),
        "stalled" | "hold" | "on-hold" => lang.pick("已搁置", "on hold"),
        "pending" => lang.pick("等待您回复", "waiting for your reply"),
        "resolved" | "solved" => lang.pick("已解决", "resolved"),
        "closed" => lang.pick("已关闭", "closed"),
        "rejected" => lang.pick("已拒绝", "rejected"),
        "deleted" => lang.pick("已删除", "deleted"),
        _ => return status.trim().to_string(),
    };
    label.to_string()
}

pub fn status_change(remote_id: &str, status: &str, lang: Lang) -> String {
    let label = status_label(status, lang);
    lang.fill(
        "工单 #{id} 状态：{label}",
        "Ticket #{id} is now {label}",
        &[("id", &remote_id), ("label", &label)],
    )
}

pub fn staff_reply(first_line: &str, lang: Lang) -> String {
    lang.fill(
        "客服回复：{reply}",
        "Staff replied: {reply}",
        &[("reply", &first_line)],
    )
}

pub fn email_reply(first_line: &str, lang: Lang) -> String {
    lang.fill(
        "邮件回复：{line}",
        "E-mail answer: {line}",
        &[("line", &first_line)],
    )
}

pub fn callback_due(due: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    lang.fill(
        "承诺的回电时间已到（{at}）。请留意来电；接到后记下结果",
        "The promised callback is due ({at}). Watch for the call and log how it went",
        &[("at", &local(due, tz))],
    )
}

/// A promised callback is `left_minutes` away (at `due`).
pub fn callback_soon(due: DateTime<Utc>, left_minutes: i64, tz: Tz, lang: Lang) -> String {
    lang.fill(
        "承诺的回电还有 {left}（{at}）— 请保持电话畅通，留意来电",
        "The promised callback is due in {left} ({at}) — keep your phone at hand",
        &[("at", &local(due, tz)), ("left", &span(left_minutes, lang))],
    )
}

pub fn callback_overdue(late_minutes: i64, lang: Lang) -> String {
    lang.fill(
        "回电已超时 {late} — 可再次联系专属客服，或改用电话客服",
        "The callback is {late} late — contact the exclusive agent again or call the hotline",
        &[("late", &span(late_minutes, lang))],
    )
}

/// `window_hours`: the platform profile's reporting window for a failed recharge.
pub fn recharge_soon(window_hours: u32, left_minutes: i64, lang: Lang) -> String {
    lang.fill(
        "充值失败须在 {window}内反馈，还剩 {left} — 请尽快联系客服并保留截图",
        "Failed recharges must be reported within {window}; {left} left — contact support now and keep screenshots",
        &[
            ("window", &span(i64::from(window_hours) * 60, lang)),
            ("left", &span(left_minutes, lang)),
        ],
    )
}

/// `window_hours`: the platform profile's reporting window for a failed recharge.
pub fn recharge_passed(window_hours: u32, lang: Lang) -> String {
    lang.fill(
        "{window}反馈期已过 — 仍可联系客服，请保留全部证据",
        "The {window} reporting window has passed — contact support anyway and keep all evidence",
        &[("window", &span(i64::from(window_hours) * 60, lang))],
    )
}

pub fn sla_soon(remote_id: &str, days: u32, due: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    lang.fill(
        "工单 #{id} 将于 {at} 满 {days} 个工作日 — 届时仍未处理可升级投诉",
        "Ticket #{id} reaches {days} business days at {at} — if still unanswered, escalate",
        &[("id", &remote_id), ("days", &days), ("at", &local(due, tz))],
    )
}

pub fn sla_passed(remote_id: &str, days: u32, lang: Lang) -> String {
    lang.fill(
        "工单 #{id} {days} 个工作日未处理 — 可向12315投诉（投诉信和证据清单已备好）",
        "Ticket #{id}: {days} business days without an answer — you can complain to 12315 (the letter and evidence list are ready)",
        &[("id", &remote_id), ("days", &days)],
    )
}

pub fn order_late(order_id: &str, waited_minutes: i64, lang: Lang) -> String {
    lang.fill(
        "订单 {order} 付款 {waited} 后仍未确认到账 — 要为它建立售后案件吗？",
        "Order {order} is still not delivered {waited} after payment — open an after-sales case for it?",
        &[("order", &order_id), ("waited", &span(waited_minutes, lang))],
    )
}

pub fn order_title(order_id: &str, product: &str, lang: Lang) -> String {
    if product.trim().is_empty() {
        format!("{}{order_id}", lang.pick("订单 ", "Order "))
    } else {
        product.trim().to_string()
    }
}

pub fn sync_auth(helpdesk: &str, lang: Lang) -> String {
    lang.fill(
        "帮助台「{helpdesk}」拒绝了登录凭据，已暂停同步 — 请更新令牌后恢复",
        "Helpdesk \"{helpdesk}\" refused the credentials; syncing is paused — update the token to resume",
        &[("helpdesk", &helpdesk)],
    )
}

pub fn sync_not_found(remote_id: &str, lang: Lang) -> String {
    lang.fill(
        "帮助台上找不到工单 #{id}，已停止同步 — 请检查工单号",
        "Ticket #{id} is not on the helpdesk; syncing stopped — check the ticket number",
        &[("id", &remote_id)],
    )
}

pub fn sync_invalid(remote_id: &str, lang: Lang) -> String {
    lang.fill(
        "帮助台不接受工单 #{id} 的请求，已停止同步 — 请检查帮助台设置",
        "The helpdesk refuses requests for ticket #{id}; syncing stopped — check the helpdesk settings",
        &[("id", &remote_id)],
    )
}

pub fn sync_failing(helpdesk: &str, failures: u32, lang: Lang) -> String {
    lang.fill(
        "帮助台「{helpdesk}」连续 {failures} 次同步失败，稍后会自动重试",
        "Helpdesk \"{helpdesk}\" failed {failures} times in a row; it will be retried automatically",
        &[("helpdesk", &helpdesk), ("failures", &failures)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_in_plain_words_unknown_ones_as_they_are() {
        assert_eq!(status_label("open", Lang::Zh), "处理中");
        assert_eq!(status_label("Solved", Lang::Zh), "已解决");
        assert_eq!(status_label("pending", Lang::En), "waiting for your reply");
        assert_eq!(status_label("on-hold", Lang::Zh), "已搁置");
        assert_eq!(status_label(" <b>weird</b> ", Lang::Zh), "<b>weird</b>");
    }

    #[test]
    fn spans_and_local_times_read_naturally() {
        assert_eq!(span(125, Lang::Zh), "2 小时 5 分钟");
        assert_eq!(span(60, Lang::En), "1 h");
        assert_eq!(span(-5, Lang::En), "0 min");
        let t = crate::clock::parse("2026-11-20T09:00:00Z").expect("t");
        assert_eq!(local(t, Tz::SHANGHAI), "11-20 17:00");
    }

    #[test]
    fn escalation_text_names_the_next_step() {
        assert_eq!(
            sla_passed("42", 3, Lang::Zh),
            "工单 #42 3 个工作日未处理 — 可向12315投诉（投诉信和证据清单已备好）"
        );
        assert!(sla_passed("42", 3, Lang::En).contains("12315"));
        assert_eq!(
            status_change("7", "resolved", Lang::Zh),
            "工单 #7 状态：已解决"
        );
        assert_eq!(staff_reply("已补发", Lang::Zh), "客服回复：已补发");
        // Traditional: the app's words converted, the staff's words as they came.
        assert_eq!(staff_reply("已补发", Lang::ZhHant), "客服回覆：已补发");
        assert_eq!(
            sync_failing("网络组", 2, Lang::ZhHant),
            "幫助台「网络组」連續 2 次同步失敗，稍後會自動重試"
        );
        let t = crate::clock::parse("2026-11-20T09:00:00Z").expect("t");
        assert_eq!(
            callback_soon(t, 3, Tz::SHANGHAI, Lang::Zh),
            "承诺的回电还有 3 分钟（11-20 17:00）— 请保持电话畅通，留意来电"
        );
        assert_eq!(
            callback_soon(t, 5, Tz::SHANGHAI, Lang::En),
            "The promised callback is due in 5 min (11-20 17:00) — keep your phone at hand"
        );
        assert_eq!(
            recharge_soon(48, 90, Lang::Zh),
            "充值失败须在 48 小时内反馈，还剩 1 小时 30 分钟 — 请尽快联系客服并保留截图"
        );
        assert_eq!(
            recharge_passed(12, Lang::Zh),
            "12 小时反馈期已过 — 仍可联系客服，请保留全部证据"
        );
        assert!(recharge_passed(24, Lang::En).contains("24 h reporting window"));
        assert_eq!(
            status_change("7", "Weird", Lang::En),
            "Ticket #7 is now Weird"
        );
    }
}

#[cfg(test)]
mod punctuation {
    use super::*;

    /// Chinese texts use full-width punctuation: no ASCII , : ; ( ) ? next to Chinese.
    #[test]
    fn chinese_texts_use_full_width_punctuation() {
        let t = crate::clock::parse("2026-11-20T09:00:00Z").expect("t");
        let zh = Lang::Zh;
        let all = [
            status_change("7", "open", zh),
            staff_reply("好的", zh),
            callback_due(t, Tz::SHANGHAI, zh),
            callback_soon(t, 3, Tz::SHANGHAI, zh),
            callback_overdue(30, zh),
            recharge_soon(24, 60, zh),
            recharge_passed(24, zh),
            sla_soon("7", 3, t, Tz::SHANGHAI, zh),
            sla_passed("7", 3, zh),
            order_late("A1", 40, zh),
            sync_auth("rt", zh),
            sync_not_found("7", zh),
            sync_invalid("7", zh),
            sync_failing("rt", 5, zh),
        ];
        for text in all {
            // The local time "11-20 17:00" has an ASCII colon between digits: that one is fine.
            let bad = text.char_indices().any(|(i, c)| {
                ",:;()?".contains(c)
                    && !(c == ':' && text[..i].chars().last().is_some_and(|p| p.is_ascii_digit()))
            });
            assert!(!bad, "{text}");
        }
    }

    #[test]
    fn a_notification_keeps_every_language_and_reads_old_ones_in_simplified() {
        let said = Said::new(Lang::ZhHant, |l| recharge_passed(24, l));
        assert!(said.now.contains("回報期已過"), "{}", said.now);
        let mut data = serde_json::json!({});
        said.keep("body", &mut data);
        for lang in Lang::ALL {
            assert_eq!(
                kept(&data, "body", lang),
                Some(recharge_passed(24, lang).as_str())
            );
        }
        let old = serde_json::json!({"i18n": {"body": {"zh": "旧", "en": "old"}}});
        assert_eq!(kept(&old, "body", Lang::ZhHant), Some("旧"));
    }
}
