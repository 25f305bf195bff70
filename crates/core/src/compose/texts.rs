//! The five texts: chat opener, phone question list, e-mail, ticket and complaint letter.

use super::*;

/// What every text is written from: the input, its facts, and the platform's calendar.
pub(super) struct Draft<'a> {
    pub(super) input: &'a ComposeInput<'a>,
    pub(super) facts: Facts,
    pub(super) calendar: BusinessCalendar,
    pub(super) now: DateTime<Tz>,
}

impl<'a> Draft<'a> {
    pub(super) fn new(input: &'a ComposeInput<'a>) -> Self {
        let calendar = BusinessCalendar::new(input.profile);
        let now = input.now.with_timezone(&calendar.tz());
        let facts = Facts::new(input, &calendar, now);
        Draft {
            input,
            facts,
            calendar,
            now,
        }
    }

    pub(super) fn tz(&self) -> Tz {
        self.calendar.tz()
    }

    pub(super) fn platform(&self) -> &str {
        let name = self.input.profile.name.trim();
        if name.is_empty() {
            "【待补充：平台名称】"
        } else {
            name
        }
    }

    /// `紧急` or `一般`, as triage decided it.
    pub(super) fn urgency(&self) -> &str {
        self.input.result.urgency
    }

    /// `订单号-问题类型-紧急程度`, exactly as triage wrote it (one rule for every text).
    pub(super) fn subject(&self) -> String {
        self.input.result.subject.clone()
    }
}

