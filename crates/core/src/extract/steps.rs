//! What the user already tried (刷新, 重试, 联系过客服 …), clause by clause.

use super::*;

// Things users do before asking for help.
lazy_regex!(
    STEP = r"(?i)刷新|重试|重新试|再试|试了|试过|尝试|重新登录|重新登陆|重登|退出重进|重启|重新启动|清除缓存|清除了缓存|清缓存|清了缓存|清理缓存|清理了缓存|换了|更换了|联系过|联系了|问过|问了|找过|找了|咨询过|咨询了|(?:联系|咨询|问|找)(?:过|了)?客服|反馈过|反馈了|催过|催了|投诉过|投诉了|申请过|申请了|提交过|提交了|已提交|已经提交|等了|等待了|卸载|重装|重新安装|重新下载|重新绑定|打过电话|打了电话|发过邮件|发了邮件|留言了|留过言"
);
// Quoted spans: a step word inside the platform's message (请稍后重试) is not a user's step.
lazy_regex!(QUOTED_SPAN = r#""[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|'[^'\n]*'|「[^」\n]*」|『[^』\n]*』"#);

/// Words right before a step word that mean it was not done: 没刷新, 请重试, 需要重启吗, 怎么清除缓存.
pub(super) const NOT_DONE: &[&str] = &[
    "没",
    "未",
    "不",
    "别",
    "请",
    "需要",
    "要不要",
    "能否",
    "是否",
    "怎么",
    "如何",
    "建议",
    "让我",
    "想",
    "要求",
];

/// The clauses that say what the user already did, trimmed, in order, without duplicates. A clause
/// is split at `,;!?。…` and line breaks, at `.` unless between digits, and at a space between two
/// non-ASCII characters (people separate Chinese clauses with spaces). `、` does not split: an
/// enumeration (刷新、重启都试了) is one step clause. Questions (…吗, …?) are not steps.
pub(super) fn steps_tried(t: &str) -> Vec<String> {
    let quoted: Vec<Range<usize>> = QUOTED_SPAN.find_iter(t).map(|m| m.range()).collect();
    let mut out: Vec<String> = Vec::new();
    for (r, terminator) in clauses(t) {
        let clause = &t[r.clone()];
        let text = clause.trim();
        if text.is_empty()
            || terminator == Some('?')
            || text.ends_with('吗')
            || out.iter().any(|s| s == text)
        {
            continue;
        }
        let done = STEP.find_iter(clause).any(|m| {
            let at = r.start + m.start();
            let inside_quote = quoted.iter().any(|q| q.start < at && at < q.end);
            let lead = window_before(clause, m.start(), 4);
            !inside_quote && !NOT_DONE.iter().any(|w| lead.contains(w))
        });
        if done {
            out.push(text.to_string());
        }
    }
    out
}

/// Byte ranges of the clauses of `t`, each with the character that ended it.
pub(super) fn clauses(t: &str) -> Vec<(Range<usize>, Option<char>)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = t.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let boundary = match c {
            ',' | ';' | '!' | '?' | '。' | '…' | '\n' | '\r' => true,
            '.' => {
                !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()))
            }
            ' ' => prev.is_some_and(|p| !p.is_ascii()) && next.is_some_and(|n| !n.is_ascii()),
            _ => false,
        };
        if boundary {
            out.push((start..i, Some(c)));
            start = i + c.len_utf8();
        }
        prev = Some(c);
    }
    out.push((start..t.len(), None));
    out
}
