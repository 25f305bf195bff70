//! The recommendation policy of domain.md: which channel first, with reasons, warnings, missing
//! fields, urgency and deadlines. Deterministic: the same case at the same `now` gives the same answer.
//!
//! Order of evaluation (domain.md): escalation first, then a pending ticket inside its SLA, then the
//! base ladder with the contact history applied.

use chrono::{DateTime, Duration, FixedOffset, Offset};
use reachright_tz::Tz;

use crate::calendar::{BusinessCalendar, PhoneHours};
use crate::lang::Lang;
use crate::profile::PlatformProfile;
use crate::scenario::{format_time, Case, ContactAttempt, Field, Warning, WarningCode};
use crate::taxonomy::{Channel, Group, Outcome, ProblemType};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Urgent,
    Normal,
}

impl Urgency {
    /// The word used in e-mail subjects and the contract's `urgency` field.
    pub fn word(self) -> &'static str {
        match self {
            Urgency::Urgent => "紧急",
            Urgency::Normal => "一般",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub primary: Channel,
    /// The channel to use this minute (domain.md, "Now versus later"): the first of the ladder
    /// that can be reached now; `primary` unless the primary cannot be reached now.
    pub do_now: Channel,
    pub ladder: Vec<Channel>,
    pub reasons: Vec<String>,
    pub warnings: Vec<Warning>,
    pub missing: Vec<Field>,
    pub urgency: Urgency,
    pub next_phone_opening: Option<DateTime<Tz>>,
    pub sla_deadline: Option<DateTime<Tz>>,
    pub escalated: bool,
    pub prepare: Vec<String>,
    pub expected_response: String,
}

/// Facts about the case and the moment that every rule below reads.
struct Facts<'a> {
    case: &'a Case,
    profile: &'a PlatformProfile,
    calendar: BusinessCalendar,
    now: DateTime<Tz>,
    lang: Lang,
    large: bool,
    eligible: bool,
    phone_open: bool,
    /// The offset of the user's clock, to give times in both zones when it is not the platform's.
    user_offset: FixedOffset,
}

impl Facts<'_> {
    fn phone(&self) -> PhoneHours<'_> {
        PhoneHours::new(&self.calendar, self.profile)
    }

    fn sla_deadline(&self, attempt: &ContactAttempt) -> DateTime<Tz> {
        let at = attempt.at.with_timezone(&self.calendar.tz());
        self.calendar
            .add_business_days(at, self.profile.ticket_sla_business_days)
    }

    /// The phone line's opening hours as a person says them: `09:00-18:00,仅工作日`.
    fn phone_hours(&self) -> String {
        let days = match self.profile.phone.business_days_only {
            true => self.lang.pick("仅工作日", "business days"),
            false => self.lang.pick("每天", "every day"),
        };
        let sep = self.lang.pick("，", ", ");
        format!("{}{sep}{days}", self.profile.phone.hours)
    }

    fn t(&self, zh: &'static str, en: &'static str) -> String {
        self.lang.pick(zh, en).to_string()
    }

    fn when(&self, t: &DateTime<Tz>) -> String {
        t.format(self.lang.pick("%m月%d日 %H:%M", "%Y-%m-%d %H:%M"))
            .to_string()
    }

    /// [`Self::when`] with the zone named, and the user's own time beside it when their clock is
    /// elsewhere: `12月04日 09:00（北京时间；您当地 02:00）`.
    fn when_zoned(&self, t: &DateTime<Tz>) -> String {
        let here = t.with_timezone(&self.user_offset);
        if t.offset().fix() == self.user_offset {
            return self.when(t);
        }
        let zone = if self.profile.tz() == reachright_tz::Tz::SHANGHAI {
            self.t("北京时间", "Beijing time")
        } else {
            self.t("平台时间", "platform time")
        };
        let local = if here.date_naive() == t.date_naive() {
            here.format("%H:%M").to_string()
        } else {
            here.format(self.lang.pick("%m月%d日 %H:%M", "%Y-%m-%d %H:%M"))
                .to_string()
        };
        self.lang.fill(
            "{when}（{zone}；您当地 {local}）",
            "{when} ({zone}; {local} your time)",
            &[("when", &self.when(t)), ("zone", &zone), ("local", &local)],
        )
    }

    /// Whether a channel can be used this minute (domain.md, "Now versus later"): the phone only
    /// in its hours; chat always (the bot answers around the clock and hands over when people are
    /// back); the exclusive agent when eligible (a callback can be asked for at any hour); written
    /// channels always.
    fn reachable_now(&self, channel: Channel) -> bool {
        match channel {
            Channel::Phone => self.phone_open,
            Channel::VipExclusive => self.eligible,
            Channel::OnlineChat
            | Channel::Ticket
            | Channel::Email
            | Channel::ThirdPartyComplaint => true,
        }
    }
}