/// The user's contact lines, `【请填写…】` where a value is missing; the complaint adds the address
/// that 12315 requires (the case does not carry one).
pub(super) fn contact_lines(contact: &ContactDetails, with_address: bool) -> String {
    let value = |v: &Option<String>, what: &str| match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => format!("【请填写{what}】"),
    };
    let mut lines = vec![
        ("姓名", value(&contact.name, "姓名")),
        ("手机号", value(&contact.phone, "手机号")),
        ("邮箱", value(&contact.email, "邮箱")),
        ("平台账号", value(&contact.account, "平台账号")),
    ];
    if with_address {
        lines.insert(2, ("通讯地址", "【请填写通讯地址】".to_string()));
    }
    lines
        .iter()
        .map(|(k, v)| format!("{k}：{v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text 1, 在线客服: one polite message with everything up front, no headings.
pub(super) fn chat(d: &Draft) -> Composed {
    let f = &d.facts;
    let mut body = format!(
        "您好，我的订单号是{}，于{}购买了{}，金额{}。问题：{}，{}。页面提示：{}。我已尝试：{}。",
        f.order_id,
        f.time,
        f.product,
        f.amount,
        f.problem,
        f.symptom,
        f.error_message,
        f.steps_tried
    );
    if let Some(note) = &f.window_note {
        body += note;
    }
    body += &format!("我的诉求：{}。", f.demand);
    let shots: Vec<&str> = f.evidence.iter().take(3).map(String::as_str).collect();
    body += &format!(
        "\n{}等截图我随后发给您，麻烦尽快帮我处理，谢谢！",
        shots.join("、")
    );
    Composed {
        kind: ComposeKind::Chat,
        subject: None,
        body,
    }
}

/// Text 2, 电话客服: what to say first, the questions to ask, and what to note before hanging up.
pub(super) fn phone(d: &Draft) -> Composed {
    let f = &d.facts;
    let profile = d.input.profile;
    let tz = d.tz();
    let hours = PhoneHours::new(&d.calendar, profile);

    let number = match profile.phone.number.trim() {
        "" => "【待补充：客服电话（见平台“联系我们”页面）】",
        n => n,
    };
    let days = if profile.phone.business_days_only {
        "工作日"
    } else {
        "每天"
    };
    let mut before = vec![format!(
        "客服电话：{number}（服务时间：{days} {}）",
        hours.hours()
    )];
    if !hours.is_open(d.now) {
        before.push(format!(
            "现在不在服务时间，下次可拨打的时间：{}。",
            when(&hours.next_opening(d.now), tz)
        ));
    } else if let Some(peak) = hours.peak_at(d.now) {
        before.push(format!("现在是通话高峰（{peak}），可能需要排队。"));
    }
    if !profile.phone.peaks.is_empty() {
        let peaks: Vec<String> = profile
            .phone
            .peaks
            .iter()
            .map(ToString::to_string)
            .collect();
        before.push(format!("尽量避开高峰时段：{}。", peaks.join("、")));
    }
    if profile.phone.callback_service {
        before.push(
            "如遇占线或排队太久，请使用平台的回电服务：留下手机号，等客服主动回拨，不必一直占线。"
                .into(),
        );
    }

    let bound_phone = match d.input.case.contact.phone.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => p.to_string(),
        _ => "【请填写绑定手机号】".to_string(),
    };
    let opening = format!(
        "您好，我的订单号是{}，绑定的手机号是{}。\n我于{}购买了{}，金额{}，问题是：{}，{}。\n我的诉求是：{}。",
        f.order_id, bound_phone, f.time, f.product, f.amount, f.problem, f.symptom, f.demand
    );

    let by = when(&(d.now + Duration::hours(24)), tz);
    let mut questions: Vec<String> = guide(d.input.case.problem_type)
        .questions
        .iter()
        .map(|q| q.replace("{by}", &by))
        .collect();
    questions.push("请给我一个工单号（受理编号），方便我后续跟进。".into());
    questions.push("请问您的工号是多少？".into());

    let body = format!(
        "【拨打前】\n{}\n\n【开头先说】\n{}\n\n【要问的问题】\n{}\n\n【挂电话前记下】\n\
         通话时间：【通话后填写】\n客服工号：【通话后填写】\n工单号/受理编号：【通话后填写】\n答复要点：【通话后填写】",
        before.join("\n"),
        opening,
        numbered(&questions)
    );
    Composed {
        kind: ComposeKind::Phone,
        subject: None,
        body,
    }
}

/// Text 3, 邮件: subject `订单号-问题类型-紧急程度`, facts, attachments, demand, a polite reply deadline,
/// and the user's contact details as the last lines.
pub(super) fn email(d: &Draft) -> Composed {
    let f = &d.facts;
    let days = d.input.profile.ticket_sla_business_days;
    let due = d.calendar.add_business_days(d.now, days);
    let mut parts = vec![
        format!("尊敬的{}售后团队：", d.platform()),
        "您好！我是贵平台的用户，现就以下订单的问题申请售后处理，具体情况如下：".to_string(),
        f.lines(),
    ];
    if let Some(note) = &f.window_note {
        parts.push(note.clone());
    }
    if !f.history.is_empty() {
        parts.push(format!("此前的联系记录：\n{}", numbered(&f.history)));
    }
    parts.push(format!("附件（证据材料）:\n{}", f.evidence_block()));
    parts.push(format!("我的诉求：{}。", f.demand));
    parts.push(format!(
        "按照{days}个工作日的处理时限，恳请贵方于{}前回复处理结果；如需补充材料，请随时与我联系。谢谢！",
        when(&due, d.tz())
    ));
    parts.push(format!(
        "联系方式：\n{}",
        contact_lines(&d.input.case.contact, false)
    ));
    Composed {
        kind: ComposeKind::Email,
        subject: Some(d.subject()),
        body: parts.join("\n\n"),
    }
}

/// Text 4, 工单: labelled facts, evidence, explicit demand, and the contact history so far.
pub(super) fn ticket(d: &Draft) -> Composed {
    let f = &d.facts;
    let mut facts = format!("{}\n紧急程度：{}", f.lines(), d.urgency());
    if let Some(note) = &f.window_note {
        facts += &format!("\n{note}");
    }
    let body = format!(
        "【问题描述】\n{facts}\n\n【证据材料】\n{}\n\n【诉求】\n{}\n\n【此前联系记录】\n{}",
        f.evidence_block(),
        f.demand,
        f.history_block("首次反映，此前未通过其他渠道联系。")
    );
    Composed {
        kind: ComposeKind::Ticket,
        subject: Some(d.subject()),
        body,
    }
}

/// Text 5, 投诉书 (12315 / 黑猫投诉): parties, what happened when, what was tried, the platform's
/// responsibility under the law, the demand, the evidence, and the complainant's details.
pub(super) fn complaint(d: &Draft) -> Composed {
    let f = &d.facts;
    let tz = d.tz();
    let platform = d.platform();
    let p = d.input.case.problem_type;

    let summary = labelled(&[
        ("投诉对象", platform),
        ("投诉问题", f.problem),
        ("投诉要求", &f.demand),
        ("涉诉金额", &f.amount),
    ]);
    let complainant = contact_lines(&d.input.case.contact, true);
    let respondent = format!(
        "名称：{platform}\n被投诉方地址：【待补充：被投诉方地址（见平台“关于我们”或营业执照信息）】"
    );
    let story = format!(
        "{}，我在{platform}购买了{}（订单编号：{}），支付{}。{}。平台提示：{}。我自行尝试了：{}，问题仍未解决。",
        f.time, f.product, f.order_id, f.amount, f.symptom, f.error_message, f.steps_tried
    );
    let tried = format!(
        "{}\n截至{}，问题仍未得到解决。",
        f.history_block("【待补充：与平台协商的经过（时间、渠道、结果）】"),
        when(&d.now, tz)
    );
    let mut demands = vec![
        f.demand.clone(),
        "提供本订单完整的交易记录和处理说明".to_string(),
    ];
    if fraud_may_apply(p) {
        demands.push(
            "如经查实存在欺诈行为，依照《消费者权益保护法》第五十五条承担增加赔偿的责任"
                .to_string(),
        );
    }

    let body = format!(
        "{summary}\n\n一、投诉人\n{complainant}\n\n二、被投诉方\n{respondent}\n\n三、事实经过\n{story}\n\n\
         四、与平台协商的经过\n{tried}\n\n五、平台应承担的责任\n{}\n\n六、投诉请求\n{}\n\n七、证据材料\n{}\n\n\
         以上情况属实，恳请贵单位依法处理。\n\n投诉人：{}\n{}",
        numbered(&responsibilities(p, !f.history.is_empty())),
        numbered(&demands),
        f.evidence_block(),
        d.input.case.contact.name.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("【请填写姓名】"),
        day(&d.now, tz),
    );
    let subject = format!("关于{platform}订单{}{}的投诉", f.order_id, f.problem);
    Composed {
        kind: ComposeKind::Complaint,
        subject: Some(subject),
        body,
    }
}

pub(super) fn fraud_may_apply(p: ProblemType) -> bool {
    matches!(
        p,
        ProblemType::NotAsAgreed | ProblemType::CardInvalid | ProblemType::CardKeyStolen
    )
}

/// The law facts of domain.md that fit this problem, in the order an official reads them.
pub(super) fn responsibilities(p: ProblemType, tried: bool) -> Vec<String> {
    use ProblemType::*;
    let mut out = Vec::new();
    let undelivered = matches!(
        p,
        DeliveryDelay | RechargeFailed | OrderStatus | ApiFailure | NotAsAgreed
    );
    if undelivered {
        out.push(
            "根据《电子商务法》第五十一条，采用在线传输方式交付的，合同标的进入对方当事人指定的特定系统并且能够\
             检索识别的时间为交付时间。本订单的商品至今未进入我指定的账户，平台尚未完成交付，应当履行交付义务或退还货款。"
                .to_string(),
        );
    }
    if p == CardKeyStolen {
        out.push(
            "根据《电子商务法》第五十一条，卡密进入我指定的系统并能够检索识别时才算交付。如卡密在交付给我之前已被\
             他人使用，平台并未完成有效交付，相应风险应由平台承担。"
                .to_string(),
        );
    }
    if matches!(
        p,
        CardInvalid | NotAsAgreed | ResolutionDispute | CardKeyStolen
    ) {
        out.push(
            "《消费者权益保护法》第二十五条将在线下载或拆封的数字化商品排除在七日无理由退货之外，但这一例外只针对\
             “无理由”退货，并不免除经营者对商品本身的问题（卡密无效、商品不符合约定）应承担的责任，平台不能以\
             “虚拟商品不退不换”为由拒绝处理。"
                .to_string(),
        );
    }
    if fraud_may_apply(p) {
        out.push(
            "如经查实平台存在欺诈行为（例如出售无效或已被使用的卡密、虚假宣传），依照《消费者权益保护法》第五十五条，\
             经营者应按消费者的要求增加赔偿，增加赔偿的金额为商品价款的三倍，不足五百元的为五百元。"
                .to_string(),
        );
    }
    out.push(
        "根据《电子商务法》第六十二条，在电子商务争议处理中，电子商务经营者应当提供原始合同和交易记录；\
         第三十一条要求平台保存交易信息不少于三年。请责成平台提供本订单的完整交易记录（支付、发货/发放、兑换及客服记录）。"
            .to_string(),
    );
    if tried {
        out.push("我已按平台的售后渠道多次联系（见第四部分），平台至今未能解决问题。".to_string());
    }
    out
}
