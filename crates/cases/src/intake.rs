//! From the form to the engine and back: an [`Intake`] becomes a triage [`Scenario`], and a story
//! becomes a pre-filled [`Intake`]. Every bad value is refused with the name of its form field, so
//! the UI can put the message next to the right box.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use reachright_core::scenario::{
    ContactAttempt, ContactDetails, Customer, Scenario, MAX_TEXT_CHARS,
};
use reachright_core::taxonomy::Demand;
use reachright_core::{Lang, Money, PlatformProfile, ProblemType};

use crate::error::{Error, Result};
use crate::models::{Intake, Settings, StoryReading};
use crate::views::coded;

/// Everything besides the form that a triage needs: the platform, the user's standing there,
/// the contact history and the user's contact details.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub profile: PlatformProfile,
    pub customer: Customer,
    pub history: Vec<ContactAttempt>,
    pub contact: ContactDetails,
}

impl Context {
    pub fn with_settings(mut self, settings: &Settings) -> Self {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        self.contact = ContactDetails {
            name: some(&settings.contact_name),
            phone: some(&settings.contact_phone),
            email: some(&settings.contact_email),
            account: some(&settings.contact_account),
        };
        self
    }
}

/// The scenario the engine sees for this form. Empty fields are left for the engine to extract
/// from the story; filled ones are explicit and win.
pub fn scenario_of(intake: &Intake, ctx: &Context) -> Result<Scenario> {
    let tz = ctx.profile.tz();
    let story = text("story", &intake.story)?;
    let problem_type = match intake.problem_type.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(code.parse::<ProblemType>().map_err(|_| {
            Error::invalid("problem_type", format!("unknown problem type {code:?}"))
        })?),
    };
    let demand = match intake.demand.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(
            code.parse::<Demand>()
                .map_err(|_| Error::invalid("demand", format!("unknown demand {code:?}")))?,
        ),
    };
    let platform = serde_json::to_value(&ctx.profile)
        .map_err(|e| Error::invalid("platform", e.to_string()))?;
    Ok(Scenario {
        description: story,
        problem_type,
        order_id: text("order_id", &intake.order_id)?,
        product: text("product", &intake.product)?,
        amount: parse_amount(&intake.amount)?,
        occurred_at: parse_local_time("occurred_at", &intake.occurred_at, tz)?,
        customer: ctx.customer,
        platform: Some(platform),
        history: ctx.history.clone(),
        symptom: text("symptom", &intake.symptom)?,
        error_message: text("error_message", &intake.error_message)?,
        steps_tried: lines("steps_tried", &intake.steps_tried)?,
        demand,
        evidence: lines("evidence", &intake.evidence)?,
        contact: ctx.contact.clone(),
        ..Scenario::default()
    })
}

/// Read a story and pre-fill the form with what was found in it; fields the user already typed
/// are kept as they are.
pub fn read_story(
    intake: &Intake,
    ctx: &Context,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<StoryReading> {
    let only_story = Intake {
        story: intake.story.clone(),
        platform_id: intake.platform_id.clone(),
        ..Intake::default()
    };
    let scenario = scenario_of(&only_story, ctx)?;
    let t = reachright_core::triage::triage(&scenario, now, lang)?;
    let case = &t.case;
    let keep = |typed: &str, found: Option<String>| {
        if typed.trim().is_empty() {
            found.unwrap_or_default()
        } else {
            typed.to_string()
        }
    };
    let filled = Intake {
        platform_id: intake.platform_id.clone(),
        story: intake.story.clone(),
        problem_type: intake.problem_type.clone(),
        order_id: keep(&intake.order_id, case.order_id.clone()),
        occurred_at: keep(
            &intake.occurred_at,
            case.occurred_at.map(|t| t.format(FORM_TIME).to_string()),
        ),
        product: keep(&intake.product, case.product.clone()),
        amount: keep(&intake.amount, case.amount.map(|m| m.to_string())),
        symptom: keep(&intake.symptom, case.symptom.clone()),
        error_message: keep(&intake.error_message, case.error_message.clone()),
        steps_tried: keep(
            &intake.steps_tried,
            (!case.steps_tried.is_empty()).then(|| case.steps_tried.join("\n")),
        ),
        demand: intake
            .demand
            .clone()
            .filter(|d| !d.trim().is_empty())
            .or_else(|| case.demand.map(|d| d.code().to_string())),
        evidence: intake.evidence.clone(),
    };
    Ok(StoryReading {
        intake: filled,
        problem_type: coded(case.problem_type.code(), case.problem_type.label(lang)),
        confidence: t.result.confidence,
        needs_confirmation: t.result.needs_confirmation,
        alternative: t
            .result
            .alternative_type
            .map(|p| coded(p.code(), p.label(lang))),
    })
}

/// The form's date-time format (an HTML `datetime-local` value).
pub const FORM_TIME: &str = "%Y-%m-%dT%H:%M";

/// A time from the form: `2024-05-20T14:30`, `2024-05-20 14:30[:00]` in the platform's zone, or
/// RFC 3339 with its own offset. Empty means not given.
pub fn parse_local_time(field: &str, s: &str, tz: Tz) -> Result<Option<DateTime<FixedOffset>>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t));
    }
    let naive = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .ok_or_else(|| {
        Error::invalid(
            field,
            format!("{s:?} is not a date and time like 2024-05-20 14:30"),
        )
    })?;
    // A local time that a DST change skips does not exist; China has no DST, other zones might.
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| Some(t.fixed_offset()))
        .ok_or_else(|| Error::invalid(field, format!("{s:?} does not exist in {tz}")))
}