fn is_written(channel: Channel) -> bool {
    matches!(channel, Channel::Ticket | Channel::Email)
}

pub fn recommend(
    case: &Case,
    profile: &PlatformProfile,
    now: DateTime<Tz>,
    lang: Lang,
) -> Recommendation {
    let user_offset = now.offset().fix();
    recommend_for(case, profile, now, user_offset, lang)
}

/// [`recommend`] for a user whose clock has `user_offset`: times the user must act on are given in
/// the platform's zone and, when it differs, in theirs.
pub fn recommend_for(
    case: &Case,
    profile: &PlatformProfile,
    now: DateTime<Tz>,
    user_offset: FixedOffset,
    lang: Lang,
) -> Recommendation {
    let calendar = BusinessCalendar::new(profile);
    let now = now.with_timezone(&calendar.tz());
    let large = case.amount.is_some_and(|a| a > profile.vip_threshold_cny);
    let eligible = profile.offers(Channel::VipExclusive)
        && case.customer.verified
        && (case.customer.vip || large);
    let phone_open =
        profile.offers(Channel::Phone) && PhoneHours::new(&calendar, profile).is_open(now);
    let f = Facts {
        case,
        profile,
        calendar,
        now,
        lang,
        large,
        eligible,
        phone_open,
        user_offset,
    };

    let base = base_ladder(&f);
    let mut history: Vec<&ContactAttempt> = case.history.iter().collect();
    history.sort_by_key(|a| a.at); // stable: equal times keep their given order
    let tried = ladder_after_history(&base, &history);

    let mut reasons = Vec::new();
    let (primary, ladder, sla_deadline, escalated) = if let Some((why, deadline)) =
        escalation(&f, &base, &history)
    {
        reasons.push(why);
        reasons.push(f.t(
            "第三方投诉是最后的维权途径：12315（全国12315平台）或黑猫投诉；若通过微信或支付宝付款，也可在支付渠道发起投诉，通常更快。",
            "A third-party complaint is the last resort: 12315 or Black Cat (黑猫投诉); if you paid by WeChat Pay or Alipay, their complaint channels are often faster.",
        ));
        let mut ladder = vec![Channel::ThirdPartyComplaint];
        ladder.extend(tried.iter().copied());
        (Channel::ThirdPartyComplaint, ladder, deadline, true)
    } else if let Some((attempt, deadline)) = pending_in_sla(&f, &history) {
        let keep = if profile.offers(Channel::Ticket) {
            Channel::Ticket
        } else {
            attempt.channel
        };
        reasons.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!(
                "你的{}仍在处理期内（{}个工作日，截止{}）：请耐心等待并在系统里跟踪进度，频繁催促反而会影响处理效率。",
                attempt.channel.label(lang), profile.ticket_sla_business_days, f.when(&deadline)
            )),
            Lang::En => format!(
                "Your {} is still within its {} business-day window (until {}): wait and track it; urging often slows it down.",
                attempt.channel.label(lang).to_lowercase(), profile.ticket_sla_business_days, f.when(&deadline)
            ),
        });
        let mut ladder = vec![keep];
        ladder.extend(tried.iter().copied().filter(|&c| c != keep));
        (keep, ladder, Some(deadline), false)
    } else {
        (tried[0], tried.clone(), None, false)
    };

    // The primary is first of the ladder in every branch above, so this is `primary` whenever the
    // primary can be used now; a ladder of closed channels only still leaves the primary.
    let do_now = ladder
        .iter()
        .copied()
        .find(|&c| f.reachable_now(c))
        .unwrap_or(primary);
    if do_now != primary {
        reasons.push(now_versus_later(&f, primary, do_now));
    }
    if !escalated && sla_deadline.is_none() {
        reasons.extend(ladder_reasons(&f, primary));
    }
    reasons.extend(history_reasons(&f, &history, &base));

    let warnings_and_missing = warnings(&f, primary, escalated);
    let (warnings, missing) = warnings_and_missing;
    let next_phone_opening =
        (profile.offers(Channel::Phone) && !phone_open).then(|| f.phone().next_opening(now));

    Recommendation {
        primary,
        do_now,
        ladder,
        reasons,
        warnings,
        missing,
        urgency: urgency(&f),
        next_phone_opening,
        sla_deadline,
        escalated,
        prepare: crate::prepare::advice(primary, lang),
        expected_response: expected_response(&f, primary),
    }
}

