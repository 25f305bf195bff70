//! What the user already did to reach the platform, read from the story: "邮件发了三天没人理",
//! "找了好几次客服都没解决", "客服说不能退", "电话一直占线", "在线客服一直是机器人".
//!
//! Why: the recommender moves a channel that failed to the end of the ladder and escalates when the
//! platform had its chance (domain.md, "History"), but people tell that history in their story
//! rather than in a form. Each contact found here is a *suggestion*: the UI shows it and the user
//! confirms it with one click; nothing is added to the case's history without that.
//!
//! A contact needs a channel named in the sense of contacting it (客服, 电话, 邮件, 工单 …; not
//! 电话号码 or 邮箱地址) and an outcome stated in the same clause, or in the next clause when that
//! one names no channel of its own (邮件发了三天 没人理). A channel without an outcome says nothing
//! the user would want recorded ("请联系客服" is advice, "客服说会处理" is not a failure).

use super::*;

use crate::taxonomy::{coded_enum, Channel, Outcome};

coded_enum! {
    /// How a contact the user tells of went. Finer than the history's [`Outcome`], because the UI
    /// words its suggestion with it ("电话一直占线" → busy); [`ContactOutcome::history_outcome`]
    /// maps it onto the history's codes.
    ContactOutcome, "contact_outcome" {
        NoAnswer => "no_answer", "没有回应", "no answer";
        Busy => "busy", "占线/打不通", "line busy";
        BotOnly => "bot_only", "只有机器人", "only a bot answered";
        Refused => "refused", "被拒绝", "refused";
        Unresolved => "unresolved", "没有解决", "not resolved";
    }
}

impl ContactOutcome {
    /// The history outcome (domain.md) this contact becomes once the user confirms it.
    pub fn history_outcome(self) -> Outcome {
        match self {
            ContactOutcome::NoAnswer | ContactOutcome::Busy => Outcome::NoResponse,
            ContactOutcome::Refused => Outcome::Dissatisfied,
            ContactOutcome::BotOnly | ContactOutcome::Unresolved => Outcome::Unresolved,
        }
    }
}

/// One earlier contact told in the story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedContact {
    pub channel: Channel,
    pub outcome: ContactOutcome,
    /// The words it was read from (the clause, trimmed), for the UI and for explanations.
    pub matched: String,
    /// How many times the user says they tried, when a number is given (打了三次 → 3).
    pub attempts: Option<u32>,
    /// They say they tried more than once, with or without a number (好几次, 一直, 三次).
    pub repeated: bool,
    /// When the contact was made, when the story says (三天前打了电话) or implies it by how long it
    /// has been waiting (邮件发了三天没人理 → three days before now).
    pub at: Option<DateTime<Tz>>,
}

/// Words that name a channel in the sense of contacting it, most specific first: in one clause
/// the first listed wins (客服电话 is the phone, 售后把工单关了 is the ticket).
const CHANNEL_WORDS: &[(&str, Channel)] = &[
    ("专属客服", Channel::VipExclusive),
    ("专属", Channel::VipExclusive),
    ("12315", Channel::ThirdPartyComplaint),
    ("黑猫", Channel::ThirdPartyComplaint),
    ("消协", Channel::ThirdPartyComplaint),
    ("消费者协会", Channel::ThirdPartyComplaint),
    ("市场监管", Channel::ThirdPartyComplaint),
    ("工单", Channel::Ticket),
    ("售后单", Channel::Ticket),
    ("退款申请", Channel::Ticket),
    ("提交了申请", Channel::Ticket),
    ("邮件", Channel::Email),
    ("email", Channel::Email),
    ("e-mail", Channel::Email),
    ("发邮箱", Channel::Email),
    ("电话", Channel::Phone),
    ("热线", Channel::Phone),
    ("回电", Channel::Phone),
    ("来电", Channel::Phone),
    ("打过去", Channel::Phone),
    ("占线", Channel::Phone),
    ("打不通", Channel::Phone),
    ("在线客服", Channel::OnlineChat),
    ("人工客服", Channel::OnlineChat),
    ("智能客服", Channel::OnlineChat),
    ("客服", Channel::OnlineChat),
    ("机器人", Channel::OnlineChat),
    ("人工", Channel::OnlineChat),
    ("售后", Channel::OnlineChat),
    ("小二", Channel::OnlineChat),
    ("商家", Channel::OnlineChat),
    ("卖家", Channel::OnlineChat),
    ("店家", Channel::OnlineChat),
    ("chat", Channel::OnlineChat),
];

