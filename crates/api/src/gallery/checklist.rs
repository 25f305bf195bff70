//! What the recommended channel needs (core's "what to prepare"), ticked off by the evidence the
//! case holds, its form and its composed texts.

use reachright_core::prepare::{prepare_for, Cover};
use reachright_core::{Channel, Lang, ProblemType};
use reachright_store::EvidenceRow;
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use crate::models::{Analysis, Coded, Intake};

/// One thing the recommended channel needs, ticked when the case has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct ChecklistItem {
    /// Stable: `payment`, `problem_screen`, `product_screen`, `communication`, `order_id`, `demand`,
    /// `question_list`, `description`.
    pub code: String,
    pub label: String,
    /// What counts, in a sentence (which kinds of evidence, or which form field).
    pub hint: String,
    /// The evidence kinds that cover it; empty for items the form or a composed text covers.
    pub kinds: Vec<String>,
    pub covered: bool,
}

/// What to prepare for the case's recommended channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct Checklist {
    pub channel: Coded,
    pub items: Vec<ChecklistItem>,
    pub covered: u32,
    pub total: u32,
}

/// domain.md's "what to prepare" for the recommended channel ([`prepare_for`]), as items the
/// case's evidence (or its form, or a composed text) covers.
pub fn checklist(
    intake: &Intake,
    analysis: &Analysis,
    rows: &[EvidenceRow],
    lang: Lang,
) -> Checklist {
    let rec = &analysis.recommendation;
    let channel = rec.primary.channel.clone();
    // Codes that do not parse (never from the backend) read as online chat and "other".
    let items: Vec<ChecklistItem> = prepare_for(
        channel.code.parse().unwrap_or(Channel::OnlineChat),
        analysis
            .problem_type
            .code
            .parse()
            .unwrap_or(ProblemType::Other),
    )
    .into_iter()
    .map(|item| ChecklistItem {
        code: item.code().into(),
        label: item.label(lang).into(),
        hint: item.hint(lang).into(),
        kinds: item.kinds().iter().map(|k| k.to_string()).collect(),
        covered: match item.cover() {
            Cover::Evidence(kinds) => rows.iter().any(|r| kinds.contains(&r.kind.as_str())),
            Cover::OrderIdField => !intake.order_id.trim().is_empty(),
            Cover::DemandField => intake.demand.as_deref().is_some_and(|d| !d.is_empty()),
            Cover::Text(kind) => rec
                .texts
                .iter()
                .any(|t| t.kind == kind && !t.has_placeholders),
        },
    })
    .collect();
    let covered = items.iter().filter(|i| i.covered).count();
    Checklist {
        channel,
        covered: u32::try_from(covered).unwrap_or(u32::MAX),
        total: u32::try_from(items.len()).unwrap_or(u32::MAX),
        items,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::gallery::gallery;
    use crate::gallery::test_fixture::{fixture, png, STORY};
    use crate::views::coded;
    use reachright_core::Lang;
    use reachright_store::EVIDENCE_KINDS;

    #[test]
    fn checklist_follows_the_recommended_channel_and_ticks_covered_items() {
        let f = fixture(STORY);
        let g = gallery(&f.call(Lang::Zh), &f.vault, &f.case_id).unwrap();
        // A standard problem: online chat first — order number, payment, the problem on screen.
        assert_eq!(g.checklist.channel.code, "online_chat");
        let codes: Vec<&str> = g.checklist.items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["order_id", "payment", "problem_screen"]);
        assert!(
            g.checklist.items[0].covered,
            "the story had the order number"
        );
        assert!(!g.checklist.items[1].covered);
        assert_eq!(g.checklist.covered, 1);
        f.add("pay.png", &png(8, 8), "transfer");
        let g = gallery(&f.call(Lang::Zh), &f.vault, &f.case_id).unwrap();
        assert!(g.checklist.items[1].covered);
        assert_eq!((g.checklist.covered, g.checklist.total), (2, 3));

        // A dispute goes to a ticket: evidence plus an explicit demand.
        let detail = crate::cases::detail(&f.call(Lang::En), &f.case_id).unwrap();
        let mut ticket = detail.clone();
        ticket.analysis.recommendation.primary.channel = coded("ticket", "Ticket");
        let c = checklist(
            &ticket.intake,
            &ticket.analysis,
            &f.vault.list(&f.case_id).unwrap(),
            Lang::En,
        );
        let codes: Vec<&str> = c.items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "order_id",
                "payment",
                "problem_screen",
                "communication",
                "demand"
            ]
        );
        assert_eq!(c.items[3].kinds, ["chat"]);

        let mut complaint = detail.clone();
        complaint.analysis.recommendation.primary.channel = coded("third_party_complaint", "");
        complaint.analysis.problem_type = coded("card_invalid", "");
        let c = checklist(&complaint.intake, &complaint.analysis, &[], Lang::Zh);
        assert_eq!(c.items[0].label, "完整的交易记录（付款/转账截图）");
        assert!(c.items.iter().any(|i| i.code == "product_screen"));
        assert!(c.items.iter().any(|i| i.code == "description"));

        let mut phone = detail;
        phone.analysis.recommendation.primary.channel = coded("phone", "");
        let c = checklist(&phone.intake, &phone.analysis, &[], Lang::Zh);
        assert!(c.items.iter().any(|i| i.code == "question_list"));
    }

    #[test]
    fn every_kind_the_checklist_names_is_a_kind_the_user_can_choose() {
        for &channel in Channel::ALL {
            for &problem in ProblemType::ALL {
                for item in prepare_for(channel, problem) {
                    for kind in item.kinds() {
                        assert!(EVIDENCE_KINDS.contains(kind), "{}: {kind}", item.code());
                    }
                }
            }
        }
    }
}
