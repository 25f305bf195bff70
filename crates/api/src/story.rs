//! A story read by the engine: the form pre-filled with what was found in it, and how sure the
//! engine is of the problem type (the user confirms a guess with one click).

use crate::models::Labeled;
use crate::Call;
use chrono::{DateTime, FixedOffset};
use reachright_core::Lang;
use reachright_domain::form_time::FORM_TIME;
use reachright_domain::stored::triage_form;
use reachright_domain::Context;

use crate::error::Result;
use crate::models::{Intake, StoryReading, SuggestedContactView};
use crate::views::coded;

/// Read a story in its platform's context: the fields found in it (only those: the wizard keeps
/// what the user typed, so the merge happens once, there) and the problem type.
pub fn read_story(call: &Call<'_>, intake: &Intake) -> Result<StoryReading> {
    let ctx = reachright_domain::stored::context(call.store, intake, &[])?;
    read_with(intake, &ctx, call.now, call.lang)
}

fn read_with(
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
    let t = triage_form(&only_story, ctx, now, lang)?;
    let case = &t.case;
    let found = Intake {
        platform_id: intake.platform_id.clone(),
        story: intake.story.clone(),
        problem_type: None,
        order_id: case.order_id.clone().unwrap_or_default(),
        occurred_at: case
            .occurred_at
            .map(|t| t.format(FORM_TIME).to_string())
            .unwrap_or_default(),
        product: case.product.clone().unwrap_or_default(),
        amount: case.amount.map(|m| m.to_string()).unwrap_or_default(),
        symptom: case.symptom.clone().unwrap_or_default(),
        error_message: case.error_message.clone().unwrap_or_default(),
        steps_tried: case.steps_tried.join("\n"),
        demand: case.demand.map(|d| d.code().to_string()),
        evidence: String::new(),
    };
    Ok(StoryReading {
        found,
        problem_type: coded(case.problem_type.code(), case.problem_type.label(lang)),
        confidence: t.result.confidence,
        needs_confirmation: t.result.needs_confirmation,
        alternative: t
            .result
            .alternative_type
            .map(|p| coded(p.code(), p.label(lang))),
        suggested_contacts: case
            .suggested_contacts
            .iter()
            .map(|c| {
                let outcome = c.outcome.history_outcome();
                SuggestedContactView {
                    channel: coded(c.channel.code(), c.channel.label(lang)),
                    outcome: Labeled::new(outcome, outcome.label(lang)),
                    matched: c.matched.clone(),
                    at: c.at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                }
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_gives_only_the_fields_it_found() {
        let now = DateTime::parse_from_rfc3339("2024-05-20T15:00:00+08:00").unwrap();
        let intake = Intake {
            story: "订单号20240520001,今天14:30买了100元游戏点卡,到现在还没到账,想退款".into(),
            product: "我自己写的商品".into(),
            ..Intake::default()
        };
        let r = read_with(&intake, &Context::default(), now, Lang::Zh).unwrap();
        assert_eq!(r.found.order_id, "20240520001");
        assert_eq!(r.found.amount, "100");
        assert_eq!(r.found.occurred_at, "2024-05-20T14:30");
        // Only what the story says: the wizard keeps what the user typed (one merge, there).
        assert_ne!(r.found.product, "我自己写的商品");
        assert_eq!(r.found.story, intake.story);
        assert_eq!(r.found.demand.as_deref(), Some("refund"));
        assert_eq!(r.problem_type.code, "delivery_delay");
        assert_eq!(r.problem_type.label, "商品未到账");
        // The type is not confirmed by reading: the user confirms it.
        assert_eq!(r.found.problem_type, None);
        // Nothing in this story says the user contacted anyone.
        assert!(r.suggested_contacts.is_empty());
    }

    #[test]
    fn contacts_told_in_the_story_come_back_as_suggestions_with_history_codes() {
        use reachright_core::{Channel, Outcome};
        let now = DateTime::parse_from_rfc3339("2024-05-20T15:00:00+08:00").unwrap();
        let intake = Intake {
            story: "买了100元游戏点卡一直没到账,邮件发了三天没人理,电话一直占线,客服说不能退"
                .into(),
            ..Intake::default()
        };
        let r = read_with(&intake, &Context::default(), now, Lang::Zh).unwrap();
        let got: Vec<(&str, &str)> = r
            .suggested_contacts
            .iter()
            .map(|c| (c.channel.code.as_str(), c.outcome.code.code()))
            .collect();
        assert_eq!(
            got,
            [
                ("email", "no_response"),
                ("phone", "no_response"),
                ("online_chat", "dissatisfied"),
            ]
        );
        let email = &r.suggested_contacts[0];
        assert_eq!(email.channel.label, Channel::Email.label(Lang::Zh));
        assert_eq!(email.outcome.label, Outcome::NoResponse.label(Lang::Zh));
        assert!(
            email.matched.contains("邮件发了三天没人理"),
            "{}",
            email.matched
        );
        // "发了三天" dates the mail three days back; the phone call has no date (logged as now).
        assert_eq!(email.at, "2024-05-17T15:00:00+08:00");
        assert_eq!(r.suggested_contacts[1].at, "");
        // Labels follow the user's language, and the codes are the ones `log_contact` accepts.
        let en = read_with(&intake, &Context::default(), now, Lang::En).unwrap();
        assert_eq!(
            en.suggested_contacts[2].outcome.label,
            Outcome::Dissatisfied.label(Lang::En)
        );
        for c in &r.suggested_contacts {
            assert!(c.channel.code.parse::<Channel>().is_ok());
        }
    }
}