/// The base ladder of domain.md for the case's group, limited to the channels the platform offers.
fn base_ladder(f: &Facts) -> Vec<Channel> {
    use Channel::*;
    let vip = |on: bool| on.then_some(VipExclusive);
    let ladder: Vec<Option<Channel>> = match f.case.group() {
        Group::Standard if f.large && f.eligible => vec![
            Some(VipExclusive),
            Some(OnlineChat),
            Some(Phone),
            Some(Ticket),
        ],
        Group::Standard => vec![Some(OnlineChat), Some(Phone), Some(Ticket)],
        Group::Complex if f.eligible => vec![
            Some(VipExclusive),
            Some(Phone),
            Some(OnlineChat),
            Some(Ticket),
        ],
        Group::Urgent | Group::Complex if f.phone_open => {
            vec![Some(Phone), vip(f.eligible), Some(OnlineChat), Some(Ticket)]
        }
        Group::Urgent | Group::Complex => {
            vec![vip(f.eligible), Some(OnlineChat), Some(Phone), Some(Ticket)]
        }
        Group::Dispute => vec![Some(Ticket), Some(Email), vip(f.eligible), Some(Phone)],
    };
    let mut out: Vec<Channel> = ladder
        .into_iter()
        .flatten()
        .filter(|&c| f.profile.offers(c))
        .collect();
    if out.is_empty() {
        // A profile offering none of the ladder's channels still leaves the user somewhere to go.
        out = f.profile.channels.clone();
    }
    out
}

/// A channel tried with `unresolved` or `no_response` moves to the end, in the order they were tried.
fn ladder_after_history(base: &[Channel], history: &[&ContactAttempt]) -> Vec<Channel> {
    let mut ladder = base.to_vec();
    for attempt in history {
        if matches!(attempt.outcome, Outcome::Unresolved | Outcome::NoResponse) {
            if let Some(i) = ladder.iter().position(|&c| c == attempt.channel) {
                let c = ladder.remove(i);
                ladder.push(c);
            }
        }
    }
    ladder
}

/// Escalation (a), (b) or (c) of domain.md: the reason, and the SLA deadline when a ticket decided it.
fn escalation(
    f: &Facts,
    base: &[Channel],
    history: &[&ContactAttempt],
) -> Option<(String, Option<DateTime<Tz>>)> {
    for a in history.iter().filter(|a| is_written(a.channel)) {
        if matches!(a.outcome, Outcome::Pending | Outcome::NoResponse) {
            let deadline = f.sla_deadline(a);
            if f.now > deadline {
                let why = match f.lang {
                    Lang::Zh | Lang::ZhHant => f.lang.app_sentence(format!(
                        "{}已超过{}个工作日未处理（截止{}），平台已经有过处理机会。",
                        a.channel.label(f.lang), f.profile.ticket_sla_business_days, f.when(&deadline)
                    )),
                    Lang::En => format!(
                        "Your {} passed its {} business-day deadline ({}) without an answer: the platform has had its chance.",
                        a.channel.label(f.lang).to_lowercase(), f.profile.ticket_sla_business_days, f.when(&deadline)
                    ),
                };
                return Some((why, Some(deadline)));
            }
        }
    }
    if let Some(a) = history.iter().find(|a| {
        a.outcome == Outcome::Dissatisfied
            && matches!(
                a.channel,
                Channel::Ticket | Channel::Email | Channel::VipExclusive
            )
    }) {
        let why = match f.lang {
            Lang::Zh | Lang::ZhHant => f.lang.app_sentence(format!(
                "你对{}的处理结果不满意，平台内部渠道已经给出答复。",
                a.channel.label(f.lang)
            )),
            Lang::En => format!(
                "You are not satisfied with the answer from the {}.",
                a.channel.label(f.lang).to_lowercase()
            ),
        };
        return Some((why, None));
    }
    let all_tried = !base.is_empty()
        && base.iter().all(|c| {
            history
                .iter()
                .any(|a| a.channel == *c && a.outcome.is_failure())
        });
    all_tried.then(|| {
        (
            f.t(
                "推荐的每个渠道都已尝试，问题仍未解决。",
                "Every recommended channel has been tried without a resolution.",
            ),
            None,
        )
    })
}

