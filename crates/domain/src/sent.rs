//! The writing of what the user sends to a platform (the composer's texts: opening message, e-mail,
//! ticket, complaint). Simplified by default, because the platforms and authorities are on the
//! mainland; in Traditional when the user chose so in the settings (`send_lang`). Then only the
//! composer's own words are converted: the user's words inside the text (the story, the order
//! number, the product, names and contact details) stay exactly as they were typed.

use reachright_core::scenario::Case;
use reachright_core::{hant, Lang};

/// `text`, composed for `case` (whose platform is `platform`), in the writing `send`.
pub fn for_platform(text: &str, case: &Case, platform: &str, send: Lang) -> String {
    if send != Lang::ZhHant {
        return text.to_string();
    }
    let c = &case.contact;
    let mut keep: Vec<&str> = [
        &case.description,
        &case.order_id,
        &case.product,
        &case.symptom,
        &case.error_message,
        &c.name,
        &c.phone,
        &c.email,
        &c.account,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    keep.extend(case.steps_tried.iter().map(String::as_str));
    keep.extend(case.evidence.iter().map(String::as_str));
    keep.push(platform);
    hant::convert_except(text, &keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_composers_words_and_keeps_the_users() {
        let case = Case {
            problem_type: reachright_core::ProblemType::RechargeFailed,
            confidence: 1.0,
            alternative: None,
            description: None,
            order_id: None,
            product: Some("点卡".into()),
            amount: None,
            amount_foreign: None,
            occurred_at: None,
            symptom: None,
            error_message: None,
            steps_tried: Vec::new(),
            demand: None,
            evidence: Vec::new(),
            customer: Default::default(),
            history: Vec::new(),
            suggested_contacts: Vec::new(),
            contact: Default::default(),
        };
        let text = "商品：点卡，充值失败，请处理";
        assert_eq!(for_platform(text, &case, "某平台", Lang::Zh), text);
        assert_eq!(
            for_platform(text, &case, "某平台", Lang::ZhHant),
            "商品：点卡，儲值失敗，請處理"
        );
    }
}