/// An amount in yuan as people type it: `100`, `99.5`, `¥1,000`, `100元`.
pub fn parse_amount(s: &str) -> Result<Option<Money>> {
    let cleaned: String = s
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .chars()
        .filter(|c| *c != ',' && *c != '\u{ff0c}' && !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    cleaned
        .parse::<f64>()
        .ok()
        .and_then(Money::from_yuan_f64)
        .map(Some)
        .ok_or_else(|| {
            Error::invalid(
                "amount",
                format!("{s:?} is not an amount in yuan like 100 or 99.5"),
            )
        })
}

fn text(field: &str, s: &str) -> Result<Option<String>> {
    let s = s.trim();
    if s.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::invalid(
            field,
            format!("longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok((!s.is_empty()).then(|| s.to_string()))
}

fn lines(field: &str, s: &str) -> Result<Vec<String>> {
    Ok(text(field, s)?
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context::default()
    }

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(parse_amount("100").unwrap(), Some(Money::from_yuan(100)));
        assert_eq!(
            parse_amount(" ¥1,000 ").unwrap(),
            Some(Money::from_yuan(1000))
        );
        assert_eq!(parse_amount("99.5元").unwrap(), Some(Money::from_fen(9950)));
        assert_eq!(parse_amount("").unwrap(), None);
        let e = parse_amount("一百块").unwrap_err();
        assert_eq!(e.field(), Some("amount"));
        assert!(parse_amount("-5").is_err());
    }

    #[test]
    fn form_times_are_in_the_platform_zone() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let t = parse_local_time("occurred_at", "2024-05-20T14:30", tz)
            .unwrap()
            .unwrap();
        assert_eq!(t.to_rfc3339(), "2024-05-20T14:30:00+08:00");
        let t = parse_local_time("occurred_at", "2024-05-20T14:30:00+09:00", tz)
            .unwrap()
            .unwrap();
        assert_eq!(t.offset().local_minus_utc(), 9 * 3600);
        let e = parse_local_time("occurred_at", "2024-02-30 10:00", tz).unwrap_err();
        assert_eq!(e.field(), Some("occurred_at"));
    }

    #[test]
    fn explicit_fields_and_lines_reach_the_scenario() {
        let intake = Intake {
            story: "  充值没到账 ".into(),
            order_id: "A1".into(),
            steps_tried: "刷新\n\n 重新登录 ".into(),
            demand: Some("refund".into()),
            problem_type: Some("delivery_delay".into()),
            ..Intake::default()
        };
        let s = scenario_of(&intake, &ctx()).unwrap();
        assert_eq!(s.description.as_deref(), Some("充值没到账"));
        assert_eq!(s.order_id.as_deref(), Some("A1"));
        assert_eq!(s.steps_tried, vec!["刷新", "重新登录"]);
        assert_eq!(s.demand, Some(Demand::Refund));
        assert_eq!(s.problem_type, Some(ProblemType::DeliveryDelay));
        assert!(s.product.is_none());
    }

    #[test]
    fn unknown_codes_name_their_field() {
        let bad = Intake {
            problem_type: Some("nonsense".into()),
            ..Intake::default()
        };
        assert_eq!(
            scenario_of(&bad, &ctx()).unwrap_err().field(),
            Some("problem_type")
        );
        let bad = Intake {
            demand: Some("everything".into()),
            ..Intake::default()
        };
        assert_eq!(
            scenario_of(&bad, &ctx()).unwrap_err().field(),
            Some("demand")
        );
    }

    #[test]
    fn a_story_prefills_empty_fields_and_keeps_typed_ones() {
        let now = DateTime::parse_from_rfc3339("2024-05-20T15:00:00+08:00").unwrap();
        let intake = Intake {
            story: "订单号20240520001,今天14:30买了100元游戏点卡,到现在还没到账,想退款".into(),
            product: "我自己写的商品".into(),
            ..Intake::default()
        };
        let r = read_story(&intake, &ctx(), now, Lang::Zh).unwrap();
        assert_eq!(r.intake.order_id, "20240520001");
        assert_eq!(r.intake.amount, "100");
        assert_eq!(r.intake.occurred_at, "2024-05-20T14:30");
        assert_eq!(r.intake.product, "我自己写的商品");
        assert_eq!(r.intake.demand.as_deref(), Some("refund"));
        assert_eq!(r.problem_type.code, "delivery_delay");
        assert_eq!(r.problem_type.label, "商品未到账");
        // The type is not confirmed by reading: the user confirms it.
        assert_eq!(r.intake.problem_type, None);
    }

    #[test]
    fn an_oversized_story_is_refused_by_name() {
        let intake = Intake {
            story: "字".repeat(MAX_TEXT_CHARS + 1),
            ..Intake::default()
        };
        assert_eq!(
            scenario_of(&intake, &ctx()).unwrap_err().field(),
            Some("story")
        );
    }
}
