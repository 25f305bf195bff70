//! One triage: classify, extract, resolve the case, recommend, describe — the contract's result.

use chrono::{DateTime, FixedOffset, Offset};
use reachright_tz::Tz;

use crate::classify::{classify, CONFIRM_BELOW};
use crate::describe::{description_text, symptom_of};
use crate::error::Result;
use crate::extract::extract;
use crate::lang::Lang;
use crate::profile::PlatformProfile;
use crate::recommend::{recommend_for, Recommendation};
use crate::scenario::{format_time, Case, ExtractedView, Field, Scenario, TriageResult};

/// Everything one triage produced: the resolved case and the contract's result.
#[derive(Debug, Clone)]
pub struct Triage {
    pub case: Case,
    pub profile: PlatformProfile,
    pub now: DateTime<Tz>,
    pub recommendation: Recommendation,
    pub result: TriageResult,
}

/// Resolve the scenario's platform profile: the one given, else the built-in default.
pub fn profile_of(scenario: &Scenario) -> Result<PlatformProfile> {
    match &scenario.platform {
        Some(v) => PlatformProfile::from_json(v),
        None => Ok(PlatformProfile::default()),
    }
}

/// Run the engine on one scenario. `clock_now` is used only when the scenario has no `now`.
pub fn triage(scenario: &Scenario, clock_now: DateTime<FixedOffset>, lang: Lang) -> Result<Triage> {
    Ok(run(scenario, profile_of(scenario)?, clock_now, lang))
}

/// Run the engine with a profile the caller already holds (the app reads it once from its
/// directory); the scenario's own `platform` field is not read.
pub fn triage_with(
    scenario: &Scenario,
    profile: &PlatformProfile,
    clock_now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<Triage> {
    Ok(run(scenario, profile.clone(), clock_now, lang))
}

fn run(
    scenario: &Scenario,
    profile: PlatformProfile,
    clock_now: DateTime<FixedOffset>,
    lang: Lang,
) -> Triage {
    let tz = profile.tz();
    let now = scenario.now.unwrap_or(clock_now).with_timezone(&tz);
    let case = resolve_case(scenario, now);
    // The user's clock: the scenario's own offset when it gives a moment, else the machine's.
    let user_offset = scenario.now.unwrap_or(clock_now).offset().fix();
    let recommendation = recommend_for(&case, &profile, now, user_offset, lang);
    let result = TriageResult::from_case(scenario.id.clone(), &case, &recommendation);
    Triage {
        case,
        profile,
        now,
        recommendation,
        result,
    }
}

/// Explicit fields win; the rest comes from the description.
pub fn resolve_case(scenario: &Scenario, now: DateTime<Tz>) -> Case {
    let text = scenario.description.as_deref().unwrap_or("");
    let found = extract(text, now);
    let (problem_type, confidence, alternative) = match scenario.problem_type {
        Some(p) => (p, 1.0, None),
        None => {
            let c = classify(text);
            (c.problem_type, c.confidence, c.alternative)
        }
    };
    let steps_tried = if scenario.steps_tried.is_empty() {
        found.steps_tried
    } else {
        scenario.steps_tried.clone()
    };
    let mut case = Case {
        problem_type,
        confidence,
        alternative,
        description: scenario.description.clone(),
        order_id: scenario.order_id.clone().or(found.order_id),
        product: scenario.product.clone().or(found.product),
        amount: scenario.amount.or(found.amount),
        // An explicit amount_cny is the amount; a foreign one from the text only fills a gap.
        amount_foreign: found.amount_foreign.filter(|_| scenario.amount.is_none()),
        occurred_at: scenario
            .occurred_at
            .map(|t| t.with_timezone(&now.timezone()))
            .or(found.occurred_at),
        symptom: scenario.symptom.clone(),
        error_message: scenario.error_message.clone().or(found.error_message),
        steps_tried,
        demand: scenario.demand.or(found.demand),
        evidence: scenario.evidence.clone(),
        customer: scenario.customer,
        history: scenario.history.clone(),
        suggested_contacts: found.contacts,
        contact: scenario.contact.clone(),
    };
    if case.symptom.is_none() {
        case.symptom = case
            .description
            .as_deref()
            .and_then(|d| symptom_of(d, &case));
    }
    case
}

impl TriageResult {
    /// The contract's result for a resolved case and its recommendation; `id` is echoed.
    pub fn from_case(
        id: Option<serde_json::Value>,
        case: &Case,
        rec: &Recommendation,
    ) -> TriageResult {
        let label = case.problem_type.label(Lang::Zh);
        let urgency = rec.urgency.word();
        TriageResult {
            id,
            problem_type: case.problem_type,
            group: case.group(),
            confidence: case.confidence,
            needs_confirmation: case.confidence < CONFIRM_BELOW,
            alternative_type: case.alternative,
            extracted: ExtractedView {
                order_id: case.order_id.clone(),
                amount_cny: case.amount,
                occurred_at: case.occurred_at.as_ref().map(format_time),
                product: case.product.clone(),
                error_message: case.error_message.clone(),
                steps_tried: case.steps_tried.clone(),
                demand: case.demand,
                amount_foreign: case.amount_foreign,
                contacts: case.suggested_contacts.iter().map(Into::into).collect(),
            },
            primary: rec.primary,
            do_now: rec.do_now,
            ladder: rec.ladder.clone(),
            reasons: rec.reasons.clone(),
            warnings: rec.warnings.clone(),
            missing: rec.missing.clone(),
            urgency,
            subject: format!(
                "{}-{label}-{urgency}",
                case.order_id
                    .clone()
                    .unwrap_or_else(|| Field::OrderId.placeholder())
            ),
            next_phone_opening: rec.next_phone_opening.as_ref().map(format_time),
            sla_deadline: rec.sla_deadline.as_ref().map(format_time),
            description_text: description_text(case),
            prepare: rec.prepare.clone(),
            expected_response: rec.expected_response.clone(),
        }
    }
}
