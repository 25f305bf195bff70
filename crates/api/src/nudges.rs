//! The seed's nudges, computed where the rules live: the day after the last action on an active
//! case, "解决了吗？" (the answer is recorded and the recommendation recomputed); and three failed
//! recharges within a day, "stop retrying, contact the platform now".

use chrono::{DateTime, Duration, FixedOffset};
use reachright_core::Lang;
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use crate::error::Result;
use crate::models::{CaseDetail, CaseSummary};
use crate::{cases, Call, Status};

/// How long after the last action the app asks whether it worked.
pub const ASK_AFTER: Duration = Duration::hours(24);
/// Failed recharges within [`REPEAT_WINDOW`] that prompt contact instead of another try.
pub const REPEAT_COUNT: usize = 3;
pub const REPEAT_WINDOW: Duration = Duration::hours(24);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(TS))]
pub enum NudgeKind {
    /// "解决了吗？" the day after the last contact on an active case.
    ResolvedYet,
    /// Several failed recharges within a day.
    RepeatedRechargeFailure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Nudge {
    pub kind: NudgeKind,
    pub text: String,
    /// The case it is about (the newest one for repeated failures).
    pub case_id: String,
}

fn parse(t: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(t).ok()
}

/// "解决了吗？" when the case is still active, has at least one contact, and nothing happened on
/// it for a day since.
pub fn resolved_yet(detail: &CaseDetail, now: DateTime<FixedOffset>, lang: Lang) -> Option<Nudge> {
    let s = &detail.summary;
    if !Status::parse(status_code(s)).is_some_and(Status::is_active) {
        return None;
    }
    let last = detail.contacts.iter().filter_map(|c| parse(&c.at)).max()?;
    let quiet_since = parse(&s.updated_at).map_or(last, |u| u.max(last));
    if now - quiet_since < ASK_AFTER {
        return None;
    }
    let channel = detail
        .contacts
        .iter()
        .max_by_key(|c| parse(&c.at))
        .map(|c| c.channel.label.clone())
        .unwrap_or_default();
    Some(Nudge {
        kind: NudgeKind::ResolvedYet,
        text: lang.fill(
            "上次联系{channel}已经过了一天，问题解决了吗？",
            "A day has passed since you contacted {channel}. Is it solved?",
            &[(
                "channel",
                &if lang.is_chinese() {
                    channel.clone()
                } else {
                    channel.to_lowercase()
                },
            )],
        ),
        case_id: s.id.clone(),
    })
}

fn status_code(s: &CaseSummary) -> &str {
    s.status.code.code()
}

/// The home screen's nudges: [`REPEAT_COUNT`] or more failed recharges opened within a day.
pub fn home(call: &Call<'_>) -> Result<Vec<Nudge>> {
    let since = call.now - REPEAT_WINDOW;
    // Only cases created since then can count: read those (by index), not every case. The bound is
    // a date a day early, so any RFC 3339 offset a stamp carries (at most ±24 h) still sorts after
    // it as text; the exact test follows.
    let day_before = (since.naive_utc() - Duration::days(1)).date().to_string();
    let recent = call.store.list_cases_created_since(&day_before)?;
    let mut failed: Vec<CaseSummary> = cases::summaries(call, recent)?
        .into_iter()
        .filter(|c| c.problem_type.code == "recharge_failed")
        .filter(|c| parse(&c.created_at).is_some_and(|t| t >= since))
        .collect();
    if failed.len() < REPEAT_COUNT {
        return Ok(Vec::new());
    }
    failed.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    let newest = &failed[0];
    let n = failed.len();
    Ok(vec![Nudge {
        kind: NudgeKind::RepeatedRechargeFailure,
        text: call.lang.fill(
            "一天内已有{n}次充值失败：先别再重试，保留付款截图，现在就联系客服（{next}）。",
            "{n} failed recharges within a day: stop retrying, keep the payment screenshots and contact support now ({next}).",
            &[("n", &n), ("next", &newest.next_step)],
        ),
        case_id: newest.id.clone(),
    }])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::models::ContactInput;
    use reachright_store::Store;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn a_day_after_the_last_contact_the_app_asks_whether_it_worked() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let t0 = at("2026-12-01T10:00:00+08:00");
        let call = Call::new(&store, t0, Lang::Zh);
        let d = crate::evidence::create_from_story(&call, "订单号20240520001，点卡没到账").unwrap();
        let id = d.summary.id.clone();
        assert_eq!(
            resolved_yet(&d, t0 + Duration::days(3), Lang::Zh),
            None,
            "no action yet"
        );
        let input = ContactInput {
            channel: "online_chat".into(),
            at: String::new(),
            outcome: "pending".into(),
            note: String::new(),
            reference: String::new(),
        };
        let d = cases::log_contact(&call, &id, &input).unwrap();
        assert_eq!(resolved_yet(&d, t0 + Duration::hours(23), Lang::Zh), None);
        let n = resolved_yet(&d, t0 + Duration::hours(25), Lang::Zh).unwrap();
        assert_eq!(
            (n.kind, n.case_id.as_str()),
            (NudgeKind::ResolvedYet, id.as_str())
        );
        assert!(n.text.contains("在线客服"), "{}", n.text);
        // Resolved: never asked again.
        let d = cases::set_status(&call, &id, "resolved").unwrap();
        assert_eq!(resolved_yet(&d, t0 + Duration::days(2), Lang::Zh), None);
    }

    #[test]
    fn three_failed_recharges_in_a_day_prompt_contact() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let t0 = at("2026-12-01T10:00:00+08:00");
        let story = |i: u32| crate::Intake {
            story: format!("给游戏账号充值提示充值失败，钱却扣了，第{i}次"),
            problem_type: Some("recharge_failed".into()),
            ..crate::Intake::default()
        };
        for i in 0..2 {
            cases::create(
                &Call::new(&store, t0 + Duration::hours(i), Lang::Zh),
                &story(1),
            )
            .unwrap();
        }
        let later = Call::new(&store, t0 + Duration::hours(5), Lang::Zh);
        assert!(
            home(&later).unwrap().is_empty(),
            "two are not yet a pattern"
        );
        let third = cases::create(&later, &story(3)).unwrap();
        let n = home(&later).unwrap();
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].kind, NudgeKind::RepeatedRechargeFailure);
        assert_eq!(n[0].case_id, third.summary.id);
        assert!(n[0].text.contains("3次"), "{}", n[0].text);
        // A day and more later, the first ones no longer count.
        let next_day = Call::new(&store, t0 + Duration::hours(25), Lang::Zh);
        assert!(home(&next_day).unwrap().is_empty());
    }
}
