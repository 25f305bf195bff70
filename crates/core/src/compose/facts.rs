//! The facts of a case, each formatted once (or replaced by its placeholder) for all five texts.

use super::*;

/// Full-width punctuation that users type. Written as escapes because in most editors and fonts
/// they are indistinguishable from `,` `:` `;` `!` `(`, and a "fix" to ASCII would silently break
/// the matching.
pub(super) const FW_COMMA: char = '\u{FF0C}';
pub(super) const FW_COLON: char = '\u{FF1A}';
pub(super) const FW_SEMICOLON: char = '\u{FF1B}';
pub(super) const FW_EXCLAMATION: char = '\u{FF01}';
pub(super) const FW_PAREN: char = '\u{FF08}';

/// `【待补充:订单编号】`: what is missing, named as the intake form names it.
pub(super) fn placeholder(field: Field) -> String {
    field.placeholder()
}

/// For facts that may honestly not exist (no error shown, nothing tried yet).
pub(super) fn optional_placeholder(field: Field) -> String {
    format!("【待补充：{}（若无可删去）】", field.label(Lang::Zh))
}

/// `2024年5月20日 14:30` in the platform's time zone.
pub(super) fn when<T: TimeZone>(t: &DateTime<T>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .format("%Y年%-m月%-d日 %H:%M")
        .to_string()
}

pub(super) fn day<T: TimeZone>(t: &DateTime<T>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y年%-m月%-d日").to_string()
}

pub(super) fn yuan(m: Money) -> String {
    format!("{m}元")
}

/// A user's phrase without its closing punctuation, so the composer can add its own.
pub(super) fn clause(s: &str) -> &str {
    s.trim().trim_end_matches([
        '。',
        '.',
        ',',
        ';',
        '!',
        '、',
        ' ',
        FW_COMMA,
        FW_SEMICOLON,
        FW_EXCLAMATION,
    ])
}

