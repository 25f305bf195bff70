//! domain.md's "what to prepare" before using a channel, in one place: the advice shown with the
//! recommendation and the typed items of the evidence checklist come from the same [`rule`] of a
//! channel, so the two cannot drift apart (a channel added to [`Channel`] needs both here).

use crate::compose::ComposeKind;
use crate::lang::Lang;
use crate::taxonomy::{Channel, ProblemType};

/// One thing the evidence checklist ticks off for a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepare {
    OrderId,
    /// A payment screenshot.
    Payment,
    /// The full transaction records (for a complaint outside the platform).
    FullPayment,
    /// The error or the order status on screen.
    ProblemScreen,
    /// The faulty product or card key on screen.
    ProductScreen,
    Communication,
    Demand,
    QuestionList,
    Description,
}

/// What covers an item: evidence of these kinds, a field of the form, or a composed text of this
/// kind without placeholders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    Evidence(&'static [&'static str]),
    OrderIdField,
    DemandField,
    Text(ComposeKind),
}

impl Prepare {
    /// Stable, crosses IPC.
    pub fn code(self) -> &'static str {
        match self {
            Prepare::OrderId => "order_id",
            Prepare::Payment | Prepare::FullPayment => "payment",
            Prepare::ProblemScreen => "problem_screen",
            Prepare::ProductScreen => "product_screen",
            Prepare::Communication => "communication",
            Prepare::Demand => "demand",
            Prepare::QuestionList => "question_list",
            Prepare::Description => "description",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Prepare::OrderId => ("订单号", "Order number"),
            Prepare::Payment => ("付款截图", "Payment screenshot"),
            Prepare::FullPayment => (
                "完整的交易记录（付款/转账截图）",
                "Full transaction records (payment screenshots)",
            ),
            Prepare::ProblemScreen => (
                "错误提示或订单状态截图",
                "Screenshot of the error or the order status",
            ),
            Prepare::ProductScreen => (
                "商品或卡密异常的截图",
                "Screenshot of the faulty product or card key",
            ),
            Prepare::Communication => (
                "与客服沟通的记录",
                "Your conversations with customer service",
            ),
            Prepare::Demand => (
                "明确的诉求（退款/重发/补偿）",
                "A clear demand (refund, resend, compensation)",
            ),
            Prepare::QuestionList => ("要问的问题清单", "The list of questions to ask"),
            Prepare::Description => (
                "问题陈述（经过、平台的责任）",
                "A statement of the problem (what happened, the platform's responsibility)",
            ),
        };
        lang.pick(zh, en)
    }

    /// What counts, in a sentence (which kinds of evidence, or which form field).
    pub fn hint(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Prepare::OrderId => (
                "在“修改订单信息”里填写",
                "Fill it in under “Edit the order details”",
            ),
            Prepare::Payment | Prepare::FullPayment => ("类别选“转账记录”", "Kind: payment record"),
            Prepare::ProblemScreen => (
                "类别选“错误提示”或“商品异常截图”",
                "Kind: error message or product problem",
            ),
            Prepare::ProductScreen => (
                "类别选“商品异常截图”或“错误提示”",
                "Kind: product problem or error message",
            ),
            Prepare::Communication => ("类别选“聊天截图”", "Kind: chat screenshot"),
            Prepare::Demand => (
                "在“修改订单信息”里选择诉求",
                "Choose it under “Edit the order details”",
            ),
            Prepare::QuestionList => (
                "本应用已写好，补全【待补充】的内容即可",
                "Written for you; fill in the 【待补充】 gaps",
            ),
            Prepare::Description => (
                "本应用已写好投诉信，补全【待补充】的内容即可",
                "The letter is written for you; fill in the 【待补充】 gaps",
            ),
        };
        lang.pick(zh, en)
    }

    pub fn cover(self) -> Cover {
        match self {
            Prepare::OrderId => Cover::OrderIdField,
            Prepare::Payment | Prepare::FullPayment => Cover::Evidence(&["transfer"]),
            Prepare::ProblemScreen => Cover::Evidence(&["error", "product"]),
            Prepare::ProductScreen => Cover::Evidence(&["product", "error"]),
            Prepare::Communication => Cover::Evidence(&["chat"]),
            Prepare::Demand => Cover::DemandField,
            Prepare::QuestionList => Cover::Text(ComposeKind::Phone),
            Prepare::Description => Cover::Text(ComposeKind::Complaint),
        }
    }

    /// The evidence kinds that cover it; empty for items the form or a composed text covers.
    pub fn kinds(self) -> &'static [&'static str] {
        match self.cover() {
            Cover::Evidence(kinds) => kinds,
            _ => &[],
        }
    }
}

/// A channel's rule: the advice in the user's words (zh, en) and the checklist's items, where
/// [`Prepare::ProblemScreen`] stands for the picture of the problem, whatever the problem.
struct Rule {
    advice: &'static [(&'static str, &'static str)],
    items: &'static [Prepare],
}