/// The earliest-due ticket or e-mail still pending and not yet past its deadline.
fn pending_in_sla<'a>(
    f: &Facts,
    history: &[&'a ContactAttempt],
) -> Option<(&'a ContactAttempt, DateTime<Tz>)> {
    history
        .iter()
        .filter(|a| is_written(a.channel) && a.outcome == Outcome::Pending)
        .map(|a| (*a, f.sla_deadline(a)))
        .filter(|(_, deadline)| f.now <= *deadline)
        .min_by_key(|(_, deadline)| *deadline)
}

/// The primary cannot be used this minute (only the phone can be closed while first): say when it
/// opens, that it is still the best for this problem, and what to do right now.
fn now_versus_later(f: &Facts, primary: Channel, do_now: Channel) -> String {
    let opens = (primary == Channel::Phone).then(|| f.when_zoned(&f.phone().next_opening(f.now)));
    let why_now = match do_now {
        Channel::Ticket | Channel::Email => f.t(
            "书面提交后处理时限就开始计算，也留下了记录",
            "once it is written down the platform's clock starts and there is a record",
        ),
        Channel::OnlineChat => f.t(
            "机器人7×24小时在线，会记下问题并在人工上班后转接",
            "its bot answers around the clock and hands the problem to a person when they are back",
        ),
        Channel::VipExclusive => f.t(
            "专属客服可以随时预约回电",
            "an exclusive agent's callback can be asked for at any hour",
        ),
        _ => f.t("现在就能用", "it can be used now"),
    };
    let primary_name = primary.label(f.lang);
    let now_name = do_now.label(f.lang);
    match (f.lang, opens) {
        (Lang::Zh | Lang::ZhHant, Some(at)) => f.lang.app_sentence(format!(
            "{primary_name}仍是处理这个问题最合适的渠道，但现在不在服务时间，{at}开通；现在先用{now_name}：{why_now}。电话开通后再拨打。"
        )),
        (Lang::Zh | Lang::ZhHant, None) => f.lang.app_sentence(format!(
            "{primary_name}仍是处理这个问题最合适的渠道，但现在用不了；现在先用{now_name}：{why_now}。"
        )),
        (Lang::En, Some(at)) => format!(
            "The {} is still the best for this problem, but it is closed now and opens at {at}. Right now, use {}: {why_now}. Call when the line opens.",
            primary_name.to_lowercase(), now_name.to_lowercase()
        ),
        (Lang::En, None) => format!(
            "The {} is still the best for this problem but cannot be used now. Right now, use {}: {why_now}.",
            primary_name.to_lowercase(), now_name.to_lowercase()
        ),
    }
}