/// `1. …` lines.
pub(super) fn numbered<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `标签:值` lines.
pub(super) fn labelled(lines: &[(&str, &str)]) -> String {
    lines
        .iter()
        .map(|(label, value)| format!("{label}：{value}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The facts of one case, formatted for Chinese texts.
pub(super) struct Facts {
    pub(super) order_id: String,
    pub(super) time: String,
    pub(super) product: String,
    pub(super) amount: String,
    pub(super) problem: &'static str,
    pub(super) symptom: String,
    pub(super) error_message: String,
    pub(super) steps_tried: String,
    pub(super) demand: String,
    pub(super) evidence: Vec<String>,
    /// True when `evidence` is the composer's suggestion rather than the user's own list.
    pub(super) evidence_suggested: bool,
    pub(super) history: Vec<String>,
    /// For a recharge failure reported inside its window: say so, it protects the user.
    pub(super) window_note: Option<String>,
}

impl Facts {
    pub(super) fn new(
        input: &ComposeInput,
        calendar: &BusinessCalendar,
        now: DateTime<Tz>,
    ) -> Self {
        let case = input.case;
        let tz = calendar.tz();
        let text = |v: &Option<String>, field: Field| match v.as_deref().map(clause) {
            Some(s) if !s.is_empty() => s.to_string(),
            _ => placeholder(field),
        };
        let steps: Vec<&str> = case
            .steps_tried
            .iter()
            .map(|s| clause(s))
            .filter(|s| !s.is_empty())
            .collect();
        let (evidence, evidence_suggested) = evidence_list(case);
        Facts {
            order_id: text(&case.order_id, Field::OrderId),
            time: case
                .occurred_at
                .map(|t| when(&t, tz))
                .unwrap_or_else(|| placeholder(Field::OccurredAt)),
            product: text(&case.product, Field::Product),
            amount: case
                .amount
                .map(yuan)
                .or_else(|| case.amount_foreign.map(|a| a.to_string()))
                .unwrap_or_else(|| placeholder(Field::Amount)),
            problem: case.problem_type.label(Lang::Zh),
            symptom: text(&case.symptom, Field::Symptom),
            error_message: match case.error_message.as_deref().map(clause) {
                Some(s) if !s.is_empty() => format!("“{s}”"),
                _ => optional_placeholder(Field::ErrorMessage),
            },
            steps_tried: if steps.is_empty() {
                optional_placeholder(Field::StepsTried)
            } else {
                steps.join("；")
            },
            demand: demand_text(case),
            evidence,
            evidence_suggested,
            history: history_lines(&case.history, input.profile, calendar, now),
            window_note: recharge_window_note(case, input.profile, now),
        }
    }

    /// The labelled fact lines of the intake form (订单编号 … 已尝试的解决步骤), shared by email,
    /// ticket and complaint.
    pub(super) fn lines(&self) -> String {
        labelled(&[
            (Field::OrderId.label(Lang::Zh), &self.order_id),
            (Field::OccurredAt.label(Lang::Zh), &self.time),
            (Field::Product.label(Lang::Zh), &self.product),
            (Field::Amount.label(Lang::Zh), &self.amount),
            ("问题类型", self.problem),
            (Field::Symptom.label(Lang::Zh), &self.symptom),
            (Field::ErrorMessage.label(Lang::Zh), &self.error_message),
            (Field::StepsTried.label(Lang::Zh), &self.steps_tried),
        ])
    }

    /// The evidence as a numbered list; a suggested list says so in a line the user deletes.
    pub(super) fn evidence_block(&self) -> String {
        let list = numbered(&self.evidence);
        if self.evidence_suggested {
            format!("【请按以下清单准备附件，核对后删去本行】\n{list}")
        } else {
            list
        }
    }

    /// The contact history as a numbered list, or what to write when there is none.
    pub(super) fn history_block(&self, none: &str) -> String {
        if self.history.is_empty() {
            none.to_string()
        } else {
            numbered(&self.history)
        }
    }
}

/// The user's demand in words, or the usual demand for the problem type.
pub(super) fn demand_text(case: &Case) -> String {
    use ProblemType::*;
    let Some(demand) = case.demand else {
        return guide(case.problem_type).demand.to_string();
    };
    match demand {
        Demand::Refund => match case.amount {
            Some(a) => format!("全额退款{}，原路退回", yuan(a)),
            None => "全额退款，原路退回".to_string(),
        },
        Demand::Resend => match case.problem_type {
            RechargeFailed | OrderStatus | ApiFailure | AccountFrozen => {
                "重新充值到账（补发）".to_string()
            }
            _ => "重发/补发有效的商品或卡密".to_string(),
        },
        Demand::Compensation => "赔偿因此造成的损失".to_string(),
        Demand::Modify => "修改订单信息（充值账号/收货地址），并按修改后的信息发放".to_string(),
        Demand::Restore => "恢复账号正常使用，并确认账户余额安全".to_string(),
    }
}

/// The user's evidence, else the evidence a platform (or 12315) will ask for with this problem.
pub(super) fn evidence_list(case: &Case) -> (Vec<String>, bool) {
    let given: Vec<String> = case
        .evidence
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !given.is_empty() {
        return (given, false);
    }
    let mut list: Vec<String> = ["支付截图/转账记录", "订单详情截图"]
        .map(String::from)
        .to_vec();
    list.extend(
        guide(case.problem_type)
            .evidence
            .iter()
            .map(|s| s.to_string()),
    );
    if case.error_message.is_some() && !list.iter().any(|s| s.contains("错误提示")) {
        list.push("错误提示截图".to_string());
    }
    if !case.history.is_empty() || case.group() == Group::Dispute {
        list.push("与客服的聊天记录截图/通话记录".to_string());
    }
    (list, true)
}

/// `2024年5月20日 14:40 通过在线客服联系,结果:未解决`, oldest first; a ticket or e-mail still open
/// says when its SLA ends or that it has passed, which is what a complaint needs to show.
pub(super) fn history_lines(
    history: &[ContactAttempt],
    profile: &PlatformProfile,
    calendar: &BusinessCalendar,
    now: DateTime<Tz>,
) -> Vec<String> {
    let tz = calendar.tz();
    let mut sorted: Vec<&ContactAttempt> = history.iter().collect();
    sorted.sort_by_key(|h| h.at);
    sorted
        .into_iter()
        .map(|h| {
            let mut line = format!(
                "{} 通过{}联系，结果：{}",
                when(&h.at, tz),
                h.channel.label(Lang::Zh),
                h.outcome.label(Lang::Zh)
            );
            let awaits_reply = matches!(h.outcome, Outcome::Pending | Outcome::NoResponse);
            if matches!(h.channel, Channel::Ticket | Channel::Email) && awaits_reply {
                let days = profile.ticket_sla_business_days;
                let due = calendar.add_business_days(h.at.with_timezone(&tz), days);
                if now > due {
                    line += &format!(
                        "，已超过{days}个工作日的处理时限（{}）仍未解决",
                        when(&due, tz)
                    );
                } else {
                    line += &format!("，处理时限至{}", when(&due, tz));
                }
            }
            line
        })
        .collect()
}

/// `recharge_failed` must be reported within the window: when the user is inside it, say so.
pub(super) fn recharge_window_note(
    case: &Case,
    profile: &PlatformProfile,
    now: DateTime<Tz>,
) -> Option<String> {
    if case.problem_type != ProblemType::RechargeFailed {
        return None;
    }
    let elapsed = now.signed_duration_since(case.occurred_at?);
    let window = Duration::hours(i64::from(profile.recharge_window_hours));
    if elapsed < Duration::zero() || elapsed >= window {
        return None;
    }
    let (h, m) = (elapsed.num_hours(), elapsed.num_minutes() % 60);
    let took = match (h, m) {
        (0, m) => format!("{m}分钟"),
        (h, 0) => format!("{h}小时"),
        (h, m) => format!("{h}小时{m}分钟"),
    };
    Some(format!(
        "本次在交易后{took}内即已报告，处于{}小时的售后时限内。",
        profile.recharge_window_hours
    ))
}

/// What each problem type usually asks for, asks about and needs as proof.
pub(super) struct Guide {
    pub(super) demand: &'static str,
    /// Questions for the phone; `{by}` is replaced by a moment one day ahead.
    pub(super) questions: &'static [&'static str],
    pub(super) evidence: &'static [&'static str],
}

pub(super) fn guide(p: ProblemType) -> Guide {
    use ProblemType::*;
    match p {
        DeliveryDelay => Guide {
            demand: "尽快发货到账；如无法发货，请全额退款",
            questions: &[
                "订单现在卡在哪个环节（未发货、供货中还是已发出）?",
                "预计什么时候能到账？",
                "如果到{by}仍未到账，能否直接全额退款？退款多久到原支付账户？",
            ],
            evidence: &["订单状态截图（显示处理中/未发货）"],
        },
        RechargeFailed => Guide {
            demand: "尽快完成充值到账；如无法到账，请全额退款",
            questions: &[
                "这次充值为什么失败？钱已经扣了，现在在哪里？",
                "能否重新充值到账？多久能到？",
                "如果无法到账，退款多久原路退回？",
                "请帮我登记本次报告的时间（在24小时时限内）。",
            ],
            evidence: &["充值失败的错误提示截图", "充值账号的到账记录截图"],
        },
        OrderStatus => Guide {
            demand: "核实订单真实状态；如重复扣款或扣款后未成交，请退还多扣的款项",
            questions: &[
                "这笔订单在后台的真实状态是什么？",
                "是否已经扣款、是否重复扣款，一共扣了几次？",
                "多扣的钱怎么退、多久到账？",
                "订单状态什么时候能更正？",
            ],
            evidence: &["订单状态截图", "银行/支付平台的扣款记录"],
        },
        OrderChange => Guide {
            demand: "修改订单信息（充值账号/收货地址），并按修改后的信息发放",
            questions: &[
                "这笔订单现在还能修改吗（是否已经发货或充值）?",
                "修改充值账号/收货地址需要我提供什么？",
                "如果已经充到错误的账号，能否撤回或追回？",
                "修改后多久生效？",
            ],
            evidence: &["下单时填写的信息截图"],
        },
        CardInvalid => Guide {
            demand: "更换有效卡密（重发）；如无法更换，请全额退款",
            questions: &[
                "这个卡密为什么无效（错误、已过期还是未激活）?",
                "能否核实卡密状态并换发一个新的卡密？",
                "如果无法换发，能否全额退款？",
                "多久能处理完？",
            ],
            evidence: &["卡密兑换失败的错误提示截图"],
        },
        RefundRequest => Guide {
            demand: "退款",
            questions: &[
                "这笔订单是否符合退款条件（是否已发货、已使用）?",
                "申请退款需要我提供什么？",
                "退款多久到原支付账户？",
                "如果不能退款，能否换成等值商品或其他补救方式？",
            ],
            evidence: &["商品页面说明截图"],
        },
        Other => Guide {
            demand: "请核实并处理本订单的问题，给出明确的处理结果",
            questions: &[
                "这个问题由哪个部门处理？",
                "需要我提供哪些材料？",
                "预计多久给出答复？",
            ],
            evidence: &[],
        },
        AccountFrozen => Guide {
            demand: "尽快解除账号冻结并说明原因，确认账户余额安全",
            questions: &[
                "我的账号为什么被冻结？",
                "怎样解冻？需要我提供什么材料？",
                "账号里的余额和刚充值的钱是否安全？",
                "解冻需要多长时间？",
            ],
            evidence: &["账号冻结/封禁提示截图", "充值到账记录截图"],
        },
        CardKeyStolen => Guide {
            demand: "立即冻结/作废被盗用的卡密，重新发放有效卡密或全额退款",
            questions: &[
                "能否立即冻结或作废这个卡密？",
                "能否查到这个卡密是什么时间、被哪个账号兑换的？",
                "卡密发给我之前是否已经被使用过？请核对发放时间和兑换时间。",
                "能否重新发放新卡密或者退款？",
            ],
            evidence: &["卡密发放记录截图（含时间）", "兑换时提示“已被使用”的截图"],
        },
        AccountStolen => Guide {
            demand: "立即冻结账户防止继续损失，协助找回账号，并核查、追回被盗期间的损失",
            questions: &[
                "能否立即冻结账户，防止继续被操作？",
                "被盗期间有哪些登录和交易记录？",
                "怎样找回账号，需要什么身份验证？",
                "被盗造成的损失能否追回或补偿？",
            ],
            evidence: &["异常登录/操作记录截图", "账号绑定信息截图"],
        },
        ApiFailure => Guide {
            demand: "尽快修复接口故障，补发受影响的订单；无法补发的请退还相应款项",
            questions: &[
                "接口故障的原因是什么？影响范围有多大？",
                "预计什么时候修复？",
                "故障期间的订单如何处理（补发还是退款）?",
                "能否安排技术对接人直接联系我？",
            ],
            evidence: &["接口报错日志/返回信息截图"],
        },
        NotAsAgreed => Guide {
            demand: "按约定发放商品；无法履行的，全额退款并赔偿损失",
            questions: &[
                "为什么没有按约定发放商品？",
                "什么时候能按约定补发？",
                "如果无法按约定履行，退款和赔偿怎么处理？",
                "能否提供本订单的完整交易记录？",
            ],
            evidence: &["商品页面或活动约定内容截图"],
        },
        ResolutionDispute => Guide {
            demand: "重新核查此前的处理结果，给出书面说明，并按约定退款或补偿",
            questions: &[
                "之前的处理结果依据的是什么规则？",
                "能否由主管重新核查？",
                "能否把复核结果以工单或邮件的形式书面答复？",
                "多久能给出复核结论？",
            ],
            evidence: &["此前售后处理结果的截图"],
        },
    }
}
