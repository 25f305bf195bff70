//! Unit tests of the composer and the redaction.

use super::redact::*;
use super::*;
use crate::scenario::Customer;

fn t(s: &str) -> DateTime<Tz> {
    DateTime::parse_from_rfc3339(s)
        .expect("test time")
        .with_timezone(&Tz::SHANGHAI)
}

fn attempt(channel: Channel, at: &str, outcome: Outcome) -> ContactAttempt {
    ContactAttempt {
        channel,
        at: DateTime::parse_from_rfc3339(at).expect("test time"),
        outcome,
    }
}

/// The seed's example, with a full intake.
fn full_case() -> Case {
    Case {
        problem_type: ProblemType::DeliveryDelay,
        confidence: 1.0,
        alternative: None,
        description: Some("充值没到账".into()),
        order_id: Some("20240520001".into()),
        product: Some("游戏点卡".into()),
        amount: Some(Money::from_yuan(100)),
        amount_foreign: None,
        occurred_at: Some(t("2024-05-20T14:30:00+08:00")),
        symptom: Some("支付成功后30分钟未到账,订单状态显示'处理中'。".into()),
        error_message: Some("订单处理中,请稍后".into()),
        steps_tried: vec!["已刷新页面3次未生效".into(), "重新登录".into()],
        demand: Some(Demand::Refund),
        evidence: vec!["支付宝转账记录截图".into(), "订单详情截图".into()],
        customer: Customer {
            vip: false,
            verified: true,
        },
        history: vec![
            attempt(
                Channel::Ticket,
                "2024-05-21T10:00:00+08:00",
                Outcome::Pending,
            ),
            attempt(
                Channel::OnlineChat,
                "2024-05-20T15:05:00+08:00",
                Outcome::Unresolved,
            ),
        ],
        suggested_contacts: vec![],
        contact: ContactDetails {
            name: Some("张三".into()),
            phone: Some("13812345678".into()),
            email: Some("zhangsan@example.com".into()),
            account: Some("player2024".into()),
        },
    }
}

fn empty_case(problem_type: ProblemType) -> Case {
    Case {
        problem_type,
        confidence: 0.0,
        alternative: None,
        description: None,
        order_id: None,
        product: None,
        amount: None,
        amount_foreign: None,
        occurred_at: None,
        symptom: None,
        error_message: None,
        steps_tried: vec![],
        demand: None,
        evidence: vec![],
        customer: Customer::default(),
        history: vec![],
        suggested_contacts: vec![],
        contact: ContactDetails::default(),
    }
}

/// The real triage result for a hand-made case, with the subject the test wants.
fn result_for(case: &Case) -> TriageResult {
    let now = t("2024-05-20T15:00:00+08:00");
    let rec = crate::recommend::recommend(case, &PlatformProfile::default(), now, Lang::Zh);
    TriageResult::from_case(None, case, &rec)
}

fn all_texts(case: &Case, result: &TriageResult, now: &str) -> Vec<Composed> {
    let profile = PlatformProfile {
        name: "某某卡盟".into(),
        ..Default::default()
    };
    compose_all(&ComposeInput {
        case,
        result,
        profile: &profile,
        now: t(now),
        lang: Lang::Zh,
    })
}

#[test]
fn compose_every_kind_names_the_order_and_the_demand() {
    let case = full_case();
    let result = result_for(&case);
    for text in all_texts(&case, &result, "2024-05-27T11:00:00+08:00") {
        assert_eq!(text.kind, text.kind.code().parse().expect("code parses"));
        assert!(
            text.body.contains("20240520001"),
            "{:?} lacks the order number:\n{}",
            text.kind,
            text.body
        );
        assert!(
            text.body.contains("全额退款100元"),
            "{:?} lacks the demand:\n{}",
            text.kind,
            text.body
        );
        assert!(
            !text.body.contains("None") && !text.body.contains("Some("),
            "{}",
            text.body
        );
        assert!(
            text.body.contains("2024年5月20日 14:30"),
            "{:?} lacks the time:\n{}",
            text.kind,
            text.body
        );
    }
}

