//! From the form to the engine: an [`Intake`] (the form as the user fills it in, and as a case
//! stores it) becomes a triage [`Scenario`]. Every bad value is refused with the name of its form
//! field, so the UI can put the message next to the right box.

use reachright_core::scenario::{
    ContactAttempt, ContactDetails, Customer, Scenario, MAX_TEXT_CHARS,
};
use reachright_core::taxonomy::Demand;
use reachright_core::{Money, PlatformProfile, ProblemType};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::form_time::parse_local_time;

/// The intake form as the user fills it in. Every text field is a plain string (empty = not given),
/// so half-typed drafts can be stored and restored exactly as they were.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(default)]
pub struct Intake {
    /// The platform from the user's directory; `None` uses the built-in default profile.
    pub platform_id: Option<String>,
    /// The user's own story, as typed or pasted.
    pub story: String,
    /// Set once the user confirmed or corrected the detected problem type.
    pub problem_type: Option<String>,
    pub order_id: String,
    /// `YYYY-MM-DDTHH:MM` (the form's date-time input) in the platform's time zone, or RFC 3339.
    pub occurred_at: String,
    pub product: String,
    /// Yuan, as typed: `100`, `99.5`.
    pub amount: String,
    pub symptom: String,
    pub error_message: String,
    /// One step per line.
    pub steps_tried: String,
    pub demand: Option<String>,
    /// What evidence the user has at hand (one item per line).
    pub evidence: String,
}

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
    pub fn with_contact(mut self, contact: ContactDetails) -> Self {
        self.contact = contact;
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
    Ok(Scenario {
        description: story,
        problem_type,
        order_id: text("order_id", &intake.order_id)?,
        product: text("product", &intake.product)?,
        amount: parse_amount(&intake.amount)?,
        occurred_at: parse_local_time("occurred_at", &intake.occurred_at, tz)?,
        customer: ctx.customer,
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