fn ladder_reasons(f: &Facts, primary: Channel) -> Vec<String> {
    let lang = f.lang;
    let kind = f.case.problem_type.label(lang);
    let mut out = Vec::new();
    match (f.case.group(), primary) {
        (_, Channel::VipExclusive) if f.large => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!(
                "订单金额{}元高于专属客服门槛{}元，且你已完成认证：专属客服通常{}分钟内主动回电，{}小时内响应。",
                f.case.amount.unwrap_or_default(), f.profile.vip_threshold_cny,
                f.profile.vip_callback_minutes, f.profile.vip_response_hours
            )),
            Lang::En => format!(
                "The order ({} yuan) is above the exclusive-service threshold ({} yuan) and you are verified: an exclusive agent usually calls back within {} minutes.",
                f.case.amount.unwrap_or_default(), f.profile.vip_threshold_cny, f.profile.vip_callback_minutes
            ),
        }),
        (Group::Complex, Channel::VipExclusive) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}属于复杂问题：专属客服由资深售后一对一跟进，可排查后台数据、直接对接技术或财务，{}小时内响应。", f.profile.vip_response_hours)),
            Lang::En => format!("{kind} is a complex problem: an exclusive agent follows it one-to-one, can check back-end data and answers within {} hours.", f.profile.vip_response_hours),
        }),
        (Group::Urgent | Group::Complex, Channel::Phone) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}需要尽快处理：电话客服可以实时沟通，现在正在服务时间内（{}）。", f.phone_hours())),
            Lang::En => format!("{kind} needs a fast answer: the phone line gives you a person in real time and is open now ({}).", f.phone_hours()),
        }),
        (Group::Urgent | Group::Complex, _) if !f.phone_open && f.profile.offers(Channel::Phone) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}本应优先打电话，但电话客服现在不在服务时间（{}），先通过{}留下问题，电话开放后再拨打。", f.phone_hours(), primary.label(lang))),
            Lang::En => format!("{kind} would call for the phone, but the line is closed now ({}): leave the problem with {} first, then call when it opens.", f.phone_hours(), primary.label(lang).to_lowercase()),
        }),
        (Group::Urgent | Group::Complex, _) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}需要尽快处理：现在用{}，把订单号和发生的事一次说清。", primary.label(lang))),
            Lang::En => format!("{kind} needs a fast answer: use {} now and give the order number and what happened in one go.", primary.label(lang).to_lowercase()),
        }),
        (Group::Dispute, _) => out.push(f.t(
            "争议问题需要书面留痕：工单或邮件的每次提交和回复都会形成记录，可作为后续投诉或维权的凭证。请附上证据并写明诉求。",
            "A dispute needs a paper trail: every ticket or e-mail exchange is recorded and can back a later complaint. Attach evidence and state your demand.",
        )),
        (Group::Standard, Channel::OnlineChat) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}是常见问题：在线客服通常30秒内接入，机器人7×24小时在线，解决不了会转人工并同步订单信息。")),
            Lang::En => format!("{kind} is a common problem: online chat usually connects within 30 seconds, around the clock, and hands over to a person with your order history."),
        }),
        (Group::Standard, Channel::Phone) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}：在线客服没能解决时，电话客服能直接和人沟通（服务时间{}）。", f.phone_hours())),
            Lang::En => format!("{kind}: when online chat has not solved it, the phone line puts you through to a person ({}).", f.phone_hours()),
        }),
        (Group::Standard, Channel::Ticket | Channel::Email) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}：{}会留下书面记录，平台应在{}个工作日内答复，进度可以跟踪。", primary.label(lang), f.profile.ticket_sla_business_days)),
            Lang::En => format!("{kind}: a {} leaves a written record; the platform should answer within {} business days, and you can track it.", primary.label(lang).to_lowercase(), f.profile.ticket_sla_business_days),
        }),
        (Group::Standard, _) => out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("{kind}：现在最合适的渠道是{}。", primary.label(lang))),
            Lang::En => format!("{kind}: the best channel now is {}.", primary.label(lang).to_lowercase()),
        }),
    }
    if f.case.problem_type == ProblemType::RechargeFailed {
        out.push(match lang {
            Lang::Zh | Lang::ZhHant => lang.app_sentence(format!(
                "充值失败需在交易后{}小时内反馈，越早联系越好。",
                f.profile.recharge_window_hours
            )),
            Lang::En => format!(
                "A failed recharge must be reported within {} hours of the transaction.",
                f.profile.recharge_window_hours
            ),
        });
    }
    out
}

fn history_reasons(f: &Facts, history: &[&ContactAttempt], base: &[Channel]) -> Vec<String> {
    let mut seen: Vec<Channel> = Vec::new();
    for a in history {
        if matches!(a.outcome, Outcome::Unresolved | Outcome::NoResponse)
            && base.contains(&a.channel)
            && !seen.contains(&a.channel)
        {
            seen.push(a.channel);
        }
    }
    if seen.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = seen.iter().map(|c| c.label(f.lang)).collect();
    vec![match f.lang {
        Lang::Zh | Lang::ZhHant => f.lang.app_sentence(format!(
            "{}已经试过但没有解决，已排到最后：不要只依赖一个渠道，换一个试试。",
            names.join("、")
        )),
        Lang::En => format!(
            "Already tried without success, moved to the end: {}. Don't rely on one channel.",
            names.join(", ")
        ),
    }]
}