fn rule(channel: Channel) -> Rule {
    use Prepare::*;
    match channel {
        Channel::OnlineChat => Rule {
            advice: &[
                ("订单编号", "order number"),
                (
                    "问题截图（订单页、错误提示）",
                    "screenshots (order page, error)",
                ),
                ("错误提示原文", "the exact error text"),
            ],
            items: &[OrderId, Payment, ProblemScreen],
        },
        Channel::VipExclusive => Rule {
            advice: &[
                ("已绑定的手机号", "your bound phone number"),
                ("实名认证信息", "real-name verification"),
                ("订单编号和金额", "order number and amount"),
                ("异常经过的简要说明", "a short account of what went wrong"),
            ],
            items: &[OrderId, Payment, ProblemScreen, Communication],
        },
        Channel::Phone => Rule {
            advice: &[
                ("问题清单（按顺序要问的问题）", "your question list"),
                ("订单编号和绑定手机号", "order number and bound phone"),
                (
                    "纸笔：记下客服工号和处理编号",
                    "pen and paper for the agent's ID and reference number",
                ),
            ],
            items: &[OrderId, QuestionList, Payment],
        },
        Channel::Ticket | Channel::Email => Rule {
            advice: &[
                (
                    "问题经过（时间、现象、已尝试步骤）",
                    "what happened (time, symptom, steps tried)",
                ),
                (
                    "证据：转账记录、聊天截图、商品异常截图",
                    "evidence: payment record, chat screenshots, screenshots of the problem",
                ),
                (
                    "明确的诉求：退款、重发或补偿",
                    "an explicit demand: refund, resend or compensation",
                ),
            ],
            items: &[OrderId, Payment, ProblemScreen, Communication, Demand],
        },
        Channel::ThirdPartyComplaint => Rule {
            advice: &[
                ("完整的交易记录", "the full transaction record"),
                (
                    "与平台的沟通凭证（工单、聊天、通话记录）",
                    "proof of contact with the platform (tickets, chats, calls)",
                ),
                (
                    "问题说明、平台的责任与你的诉求",
                    "the problem, the platform's responsibility and your demand",
                ),
                (
                    "姓名、电话、地址（12315必填）",
                    "your name, phone and address (required by 12315)",
                ),
            ],
            items: &[
                FullPayment,
                Communication,
                ProblemScreen,
                Description,
                Demand,
            ],
        },
    }
}

/// What to have at hand before using a channel, as advice (the seed's advice per channel).
pub fn advice(channel: Channel, lang: Lang) -> Vec<String> {
    rule(channel)
        .advice
        .iter()
        .map(|(zh, en)| lang.pick(zh, en).to_string())
        .collect()
}

/// The checklist's items for a channel; the picture of the problem shows the product itself when
/// the product is what is wrong.
pub fn prepare_for(channel: Channel, problem: ProblemType) -> Vec<Prepare> {
    let product = matches!(
        problem,
        ProblemType::CardInvalid | ProblemType::CardKeyStolen | ProblemType::NotAsAgreed
    );
    rule(channel)
        .items
        .iter()
        .map(|&item| match item {
            Prepare::ProblemScreen if product => Prepare::ProductScreen,
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_has_advice_and_items_with_unique_codes() {
        for &channel in Channel::ALL {
            for &problem in ProblemType::ALL {
                let items = prepare_for(channel, problem);
                assert!(!items.is_empty(), "{channel}");
                let mut codes: Vec<&str> = items.iter().map(|i| i.code()).collect();
                codes.sort_unstable();
                codes.dedup();
                assert_eq!(codes.len(), items.len(), "{channel} {problem}");
            }
            for lang in [Lang::Zh, Lang::En] {
                assert!(!advice(channel, lang).is_empty(), "{channel}");
            }
        }
    }

    #[test]
    fn the_picture_of_the_problem_follows_the_problem() {
        let codes = |p| -> Vec<&str> {
            prepare_for(Channel::OnlineChat, p)
                .iter()
                .map(|i| i.code())
                .collect()
        };
        assert_eq!(
            codes(ProblemType::DeliveryDelay),
            ["order_id", "payment", "problem_screen"]
        );
        assert_eq!(
            codes(ProblemType::CardInvalid),
            ["order_id", "payment", "product_screen"]
        );
        assert_eq!(
            prepare_for(Channel::Email, ProblemType::Other),
            prepare_for(Channel::Ticket, ProblemType::Other)
        );
        assert_eq!(Prepare::FullPayment.code(), Prepare::Payment.code());
        assert!(Prepare::Demand.kinds().is_empty());
        assert_eq!(Prepare::ProductScreen.kinds(), ["product", "error"]);
    }

    #[test]
    fn the_advice_reads_as_before() {
        assert_eq!(
            advice(Channel::OnlineChat, Lang::Zh),
            ["订单编号", "问题截图（订单页、错误提示）", "错误提示原文"]
        );
        assert_eq!(
            advice(Channel::Phone, Lang::En),
            [
                "your question list",
                "order number and bound phone",
                "pen and paper for the agent's ID and reference number"
            ]
        );
        assert_eq!(
            advice(Channel::Email, Lang::Zh),
            advice(Channel::Ticket, Lang::Zh)
        );
        assert_eq!(advice(Channel::ThirdPartyComplaint, Lang::En).len(), 4);
    }
}