/// Right after a channel word, these make it something else: 电话号码/电话卡/电话费 (an order field
/// or a product), 邮件里/邮件中 (where goods are delivered).
const NOT_A_CONTACT_AFTER: &[&str] = &["号", "卡", "费", "地址", "里", "中"];

/// Outcome words, in the order they are tried: the first kind with a word in the scope wins, so
/// the more telling outcome is listed first (机器人 says more than 没解决).
const OUTCOME_WORDS: &[(ContactOutcome, &[&str])] = &[
    (
        ContactOutcome::BotOnly,
        &[
            "机器人",
            "自动回复",
            "转不了人工",
            "转不到人工",
            "没有人工",
            "没人工",
            "找不到人工",
            "不转人工",
            "联系不上人工",
            "bot",
        ],
    ),
    (
        ContactOutcome::Busy,
        &[
            "占线",
            "打不通",
            "一直忙",
            "排队",
            "忙音",
            "线路忙",
            "接不通",
            "挤不进",
        ],
    ),
    (
        ContactOutcome::NoAnswer,
        &[
            "没人理",
            "没有人理",
            "没人回",
            "没有人回",
            "不回",
            "没回",
            "未回复",
            "无回复",
            "没人接",
            "无人接",
            "没接",
            "没回应",
            "没有回应",
            "无回应",
            "无人回应",
            "石沉大海",
            "不理",
            "没理",
            "没消息",
            "没有消息",
            "没下文",
            "没有下文",
            "没动静",
            "没打",
            "没有打",
            "没来电",
            "杳无音信",
            "已读不回",
            "联系不上",
            "找不到人",
            "no reply",
            "no response",
        ],
    ),
    (
        ContactOutcome::Refused,
        &[
            "不能退",
            "不给退",
            "不退",
            "不可以退",
            "没法退",
            "无法退",
            "拒绝",
            "驳回",
            "被拒",
            "不予",
            "不同意",
            "不受理",
            "不给处理",
            "不给补",
            "不给换",
            "不给赔",
            "说不行",
            "不管",
            "refuse",
        ],
    ),
    (
        ContactOutcome::Unresolved,
        &[
            "没解决",
            "没有解决",
            "未解决",
            "不解决",
            "解决不了",
            "没用",
            "没有用",
            "没结果",
            "没有结果",
            "踢皮球",
            "推给",
            "推来推去",
            "让我找",
            "让我自己",
            "敷衍",
            "拖了",
            "一直拖",
            "一直说",
            "只会说",
            "让我等",
            "关了",
            "关闭了",
            "没处理",
            "不处理",
            "没人处理",
            "没有处理",
            "没进展",
            "还是不行",
            "也不行",
            "都不行",
            "啥也没有",
            "什么也没有",
            "等通知",
        ],
    ),
];

// Every channel word in one automaton: one pass over the text instead of one search per word
// (this runs in every triage, twice). Leftmost-first, in CHANNEL_WORDS order, so 专属客服 is read
// before 专属 and 人工客服 before 人工 at the same position.
lazy_regex!(
    CHANNEL_RE = CHANNEL_WORDS
        .iter()
        .map(|(w, _)| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
);
// One pattern per outcome kind; the set says which kinds occur anywhere in a text, overlapping
// or not, and the first kind in OUTCOME_WORDS order wins.
static OUTCOME_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(OUTCOME_WORDS.iter().map(|(_, words)| {
        words
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|")
    }))
    .expect("static regex set must compile")
});

// A count of tries: 三次, 好几次, 2遍, 多次.
lazy_regex!(
    ATTEMPTS = format!(r"(?P<n>[0-9]{{1,3}}|{CN_SMALL}{{1,3}}|好几|几|多|无数)\s*(?:次|遍|回)")
);
// Words that say it happened again and again without a count.
const REPEATED: &[&str] = &["一直", "每次", "反复", "天天", "又", "几次"];
// A plain duration in the clause (发了三天, 拖了一个礼拜): how long ago the contact was made.
lazy_regex!(SPAN = DURATION);

