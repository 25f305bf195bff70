//! What the platform said: quoted text after 提示/显示/报错, unquoted text after 提示, error codes.

use super::*;

// Quoted text shortly after a word that introduces what the platform said.
lazy_regex!(
    ERROR_QUOTED = r#"(?:提示|显示|报错|弹出|弹窗|错误|返回|出现)[^"“‘'「『,;!?。\n]{0,8}?\s*(?:"(?P<a>[^"\n]{1,80})"|“(?P<b>[^”\n]{1,80})”|‘(?P<c>[^’\n]{1,80})’|'(?P<d>[^'\n]{1,80})'|「(?P<e>[^」\n]{1,80})」|『(?P<f>[^』\n]{1,80})』)"#
);
// Unquoted text after 提示/报错, up to the end of the clause.
lazy_regex!(
    ERROR_UNQUOTED = r#"(?:提示|报错)\s*(?:[:]|说|了|为|是|信息|消息|内容)*\s*["“‘'「『]?(?P<msg>[^,;!?.。…\n"“”‘’'「」『』]{2,40})"#
);
// An error code: 错误代码E1003, 错误码: 1003, error 502, code=E12, 500错误, HTTP 404.
lazy_regex!(
    ERROR_CODE = r"(?i)(?:错误代码|错误码|错误编号|错误号|错误代号|故障码|error\s*code|error|err|code)\s*[:#=]?\s*[A-Za-z]{0,4}-?[0-9]{2,6}|[0-9]{3,5}\s*错误|http\s*[0-9]{3}"
);

/// Conjunctions that end an unquoted message: 提示充值成功但是没到账 → 充值成功.
pub(super) const MESSAGE_ENDS: &[&str] = &[
    "但是", "但", "可是", "然后", "却", "结果", "所以", "怎么", "还是",
];

/// What the platform said: quoted text after 提示/显示/报错/弹出/错误/返回, else unquoted text after
/// 提示/报错 up to the clause boundary, else an error code (returned with its label).
pub(super) fn error_message(t: &str) -> Option<String> {
    quoted_error(t)
        .or_else(|| unquoted_error(t))
        .or_else(|| error_code(t))
}

pub(super) fn quoted_error(t: &str) -> Option<String> {
    ERROR_QUOTED.captures_iter(t).find_map(|c| {
        let m = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .find_map(|g| c.name(g))?;
        let s = m.as_str().trim();
        (!s.is_empty()).then(|| s.to_string())
    })
}

pub(super) fn unquoted_error(t: &str) -> Option<String> {
    ERROR_UNQUOTED.captures_iter(t).find_map(|c| {
        let start = c.get(0)?.start();
        if matches!(char_before(t, start), Some('没' | '不' | '无' | '未')) {
            return None; // 没提示, 不报错
        }
        let msg = c.name("msg")?.as_str();
        let cut = MESSAGE_ENDS
            .iter()
            .filter_map(|w| msg.find(w))
            .min()
            .unwrap_or(msg.len());
        let msg = msg[..cut]
            .trim()
            .trim_start_matches(['了', '说', '是', '为'])
            .trim();
        (msg.chars().count() >= 2).then(|| msg.to_string())
    })
}

pub(super) fn error_code(t: &str) -> Option<String> {
    ERROR_CODE
        .find_iter(t)
        .find(|m| {
            let glued = char_before(t, m.start()).is_some_and(|c| c.is_ascii_alphanumeric())
                || char_after(t, m.end()).is_some_and(|c| c.is_ascii_digit());
            !glued
        })
        .map(|m| m.as_str().trim().to_string())
}