#[test]
fn compose_email_has_the_subject_and_ends_with_contact_details() {
    let case = full_case();
    let result = result_for(&case);
    let profile = PlatformProfile::default();
    let input = ComposeInput {
        case: &case,
        result: &result,
        profile: &profile,
        now: t("2024-05-24T17:00:00+08:00"),
        lang: Lang::Zh,
    };
    let mail = compose(ComposeKind::Email, &input);
    assert_eq!(mail.subject.as_deref(), Some("20240520001-商品未到账-一般"));
    let last: Vec<&str> = mail.body.lines().rev().take(4).collect();
    assert_eq!(
        last,
        [
            "平台账号：player2024",
            "邮箱：zhangsan@example.com",
            "手机号：13812345678",
            "姓名：张三"
        ]
    );
    // Friday 17:00 + 3 business days = Wednesday 17:00.
    assert!(
        mail.body.contains("于2024年5月29日 17:00前回复"),
        "{}",
        mail.body
    );
    assert!(
        mail.body
            .contains("订单编号：20240520001\n交易时间：2024年5月20日 14:30"),
        "{}",
        mail.body
    );
}

#[test]
fn compose_subject_is_rebuilt_when_triage_left_it_empty() {
    let mut case = full_case();
    case.problem_type = ProblemType::RechargeFailed;
    let mut result = result_for(&case);
    result.urgency = "紧急";
    let texts = all_texts(&case, &result, "2024-05-20T16:00:00+08:00");
    let mail = &texts[2];
    assert_eq!(mail.subject.as_deref(), Some(result.subject.as_str()));
    assert!(
        result.subject.starts_with("20240520001-充值失败-"),
        "{}",
        result.subject
    );
    assert!(
        texts[3].body.contains("紧急程度：紧急"),
        "{}",
        texts[3].body
    );
    // Reported 1.5 h after the transaction: the texts say the 24 h window was respected.
    assert!(
        texts[0].body.contains("1小时30分钟内即已报告"),
        "{}",
        texts[0].body
    );
}

#[test]
fn compose_empty_case_gets_placeholders_and_no_panic() {
    for &p in ProblemType::ALL {
        let case = empty_case(p);
        let result = result_for(&case);
        let empty_profile = PlatformProfile {
            name: String::new(),
            ..Default::default()
        };
        let input = ComposeInput {
            case: &case,
            result: &result,
            profile: &empty_profile,
            now: t("2024-05-25T03:00:00+08:00"),
            lang: Lang::Zh,
        };
        for text in compose_all(&input) {
            let all = format!("{text}");
            assert!(!all.contains("None"), "{p:?} {:?}:\n{all}", text.kind);
            assert!(has_placeholders(&all));
            assert!(!has_placeholders("【官方】游戏点卡"));
            assert!(
                text.body.contains("【待补充：订单编号】"),
                "{p:?} {:?}:\n{}",
                text.kind,
                text.body
            );
            assert!(
                !text.body.contains("::") && !text.body.contains("。。"),
                "{}",
                text.body
            );
        }
        let mail = compose(ComposeKind::Email, &input);
        assert_eq!(
            mail.subject.as_deref(),
            Some(
                format!(
                    "【待补充：订单编号】-{}-{}",
                    p.label(Lang::Zh),
                    result.urgency
                )
                .as_str()
            )
        );
        assert!(
            mail.body.ends_with("平台账号：【请填写平台账号】"),
            "{}",
            mail.body
        );
        assert!(mail.body.contains("手机号：【请填写手机号】"));
        let letter = compose(ComposeKind::Complaint, &input);
        assert!(letter.body.contains("通讯地址：【请填写通讯地址】"));
        assert!(letter.body.contains("【待补充：与平台协商的经过"));
    }
}