/// The contacts told in `t` (normalised text), one per channel, in the order they are told.
/// `now` dates them when the story gives a time.
pub(super) fn contacts(t: &str, now: DateTime<Tz>) -> Vec<SuggestedContact> {
    contact_mentions(t)
        .into_iter()
        .map(|m| SuggestedContact {
            at: contact_time(&t[m.scope.clone()], now),
            attempts: m.attempts,
            repeated: m.repeated,
            channel: m.channel,
            outcome: m.outcome,
            matched: m.matched,
        })
        .collect()
}

/// A contact before it is dated: what the classifier needs, without a clock.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactMention {
    pub channel: Channel,
    pub outcome: ContactOutcome,
    pub matched: String,
    pub attempts: Option<u32>,
    pub repeated: bool,
    /// Byte range of the clause(s) it was read from.
    pub scope: Range<usize>,
}

/// The contacts told in `t` (normalised text, any ASCII case), one per channel, undated.
pub fn contact_mentions(t: &str) -> Vec<ContactMention> {
    let lower = t.to_ascii_lowercase();
    // Most stories name no channel at all: one pass decides that.
    if !CHANNEL_RE.is_match(&lower) {
        return Vec::new();
    }
    // Questions (…吗, …?) ask whether something would happen; they do not tell that it did.
    let clauses: Vec<Range<usize>> = clauses(&lower)
        .into_iter()
        .filter(|(r, end)| {
            let text = lower[r.clone()].trim();
            !text.is_empty() && *end != Some('?') && !text.ends_with('吗')
        })
        .map(|(r, _)| r)
        .collect();
    let channels: Vec<Option<Channel>> = clauses
        .iter()
        .map(|r| channel_in(&lower[r.clone()]))
        .collect();
    let mut out: Vec<ContactMention> = Vec::new();
    for (i, r) in clauses.iter().enumerate() {
        let Some(channel) = channels[i] else { continue };
        if out.iter().any(|m| m.channel == channel) {
            continue;
        }
        // The outcome may follow in the next clause when that one names no channel of its own.
        let mut scope = r.clone();
        let mut outcome = outcome_in(&lower[scope.clone()]);
        if outcome.is_none() {
            if let (Some(next), Some(None)) = (clauses.get(i + 1), channels.get(i + 1)) {
                outcome = outcome_in(&lower[next.clone()]);
                scope = r.start..next.end;
            }
        }
        let Some(outcome) = outcome else { continue };
        let text = &lower[scope.clone()];
        let attempts = ATTEMPTS
            .captures(text)
            .and_then(|c| parse_num(c.name("n")?.as_str()))
            .and_then(|n| u32::try_from(n).ok());
        let repeated = attempts.is_some_and(|n| n > 1)
            || ATTEMPTS.is_match(text)
            || REPEATED.iter().any(|w| text.contains(w));
        out.push(ContactMention {
            channel,
            outcome,
            matched: t.get(scope.clone()).unwrap_or(text).trim().to_string(),
            attempts,
            repeated,
            scope,
        });
    }
    out
}

/// The most specific channel named in a clause in the sense of contacting it.
fn channel_in(clause: &str) -> Option<Channel> {
    CHANNEL_RE
        .find_iter(clause)
        .filter(|m| {
            let after = &clause[m.end()..];
            // Advice and questions are not contacts made: 请联系客服, 怎么找人工.
            let lead = window_before(clause, m.start(), 4);
            !NOT_A_CONTACT_AFTER.iter().any(|n| after.starts_with(n))
                && !["请", "建议", "怎么", "如何"]
                    .iter()
                    .any(|n| lead.contains(n))
        })
        .filter_map(|m| CHANNEL_WORDS.iter().position(|(w, _)| *w == m.as_str()))
        .min()
        .map(|i| CHANNEL_WORDS[i].1)
}

/// The first kind of outcome (in [`OUTCOME_WORDS`] order) with a word in the text.
fn outcome_in(text: &str) -> Option<ContactOutcome> {
    let found = OUTCOME_SET.matches(text);
    OUTCOME_WORDS
        .iter()
        .enumerate()
        .find(|&(i, _)| found.matched(i))
        .map(|(_, &(o, _))| o)
}

/// When the contact was made: "N前" in its clause, or a duration it has lasted (发了三天).
fn contact_time(scope: &str, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
    AGO.captures_iter(scope)
        .find_map(|c| duration_secs(scope, &c, false))
        .or_else(|| {
            SPAN.captures_iter(scope)
                .find_map(|c| duration_secs(scope, &c, true))
        })
        .and_then(|s| minus_secs(now, s))
}