fn warnings(f: &Facts, primary: Channel, escalated: bool) -> (Vec<Warning>, Vec<Field>) {
    let lang = f.lang;
    let mut out = Vec::new();
    let mut push = |code, message: String, at: Option<DateTime<Tz>>| {
        out.push(Warning {
            code,
            message,
            at: at.as_ref().map(format_time),
        });
    };

    if f.case.problem_type == ProblemType::RechargeFailed {
        match recharge_deadline(f) {
            Some(deadline) if f.now < deadline => {
                let left = deadline - f.now;
                let (h, m) = (left.num_hours(), left.num_minutes() % 60);
                push(WarningCode::RechargeWindow, match lang {
                    Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("充值失败需在交易后{}小时内反馈，还剩{h}小时{m}分钟（截止{}）。", f.profile.recharge_window_hours, f.when(&deadline))),
                    Lang::En => format!("Report a failed recharge within {} hours: {h} h {m} min left (until {}).", f.profile.recharge_window_hours, f.when(&deadline)),
                }, Some(deadline));
            }
            Some(deadline) => push(WarningCode::RechargeWindowExpired, match lang {
                Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("已超过{}小时反馈期限（{}）：仍然请尽快联系客服，并保留好支付和错误截图等证据。", f.profile.recharge_window_hours, f.when(&deadline))),
                Lang::En => format!("The {}-hour reporting window has passed ({}): contact support anyway and keep your payment and error screenshots.", f.profile.recharge_window_hours, f.when(&deadline)),
            }, Some(deadline)),
            None => push(WarningCode::RechargeWindow, match lang {
                Lang::Zh | Lang::ZhHant => lang.app_sentence(format!("充值失败需在交易后{}小时内反馈：请补充交易时间，以便计算剩余时间。", f.profile.recharge_window_hours)),
                Lang::En => format!("Report a failed recharge within {} hours of the transaction: add its time to see how long is left.", f.profile.recharge_window_hours),
            }, None),
        }
    }
    if f.case.problem_type == ProblemType::RefundRequest {
        push(WarningCode::NoReasonReturnExcluded, f.t(
            "虚拟商品不适用七天无理由退货（消费者权益保护法第25条：在线下载或已拆封的数字化商品除外）；卡密一旦发放即视为交付（电子商务法第51条），非质量问题通常无法退款。未使用的商品可以礼貌协商。",
            "Virtual goods are excluded from the 7-day no-reason return (Consumer Rights Protection Law Art. 25), and a card key counts as delivered once sent (E-commerce Law Art. 51): refunds without a defect are usually refused. Unused goods may still be negotiated politely.",
        ), None);
    }
    let phone_would_lead = matches!(f.case.group(), Group::Urgent)
        || (f.case.group() == Group::Complex && !f.eligible);
    if phone_would_lead && f.profile.offers(Channel::Phone) && !f.phone_open {
        let next = f.phone().next_opening(f.now);
        push(
            WarningCode::PhoneClosed,
            match lang {
                Lang::Zh | Lang::ZhHant => lang.app_sentence(format!(
                    "电话客服现在不在服务时间（{}），下次开放：{}。",
                    f.phone_hours(),
                    f.when_zoned(&next)
                )),
                Lang::En => format!(
                    "The phone line is closed now ({}); it opens next at {}.",
                    f.phone_hours(),
                    f.when_zoned(&next)
                ),
            },
            Some(next),
        );
    }
    if primary == Channel::Phone {
        if let Some(peak) = f.phone().peak_at(f.now) {
            let off_peak = f.calendar.at(f.now.date_naive(), peak.end);
            let callback = f.profile.phone.callback_service;
            push(WarningCode::PhonePeak, match (lang, callback) {
                (Lang::Zh | Lang::ZhHant, true) => lang.app_sentence(format!("现在是通话高峰（{peak}），可能要排队：遇到忙音可使用平台的回电服务，或在{}之后再拨。", peak.end.format("%H:%M"))),
                (Lang::Zh | Lang::ZhHant, false) => lang.app_sentence(format!("现在是通话高峰（{peak}），可能要排队：建议在{}之后再拨。", peak.end.format("%H:%M"))),
                (Lang::En, true) => format!("This is a peak hour ({peak}): if the line is busy, use the platform's call-back service or call after {}.", peak.end.format("%H:%M")),
                (Lang::En, false) => format!("This is a peak hour ({peak}): expect a queue, or call after {}.", peak.end.format("%H:%M")),
            }, Some(off_peak));
        }
    }
    if (f.case.customer.vip || f.large)
        && !f.case.customer.verified
        && f.profile.offers(Channel::VipExclusive)
    {
        push(WarningCode::VerificationRequired, f.t(
            "专属客服需要先完成平台认证（绑定手机号并实名认证），认证后即可申请一对一服务。",
            "The exclusive service needs platform verification first (bound phone number and real-name check).",
        ), None);
    }
    let missing = missing_fields(f.case, escalated);
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|m| m.label(lang)).collect();
        push(
            WarningCode::MissingInfo,
            match lang {
                Lang::Zh | Lang::ZhHant => lang.app_sentence(format!(
                    "描述还缺少：{}。信息越完整，客服越快解决。",
                    names.join("、")
                )),
                Lang::En => format!(
                    "Still missing: {}. The more complete, the faster it is solved.",
                    names.join(", ")
                ),
            },
            None,
        );
    }
    (out, missing)
}