#[test]
fn compose_demand_and_evidence_default_by_problem_type() {
    let case = empty_case(ProblemType::CardKeyStolen);
    let result = result_for(&case);
    let texts = all_texts(&case, &result, "2024-05-20T11:00:00+08:00");
    for text in &texts {
        assert!(
            text.body.contains("冻结/作废被盗用的卡密"),
            "{:?}:\n{}",
            text.kind,
            text.body
        );
    }
    let ticket = &texts[3].body;
    assert!(ticket.contains("【请按以下清单准备附件"), "{ticket}");
    assert!(
        ticket.contains("支付截图/转账记录") && ticket.contains("卡密发放记录截图"),
        "{ticket}"
    );
    assert!(ticket.contains("首次反映"), "{ticket}");
    let call = &texts[1].body;
    assert!(call.contains("能否立即冻结或作废这个卡密"), "{call}");
    assert!(call.contains("工号") && call.contains("工单号"), "{call}");
}

#[test]
fn compose_phone_lists_questions_for_frozen_accounts_and_offers_callback() {
    let mut case = full_case();
    case.problem_type = ProblemType::AccountFrozen;
    case.demand = None;
    let result = result_for(&case);
    let profile = PlatformProfile::default();
    // Monday 09:30: open, inside the morning peak.
    let input = ComposeInput {
        case: &case,
        result: &result,
        profile: &profile,
        now: t("2024-05-20T09:30:00+08:00"),
        lang: Lang::Zh,
    };
    let call = compose(ComposeKind::Phone, &input).body;
    assert!(
        call.contains("我的订单号是20240520001，绑定的手机号是13812345678"),
        "{call}"
    );
    for q in ["为什么被冻结", "怎样解冻", "余额", "多长时间"] {
        assert!(call.contains(q), "missing {q}: {call}");
    }
    assert!(
        call.contains("回电服务") && call.contains("通话高峰（09:00-10:00）"),
        "{call}"
    );
    let no_callback = PlatformProfile {
        phone: crate::profile::PhoneProfile {
            callback_service: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let input = ComposeInput {
        profile: &no_callback,
        now: t("2024-05-25T09:30:00+08:00"),
        ..input
    };
    let call = compose(ComposeKind::Phone, &input).body;
    assert!(!call.contains("回电"), "{call}");
    assert!(
        call.contains("下次可拨打的时间：2024年5月27日 09:00"),
        "{call}"
    );
}

#[test]
fn compose_ticket_and_complaint_list_history_and_evidence() {
    let case = full_case();
    let result = result_for(&case);
    let texts = all_texts(&case, &result, "2024-05-27T11:00:00+08:00");
    let (ticket, letter) = (&texts[3].body, &texts[4].body);
    for body in [ticket, letter] {
        assert!(
            body.contains("1. 2024年5月20日 15:05 通过在线客服联系，结果：未解决"),
            "{body}"
        );
        assert!(
            body.contains("2. 2024年5月21日 10:00 通过工单系统联系，结果：处理中，已超过3个工作日"),
            "{body}"
        );
        assert!(
            body.contains("1. 支付宝转账记录截图\n2. 订单详情截图"),
            "{body}"
        );
        assert!(!body.contains("【请按以下清单"), "{body}");
    }
    for label in [
        "订单编号：",
        "交易时间：",
        "商品名称：",
        "金额：100元",
        "问题现象：",
        "错误提示：“订单处理中,请稍后”",
        "已尝试的解决步骤：已刷新页面3次未生效；重新登录",
    ] {
        assert!(ticket.contains(label), "missing {label}: {ticket}");
    }
    assert!(
        letter.contains("投诉对象：某某卡盟") && letter.contains("涉诉金额：100元"),
        "{letter}"
    );
    assert!(
        letter.contains("第五十一条") && letter.contains("第六十二条"),
        "{letter}"
    );
    assert!(
        !letter.contains("第五十五条"),
        "fraud is not claimed for a delay: {letter}"
    );
    assert!(
        letter.contains("姓名：张三") && letter.contains("手机号：13812345678"),
        "{letter}"
    );
    assert_eq!(
        texts[4].subject.as_deref(),
        Some("关于某某卡盟订单20240520001商品未到账的投诉")
    );
}

#[test]
fn compose_complaint_cites_art_25_and_55_only_where_they_fit() {
    let mut case = full_case();
    case.problem_type = ProblemType::CardInvalid;
    let result = result_for(&case);
    let letter = &all_texts(&case, &result, "2024-05-27T11:00:00+08:00")[4].body;
    assert!(
        letter.contains("第二十五条") && letter.contains("第五十五条"),
        "{letter}"
    );
    case.problem_type = ProblemType::RefundRequest;
    let letter = &all_texts(&case, &result, "2024-05-27T11:00:00+08:00")[4].body;
    assert!(
        !letter.contains("第二十五条") && !letter.contains("第五十五条"),
        "{letter}"
    );
}

#[test]
fn compose_public_complaint_is_redacted() {
    let case = full_case();
    let result = result_for(&case);
    let letter = &all_texts(&case, &result, "2024-05-27T11:00:00+08:00")[4].body;
    let public = redact_for_public(letter);
    assert!(public.contains("手机号：138****5678"), "{public}");
    assert!(public.contains("邮箱：z***@example.com"), "{public}");
    assert!(
        public.contains("姓名：张*") && public.contains("投诉人：张*"),
        "{public}"
    );
    assert!(public.contains("平台账号：pl********"), "{public}");
    assert!(public.contains("订单编号：20240520001"), "{public}");
    assert!(public.contains("通讯地址：【请填写通讯地址】"), "{public}");
    assert!(public.contains("被投诉方地址：【待补充"), "{public}");
    assert!(
        !public.contains("13812345678") && !public.contains("zhangsan"),
        "{public}"
    );
}

#[test]
fn compose_kind_codes_round_trip() {
    for &k in ComposeKind::ALL {
        assert_eq!(k.code().parse::<ComposeKind>().expect("parses"), k);
        assert_eq!(
            serde_json::to_string(&k).expect("json"),
            format!("\"{}\"", k.code())
        );
    }
    assert_eq!(
        " Email ".parse::<ComposeKind>().expect("parses"),
        ComposeKind::Email
    );
    let err = "fax"
        .parse::<ComposeKind>()
        .expect_err("unknown")
        .to_string();
    assert!(
        err.contains("kind") && err.contains("chat, phone, email, ticket, complaint"),
        "{err}"
    );
    assert_eq!(
        ComposeKind::Complaint.label(Lang::En),
        "Complaint letter (12315 / Black Cat)"
    );
}

#[test]
fn redact_masks_keys_phones_emails_and_ids() {
    let cases = [
        ("卡密:ABCD1234EFGH5678", "卡密:ABCD**********78"),
        (
            "卡密 ABCD-1234-EFGH-5678 已被使用",
            "卡密 ABCD-****-****-**78 已被使用",
        ),
        ("CDK:WXYZ2345QRST6789", "CDK:WXYZ**********89"),
        (
            "卡号1234567890123456密码9876543210987654",
            "卡号1234**********56密码9876**********54",
        ),
        ("兑换码是k8h2m4p6q9r1t3v5", "兑换码是k8h2**********v5"),
        (
            "收到的码 A1B2C3D4E5F6G7H8 不能用",
            "收到的码 A1B2**********H8 不能用",
        ),
        ("XXXX-YYYY-ZZZZ", "XXXX-****-**ZZ"),
        ("手机号13812345678", "手机号138****5678"),
        ("电话:+86 138 1234 5678。", "电话:+86 138****5678。"),
        ("电话 138-1234-5678", "电话 138****5678"),
        ("请联系8613912345678", "请联系86139****5678"),
        ("邮箱zhang.san@example.com。", "邮箱z***@example.com。"),
        ("身份证号:11010519491231002X", "身份证号:110***********002X"),
        ("证件 11010519491231002X", "证件 110***********002X"),
        ("姓名:李四\n", "姓名:李*\n"),
        ("游戏账号:dragon_slayer", "游戏账号:dr***********"),
        (
            "收货地址:北京市海淀区中关村大街1号",
            "收货地址:北京市海淀区****",
        ),
        ("QQ:123456789", "QQ:12*******"),
        // What users actually type: full-width colon and comma.
        (
            "姓名\u{FF1A}李四\u{FF0C}电话13812345678",
            "姓名\u{FF1A}李*\u{FF0C}电话138****5678",
        ),
        (
            "卡号\u{FF1A}1234567890123456",
            "卡号\u{FF1A}1234**********56",
        ),
        (
            "激活码\u{FF1A} 8877665544332211",
            "激活码\u{FF1A} 8877**********11",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(redact_for_public(input), want, "{input}");
    }
}

#[test]
fn redact_keeps_order_numbers_and_ordinary_text() {
    let keep = [
        "订单号20240520001,5月20日14:30购买100元游戏点卡,支付成功后30分钟未到账",
        "订单编号:KM2024052000012ABC",
        "工单号:TK-2024-0520-0001",
        "订单号 13812345678",
        "订单号:202405201430001234",
        "金额 1999.99元,2024年5月20日 14:30,1-3个工作日,Q币100个,Windows11 专业版",
        "问题类型:账号被冻结",
        "客服电话 400-123-4567",
        "20240520001-充值失败-紧急",
        "通讯地址:【请填写通讯地址】",
        "",
    ];
    for text in keep {
        assert_eq!(redact_for_public(text), text);
    }
    // A redacted text stays as it is when redacted again.
    let once = redact_for_public("卡密:ABCD1234EFGH5678 手机13812345678 邮箱a.b@c.cn 姓名:王五");
    assert_eq!(redact_for_public(&once), once);
    assert_eq!(
        redact_for_public("订单号\u{FF1A}13812345678"),
        "订单号\u{FF1A}13812345678"
    );
}

#[test]
fn compose_user_punctuation_is_not_doubled() {
    let mut case = full_case();
    case.symptom = Some("一直显示处理中\u{FF0C}".into());
    case.steps_tried = vec!["刷新了3次\u{FF1B}".into(), "  ".into()];
    let result = result_for(&case);
    let chat = &all_texts(&case, &result, "2024-05-20T15:00:00+08:00")[0].body;
    assert!(
        chat.contains("一直显示处理中。") && chat.contains("我已尝试：刷新了3次。"),
        "{chat}"
    );
}

#[test]
fn id_numbers_need_a_valid_check_digit_and_date() {
    assert!(is_id_number("11010519491231002X"));
    assert!(is_id_number("11010519491231002x"));
    assert!(!is_id_number("110105194912310021"));
    assert!(!is_id_number("110105194913310024"));
    assert!(!is_id_number("11010519491231002"));
    assert_eq!(
        redact_for_public("编号 110105194912310021"),
        "编号 110105194912310021"
    );
}

/// Found by the `redact` fuzz target: in `a@b.cc@d.ee` the second address overlaps the first,
/// and one pass of the e-mail pattern left `b.cc@d.ee` readable in a public complaint.
#[test]
fn redact_masks_overlapping_email_addresses() {
    let out = redact_for_public("联系 a@b.cc@d.ee 或 xy@e.com@zhang.san@example.com");
    assert!(!out.contains("b.cc@"), "{out}");
    assert!(!out.contains("zhang.san@"), "{out}");
    assert!(out.contains("a***@"), "{out}");
}