fn recharge_deadline(f: &Facts) -> Option<DateTime<Tz>> {
    f.case.occurred_at.map(|t| {
        t.with_timezone(&f.calendar.tz())
            + Duration::hours(i64::from(f.profile.recharge_window_hours))
    })
}

/// domain.md: the description's fields; for disputes and escalations also evidence and demand.
pub fn missing_fields(case: &Case, escalated: bool) -> Vec<Field> {
    let mut out = Vec::new();
    let has_symptom = case.symptom.is_some() || case.description.is_some();
    for (field, present) in [
        (Field::OrderId, case.order_id.is_some()),
        (Field::OccurredAt, case.occurred_at.is_some()),
        (Field::Product, case.product.is_some()),
        (
            Field::Amount,
            case.amount.is_some() || case.amount_foreign.is_some(),
        ),
        (Field::Symptom, has_symptom),
        (Field::ErrorMessage, case.error_message.is_some()),
        (Field::StepsTried, !case.steps_tried.is_empty()),
    ] {
        if !present {
            out.push(field);
        }
    }
    if case.group() == Group::Dispute || escalated {
        if case.evidence.is_empty() {
            out.push(Field::Evidence);
        }
        if case.demand.is_none() {
            out.push(Field::Demand);
        }
    }
    out
}

fn urgency(f: &Facts) -> Urgency {
    if matches!(f.case.group(), Group::Urgent | Group::Complex) {
        return Urgency::Urgent;
    }
    if f.case.problem_type == ProblemType::RechargeFailed {
        if let Some(deadline) = recharge_deadline(f) {
            if deadline - f.now < Duration::hours(i64::from(f.profile.recharge_urgent_hours)) {
                return Urgency::Urgent;
            }
        }
    }
    Urgency::Normal
}

fn expected_response(f: &Facts, channel: Channel) -> String {
    match channel {
        Channel::OnlineChat => f.t(
            "约30秒接入（机器人7×24小时，可转人工）",
            "about 30 seconds (bot around the clock, hands over to a person)",
        ),
        Channel::VipExclusive => match f.lang {
            Lang::Zh | Lang::ZhHant => f.lang.app_sentence(format!(
                "{}小时内响应；大额订单{}分钟内主动回电",
                f.profile.vip_response_hours, f.profile.vip_callback_minutes
            )),
            Lang::En => format!(
                "within {} hours; large orders get a call back within {} minutes",
                f.profile.vip_response_hours, f.profile.vip_callback_minutes
            ),
        },
        Channel::Phone => match f.lang {
            Lang::Zh | Lang::ZhHant => f
                .lang
                .app_sentence(format!("实时（服务时间{}）", f.phone_hours())),
            Lang::En => format!("real time (open {})", f.phone_hours()),
        },
        Channel::Ticket | Channel::Email => match f.lang {
            Lang::Zh | Lang::ZhHant => f
                .lang
                .app_sentence(format!("1-{}个工作日", f.profile.ticket_sla_business_days)),
            Lang::En => format!("1-{} business days", f.profile.ticket_sla_business_days),
        },
        Channel::ThirdPartyComplaint => f.t(
            "数日：12315在7个工作日内决定是否受理",
            "several days: 12315 decides within 7 working days whether to accept it",
        ),
    }
}
