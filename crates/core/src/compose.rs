//! The composer: the five texts of domain.md ("Messages the app writes for the user"), written from
//! one resolved case so the user never has to find the words while anxious.
//!
//! Why it looks the way it does:
//! - **Chinese, always.** The texts go to Chinese platforms and Chinese authorities, so they are written
//!   in Chinese whatever the app's language; [`Lang`] only names the texts in the app
//!   ([`ComposeKind::label`]).
//! - **One set of facts, five shapes.** Every fact (order number, time, product, amount, symptom, error,
//!   steps, demand, evidence, contact history) is formatted once, in [`Facts::new`], and each text only
//!   arranges them. A fix to how a time or an amount is written therefore reaches all five texts.
//! - **Nothing is silently dropped.** A fact the user has not given yet becomes a visible placeholder
//!   such as `【待补充:订单编号】`, never `None` and never an empty line, because the seed's misconception
//!   #2 (vague descriptions) costs more than a placeholder the user has to fill in.
//!   [`has_placeholders`] tells the UI whether a text still needs editing before it is sent.
//! - **The user's words win.** `Case.demand` and `Case.evidence` are used as given; only when they are
//!   absent does the composer suggest a demand or an evidence list fitting the problem type.
//! - **Times in the platform's zone** (`2024年5月20日 14:30`), amounts through [`Money`]'s `Display`.
//! - **Public complaints are redacted.** 黑猫投诉 is public and cannot be withdrawn, so
//!   [`redact_for_public`] masks card keys, phone numbers, e-mail addresses, ID-card numbers and labelled
//!   personal fields; the 12315 version keeps them (the authority needs them to act).
//! - **Pure.** No clock, no I/O: `now` comes in with the input, like everywhere else in this crate.

use std::fmt;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, TimeZone};
use chrono_tz::Tz;
use regex::{Captures, Regex};
use serde::Serialize;

use crate::calendar::{BusinessCalendar, PhoneHours};
use crate::lang::Lang;
use crate::money::Money;
use crate::profile::PlatformProfile;
use crate::scenario::{Case, ContactAttempt, ContactDetails, Field, TriageResult};
use crate::taxonomy::{coded_enum, Channel, Demand, Group, Outcome, ProblemType};

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

coded_enum! {
    /// Which text to write: one per channel that needs words from the user. The labels are the
    /// headings the user reads in the app; the texts themselves are always Chinese.
    ComposeKind, "kind" {
        Chat => "chat", "在线客服开场白", "Opening message for online chat";
        Phone => "phone", "电话客服问题清单", "Question list for the phone line";
        Email => "email", "售后邮件", "E-mail to after-sales";
        Ticket => "ticket", "工单内容", "Support ticket";
        Complaint => "complaint", "投诉书(12315/黑猫投诉)", "Complaint letter (12315 / Black Cat)";
    }
}

/// One written text. `subject` is set for the kinds that have one (email, ticket, complaint).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Composed {
    pub kind: ComposeKind,
    pub subject: Option<String>,
    pub body: String,
}

impl fmt::Display for Composed {
    /// The text as the user copies it: `主题:…`, a blank line, then the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(subject) = &self.subject {
            writeln!(f, "主题:{subject}")?;
            writeln!(f)?;
        }
        f.write_str(&self.body)
    }
}

/// Everything a text is written from: the resolved case, its triage, the platform and the moment.
#[derive(Debug, Clone, Copy)]
pub struct ComposeInput<'a> {
    pub case: &'a Case,
    pub result: &'a TriageResult,
    pub profile: &'a PlatformProfile,
    pub now: DateTime<Tz>,
    /// The app's language. The texts stay Chinese (they go to Chinese platforms and authorities);
    /// this is carried for what the app shows around them, such as [`ComposeKind::label`].
    pub lang: Lang,
}

/// Write one text for one case.
pub fn compose(kind: ComposeKind, input: &ComposeInput) -> Composed {
    let draft = Draft::new(input);
    match kind {
        ComposeKind::Chat => chat(&draft),
        ComposeKind::Phone => phone(&draft),
        ComposeKind::Email => email(&draft),
        ComposeKind::Ticket => ticket(&draft),
        ComposeKind::Complaint => complaint(&draft),
    }
}

/// All five texts, in [`ComposeKind::ALL`] order.
pub fn compose_all(input: &ComposeInput) -> Vec<Composed> {
    ComposeKind::ALL
        .iter()
        .map(|&k| compose(k, input))
        .collect()
}

/// How every placeholder the composer writes begins (so the UI can highlight them).
pub const PLACEHOLDER_MARKERS: [&str; 4] =
    ["【待补充", "【请填写", "【请按以下清单", "【通话后填写"];

/// Whether a text still holds a placeholder the user must fill in (or delete) before sending.
/// Only the composer's own markers count, so a product named `【官方】点卡` does not.
pub fn has_placeholders(text: &str) -> bool {
    PLACEHOLDER_MARKERS.iter().any(|m| text.contains(m))
}

// ---------------------------------------------------------------------------------------------
// Facts: every value formatted once, or replaced by its placeholder
// ---------------------------------------------------------------------------------------------

/// Full-width punctuation that users type. Written as escapes because in most editors and fonts
/// they are indistinguishable from `,` `:` `;` `!` `(`, and a "fix" to ASCII would silently break
/// the matching.
const FW_COMMA: char = '\u{FF0C}';
const FW_COLON: char = '\u{FF1A}';
const FW_SEMICOLON: char = '\u{FF1B}';
const FW_EXCLAMATION: char = '\u{FF01}';
const FW_PAREN: char = '\u{FF08}';

/// `【待补充:订单编号】`: what is missing, named as the intake form names it.
fn placeholder(field: Field) -> String {
    field.placeholder()
}

/// For facts that may honestly not exist (no error shown, nothing tried yet).
fn optional_placeholder(field: Field) -> String {
    format!("【待补充:{}(若无可删去)】", field.label(Lang::Zh))
}

/// `2024年5月20日 14:30` in the platform's time zone.
fn when<T: TimeZone>(t: &DateTime<T>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .format("%Y年%-m月%-d日 %H:%M")
        .to_string()
}

fn day<T: TimeZone>(t: &DateTime<T>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y年%-m月%-d日").to_string()
}

fn yuan(m: Money) -> String {
    format!("{m}元")
}

/// A user's phrase without its closing punctuation, so the composer can add its own.
fn clause(s: &str) -> &str {
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
fn numbered<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `标签:值` lines.
fn labelled(lines: &[(&str, &str)]) -> String {
    lines
        .iter()
        .map(|(label, value)| format!("{label}:{value}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The facts of one case, formatted for Chinese texts.
struct Facts {
    order_id: String,
    time: String,
    product: String,
    amount: String,
    problem: &'static str,
    symptom: String,
    error_message: String,
    steps_tried: String,
    demand: String,
    evidence: Vec<String>,
    /// True when `evidence` is the composer's suggestion rather than the user's own list.
    evidence_suggested: bool,
    history: Vec<String>,
    /// For a recharge failure reported inside its window: say so, it protects the user.
    window_note: Option<String>,
}

impl Facts {
    fn new(input: &ComposeInput, calendar: &BusinessCalendar, now: DateTime<Tz>) -> Self {
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
                steps.join(";")
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
    fn lines(&self) -> String {
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
    fn evidence_block(&self) -> String {
        let list = numbered(&self.evidence);
        if self.evidence_suggested {
            format!("【请按以下清单准备附件,核对后删去本行】\n{list}")
        } else {
            list
        }
    }

    /// The contact history as a numbered list, or what to write when there is none.
    fn history_block(&self, none: &str) -> String {
        if self.history.is_empty() {
            none.to_string()
        } else {
            numbered(&self.history)
        }
    }
}

/// The user's demand in words, or the usual demand for the problem type.
fn demand_text(case: &Case) -> String {
    use ProblemType::*;
    let Some(demand) = case.demand else {
        return guide(case.problem_type).demand.to_string();
    };
    match demand {
        Demand::Refund => match case.amount {
            Some(a) => format!("全额退款{},原路退回", yuan(a)),
            None => "全额退款,原路退回".to_string(),
        },
        Demand::Resend => match case.problem_type {
            RechargeFailed | OrderStatus | ApiFailure | AccountFrozen => {
                "重新充值到账(补发)".to_string()
            }
            _ => "重发/补发有效的商品或卡密".to_string(),
        },
        Demand::Compensation => "赔偿因此造成的损失".to_string(),
        Demand::Modify => "修改订单信息(充值账号/收货地址),并按修改后的信息发放".to_string(),
        Demand::Restore => "恢复账号正常使用,并确认账户余额安全".to_string(),
    }
}

/// The user's evidence, else the evidence a platform (or 12315) will ask for with this problem.
fn evidence_list(case: &Case) -> (Vec<String>, bool) {
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
fn history_lines(
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
                "{} 通过{}联系,结果:{}",
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
                        ",已超过{days}个工作日的处理时限({})仍未解决",
                        when(&due, tz)
                    );
                } else {
                    line += &format!(",处理时限至{}", when(&due, tz));
                }
            }
            line
        })
        .collect()
}

/// `recharge_failed` must be reported within the window: when the user is inside it, say so.
fn recharge_window_note(
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
        "本次在交易后{took}内即已报告,处于{}小时的售后时限内。",
        profile.recharge_window_hours
    ))
}

/// What each problem type usually asks for, asks about and needs as proof.
struct Guide {
    demand: &'static str,
    /// Questions for the phone; `{by}` is replaced by a moment one day ahead.
    questions: &'static [&'static str],
    evidence: &'static [&'static str],
}

fn guide(p: ProblemType) -> Guide {
    use ProblemType::*;
    match p {
        DeliveryDelay => Guide {
            demand: "尽快发货到账;如无法发货,请全额退款",
            questions: &[
                "订单现在卡在哪个环节(未发货、供货中还是已发出)?",
                "预计什么时候能到账?",
                "如果到{by}仍未到账,能否直接全额退款?退款多久到原支付账户?",
            ],
            evidence: &["订单状态截图(显示处理中/未发货)"],
        },
        RechargeFailed => Guide {
            demand: "尽快完成充值到账;如无法到账,请全额退款",
            questions: &[
                "这次充值为什么失败?钱已经扣了,现在在哪里?",
                "能否重新充值到账?多久能到?",
                "如果无法到账,退款多久原路退回?",
                "请帮我登记本次报告的时间(在24小时时限内)。",
            ],
            evidence: &["充值失败的错误提示截图", "充值账号的到账记录截图"],
        },
        OrderStatus => Guide {
            demand: "核实订单真实状态;如重复扣款或扣款后未成交,请退还多扣的款项",
            questions: &[
                "这笔订单在后台的真实状态是什么?",
                "是否已经扣款、是否重复扣款,一共扣了几次?",
                "多扣的钱怎么退、多久到账?",
                "订单状态什么时候能更正?",
            ],
            evidence: &["订单状态截图", "银行/支付平台的扣款记录"],
        },
        OrderChange => Guide {
            demand: "修改订单信息(充值账号/收货地址),并按修改后的信息发放",
            questions: &[
                "这笔订单现在还能修改吗(是否已经发货或充值)?",
                "修改充值账号/收货地址需要我提供什么?",
                "如果已经充到错误的账号,能否撤回或追回?",
                "修改后多久生效?",
            ],
            evidence: &["下单时填写的信息截图"],
        },
        CardInvalid => Guide {
            demand: "更换有效卡密(重发);如无法更换,请全额退款",
            questions: &[
                "这个卡密为什么无效(错误、已过期还是未激活)?",
                "能否核实卡密状态并换发一个新的卡密?",
                "如果无法换发,能否全额退款?",
                "多久能处理完?",
            ],
            evidence: &["卡密兑换失败的错误提示截图"],
        },
        RefundRequest => Guide {
            demand: "退款",
            questions: &[
                "这笔订单是否符合退款条件(是否已发货、已使用)?",
                "申请退款需要我提供什么?",
                "退款多久到原支付账户?",
                "如果不能退款,能否换成等值商品或其他补救方式?",
            ],
            evidence: &["商品页面说明截图"],
        },
        Other => Guide {
            demand: "请核实并处理本订单的问题,给出明确的处理结果",
            questions: &[
                "这个问题由哪个部门处理?",
                "需要我提供哪些材料?",
                "预计多久给出答复?",
            ],
            evidence: &[],
        },
        AccountFrozen => Guide {
            demand: "尽快解除账号冻结并说明原因,确认账户余额安全",
            questions: &[
                "我的账号为什么被冻结?",
                "怎样解冻?需要我提供什么材料?",
                "账号里的余额和刚充值的钱是否安全?",
                "解冻需要多长时间?",
            ],
            evidence: &["账号冻结/封禁提示截图", "充值到账记录截图"],
        },
        CardKeyStolen => Guide {
            demand: "立即冻结/作废被盗用的卡密,重新发放有效卡密或全额退款",
            questions: &[
                "能否立即冻结或作废这个卡密?",
                "能否查到这个卡密是什么时间、被哪个账号兑换的?",
                "卡密发给我之前是否已经被使用过?请核对发放时间和兑换时间。",
                "能否重新发放新卡密或者退款?",
            ],
            evidence: &["卡密发放记录截图(含时间)", "兑换时提示“已被使用”的截图"],
        },
        AccountStolen => Guide {
            demand: "立即冻结账户防止继续损失,协助找回账号,并核查、追回被盗期间的损失",
            questions: &[
                "能否立即冻结账户,防止继续被操作?",
                "被盗期间有哪些登录和交易记录?",
                "怎样找回账号,需要什么身份验证?",
                "被盗造成的损失能否追回或补偿?",
            ],
            evidence: &["异常登录/操作记录截图", "账号绑定信息截图"],
        },
        ApiFailure => Guide {
            demand: "尽快修复接口故障,补发受影响的订单;无法补发的请退还相应款项",
            questions: &[
                "接口故障的原因是什么?影响范围有多大?",
                "预计什么时候修复?",
                "故障期间的订单如何处理(补发还是退款)?",
                "能否安排技术对接人直接联系我?",
            ],
            evidence: &["接口报错日志/返回信息截图"],
        },
        NotAsAgreed => Guide {
            demand: "按约定发放商品;无法履行的,全额退款并赔偿损失",
            questions: &[
                "为什么没有按约定发放商品?",
                "什么时候能按约定补发?",
                "如果无法按约定履行,退款和赔偿怎么处理?",
                "能否提供本订单的完整交易记录?",
            ],
            evidence: &["商品页面或活动约定内容截图"],
        },
        ResolutionDispute => Guide {
            demand: "重新核查此前的处理结果,给出书面说明,并按约定退款或补偿",
            questions: &[
                "之前的处理结果依据的是什么规则?",
                "能否由主管重新核查?",
                "能否把复核结果以工单或邮件的形式书面答复?",
                "多久能给出复核结论?",
            ],
            evidence: &["此前售后处理结果的截图"],
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The five texts
// ---------------------------------------------------------------------------------------------

/// What every text is written from: the input, its facts, and the platform's calendar.
struct Draft<'a> {
    input: &'a ComposeInput<'a>,
    facts: Facts,
    calendar: BusinessCalendar,
    now: DateTime<Tz>,
}

impl<'a> Draft<'a> {
    fn new(input: &'a ComposeInput<'a>) -> Self {
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

    fn tz(&self) -> Tz {
        self.calendar.tz()
    }

    fn platform(&self) -> &str {
        let name = self.input.profile.name.trim();
        if name.is_empty() {
            "【待补充:平台名称】"
        } else {
            name
        }
    }

    /// `紧急` or `一般`, as triage decided it.
    fn urgency(&self) -> &str {
        self.input.result.urgency
    }

    /// `订单号-问题类型-紧急程度`, exactly as triage wrote it (one rule for every text).
    fn subject(&self) -> String {
        self.input.result.subject.clone()
    }
}

/// The user's contact lines, `【请填写…】` where a value is missing; the complaint adds the address
/// that 12315 requires (the case does not carry one).
fn contact_lines(contact: &ContactDetails, with_address: bool) -> String {
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
        .map(|(k, v)| format!("{k}:{v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text 1, 在线客服: one polite message with everything up front, no headings.
fn chat(d: &Draft) -> Composed {
    let f = &d.facts;
    let mut body = format!(
        "您好,我的订单号是{},于{}购买了{},金额{}。问题:{},{}。页面提示:{}。我已尝试:{}。",
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
    body += &format!("我的诉求:{}。", f.demand);
    let shots: Vec<&str> = f.evidence.iter().take(3).map(String::as_str).collect();
    body += &format!(
        "\n{}等截图我随后发给您,麻烦尽快帮我处理,谢谢!",
        shots.join("、")
    );
    Composed {
        kind: ComposeKind::Chat,
        subject: None,
        body,
    }
}

/// Text 2, 电话客服: what to say first, the questions to ask, and what to note before hanging up.
fn phone(d: &Draft) -> Composed {
    let f = &d.facts;
    let profile = d.input.profile;
    let tz = d.tz();
    let hours = PhoneHours::new(&d.calendar, profile);

    let number = match profile.phone.number.trim() {
        "" => "【待补充:客服电话(见平台“联系我们”页面)】",
        n => n,
    };
    let days = if profile.phone.business_days_only {
        "工作日"
    } else {
        "每天"
    };
    let mut before = vec![format!(
        "客服电话:{number}(服务时间:{days} {})",
        hours.hours()
    )];
    if !hours.is_open(d.now) {
        before.push(format!(
            "现在不在服务时间,下次可拨打的时间:{}。",
            when(&hours.next_opening(d.now), tz)
        ));
    } else if let Some(peak) = hours.peak_at(d.now) {
        before.push(format!("现在是通话高峰({peak}),可能需要排队。"));
    }
    if !profile.phone.peaks.is_empty() {
        let peaks: Vec<String> = profile
            .phone
            .peaks
            .iter()
            .map(ToString::to_string)
            .collect();
        before.push(format!("尽量避开高峰时段:{}。", peaks.join("、")));
    }
    if profile.phone.callback_service {
        before.push(
            "如遇占线或排队太久,请使用平台的回电服务:留下手机号,等客服主动回拨,不必一直占线。"
                .into(),
        );
    }

    let bound_phone = match d.input.case.contact.phone.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => p.to_string(),
        _ => "【请填写绑定手机号】".to_string(),
    };
    let opening = format!(
        "您好,我的订单号是{},绑定的手机号是{}。\n我于{}购买了{},金额{},问题是:{},{}。\n我的诉求是:{}。",
        f.order_id, bound_phone, f.time, f.product, f.amount, f.problem, f.symptom, f.demand
    );

    let by = when(&(d.now + Duration::hours(24)), tz);
    let mut questions: Vec<String> = guide(d.input.case.problem_type)
        .questions
        .iter()
        .map(|q| q.replace("{by}", &by))
        .collect();
    questions.push("请给我一个工单号(受理编号),方便我后续跟进。".into());
    questions.push("请问您的工号是多少?".into());

    let body = format!(
        "【拨打前】\n{}\n\n【开头先说】\n{}\n\n【要问的问题】\n{}\n\n【挂电话前记下】\n\
         通话时间:【通话后填写】\n客服工号:【通话后填写】\n工单号/受理编号:【通话后填写】\n答复要点:【通话后填写】",
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
fn email(d: &Draft) -> Composed {
    let f = &d.facts;
    let days = d.input.profile.ticket_sla_business_days;
    let due = d.calendar.add_business_days(d.now, days);
    let mut parts = vec![
        format!("尊敬的{}售后团队:", d.platform()),
        "您好!我是贵平台的用户,现就以下订单的问题申请售后处理,具体情况如下:".to_string(),
        f.lines(),
    ];
    if let Some(note) = &f.window_note {
        parts.push(note.clone());
    }
    if !f.history.is_empty() {
        parts.push(format!("此前的联系记录:\n{}", numbered(&f.history)));
    }
    parts.push(format!("附件(证据材料):\n{}", f.evidence_block()));
    parts.push(format!("我的诉求:{}。", f.demand));
    parts.push(format!(
        "按照{days}个工作日的处理时限,恳请贵方于{}前回复处理结果;如需补充材料,请随时与我联系。谢谢!",
        when(&due, d.tz())
    ));
    parts.push(format!(
        "联系方式:\n{}",
        contact_lines(&d.input.case.contact, false)
    ));
    Composed {
        kind: ComposeKind::Email,
        subject: Some(d.subject()),
        body: parts.join("\n\n"),
    }
}

/// Text 4, 工单: labelled facts, evidence, explicit demand, and the contact history so far.
fn ticket(d: &Draft) -> Composed {
    let f = &d.facts;
    let mut facts = format!("{}\n紧急程度:{}", f.lines(), d.urgency());
    if let Some(note) = &f.window_note {
        facts += &format!("\n{note}");
    }
    let body = format!(
        "【问题描述】\n{facts}\n\n【证据材料】\n{}\n\n【诉求】\n{}\n\n【此前联系记录】\n{}",
        f.evidence_block(),
        f.demand,
        f.history_block("首次反映,此前未通过其他渠道联系。")
    );
    Composed {
        kind: ComposeKind::Ticket,
        subject: Some(d.subject()),
        body,
    }
}

/// Text 5, 投诉书 (12315 / 黑猫投诉): parties, what happened when, what was tried, the platform's
/// responsibility under the law, the demand, the evidence, and the complainant's details.
fn complaint(d: &Draft) -> Composed {
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
        "名称:{platform}\n被投诉方地址:【待补充:被投诉方地址(见平台“关于我们”或营业执照信息)】"
    );
    let story = format!(
        "{},我在{platform}购买了{}(订单编号:{}),支付{}。{}。平台提示:{}。我自行尝试了:{},问题仍未解决。",
        f.time, f.product, f.order_id, f.amount, f.symptom, f.error_message, f.steps_tried
    );
    let tried = format!(
        "{}\n截至{},问题仍未得到解决。",
        f.history_block("【待补充:与平台协商的经过(时间、渠道、结果)】"),
        when(&d.now, tz)
    );
    let mut demands = vec![
        f.demand.clone(),
        "提供本订单完整的交易记录和处理说明".to_string(),
    ];
    if fraud_may_apply(p) {
        demands.push(
            "如经查实存在欺诈行为,依照《消费者权益保护法》第五十五条承担增加赔偿的责任".to_string(),
        );
    }

    let body = format!(
        "{summary}\n\n一、投诉人\n{complainant}\n\n二、被投诉方\n{respondent}\n\n三、事实经过\n{story}\n\n\
         四、与平台协商的经过\n{tried}\n\n五、平台应承担的责任\n{}\n\n六、投诉请求\n{}\n\n七、证据材料\n{}\n\n\
         以上情况属实,恳请贵单位依法处理。\n\n投诉人:{}\n{}",
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

fn fraud_may_apply(p: ProblemType) -> bool {
    matches!(
        p,
        ProblemType::NotAsAgreed | ProblemType::CardInvalid | ProblemType::CardKeyStolen
    )
}

/// The law facts of domain.md that fit this problem, in the order an official reads them.
fn responsibilities(p: ProblemType, tried: bool) -> Vec<String> {
    use ProblemType::*;
    let mut out = Vec::new();
    let undelivered = matches!(
        p,
        DeliveryDelay | RechargeFailed | OrderStatus | ApiFailure | NotAsAgreed
    );
    if undelivered {
        out.push(
            "根据《电子商务法》第五十一条,采用在线传输方式交付的,合同标的进入对方当事人指定的特定系统并且能够\
             检索识别的时间为交付时间。本订单的商品至今未进入我指定的账户,平台尚未完成交付,应当履行交付义务或退还货款。"
                .to_string(),
        );
    }
    if p == CardKeyStolen {
        out.push(
            "根据《电子商务法》第五十一条,卡密进入我指定的系统并能够检索识别时才算交付。如卡密在交付给我之前已被\
             他人使用,平台并未完成有效交付,相应风险应由平台承担。"
                .to_string(),
        );
    }
    if matches!(
        p,
        CardInvalid | NotAsAgreed | ResolutionDispute | CardKeyStolen
    ) {
        out.push(
            "《消费者权益保护法》第二十五条将在线下载或拆封的数字化商品排除在七日无理由退货之外,但这一例外只针对\
             “无理由”退货,并不免除经营者对商品本身的问题(卡密无效、商品不符合约定)应承担的责任,平台不能以\
             “虚拟商品不退不换”为由拒绝处理。"
                .to_string(),
        );
    }
    if fraud_may_apply(p) {
        out.push(
            "如经查实平台存在欺诈行为(例如出售无效或已被使用的卡密、虚假宣传),依照《消费者权益保护法》第五十五条,\
             经营者应按消费者的要求增加赔偿,增加赔偿的金额为商品价款的三倍,不足五百元的为五百元。"
                .to_string(),
        );
    }
    out.push(
        "根据《电子商务法》第六十二条,在电子商务争议处理中,电子商务经营者应当提供原始合同和交易记录;\
         第三十一条要求平台保存交易信息不少于三年。请责成平台提供本订单的完整交易记录(支付、发货/发放、兑换及客服记录)。"
            .to_string(),
    );
    if tried {
        out.push("我已按平台的售后渠道多次联系(见第四部分),平台至今未能解决问题。".to_string());
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Redaction for public complaints
// ---------------------------------------------------------------------------------------------

/// Mask what must not appear in a public, permanent complaint (黑猫投诉):
///
/// - **e-mail addresses**: the local part keeps its first character (`z***@example.com`);
/// - **mobile numbers** (`1[3-9]` + 9 digits, also `+86`/`86`-prefixed or written `138 1234 5678` /
///   `138-1234-5678`): `138****5678`;
/// - **ID-card numbers**: 18 characters with a valid check digit and birth date, or any code after
///   身份证/证件号: the first 3 and last 4 stay (`110***********002X`);
/// - **card keys**: the first 4 and last 2 characters stay, separators are kept
///   (`ABCD**********78`, `ABCD-****-****-**78`);
/// - **labelled personal fields** (`姓名:`, `联系人:`, `投诉人:`, `账号:`, `平台账号:`, `用户名:`, `QQ:`,
///   `微信:`, `地址:` …): names keep the surname, accounts their first characters, addresses their
///   first 6 characters. `【…】` placeholders are left alone.
///
/// **Order number or card key?** A code is a maximal run of ASCII letters and digits (groups joined by
/// `-`). It is decided by the words right before it first, then by its shape:
/// 1. after 订单号/订单编号/单号/工单号/编号/流水号/交易号/order → kept (order and ticket numbers
///    must stay readable, or the complaint is useless);
/// 2. after 卡密/卡号/密码/激活码/兑换码/CDK/CDKEY/序列号/授权码/注册码/礼包码/key … → masked
///    as a card key if it has at least 6 characters, digits-only included;
/// 3. otherwise by shape: a mobile number or a valid ID number is masked as such; a code mixing letters
///    and digits with at least 12 characters, or written in 3+ groups of 4+ characters
///    (`XXXX-XXXX-XXXX`), is masked as a card key; anything else — plain numbers such as order
///    numbers, amounts, dates — stays readable.
///
/// So a digits-only card number written without any keyword is not recognised; the composer's own
/// texts never contain card keys, and the UI should still show the redacted text for review.
/// Names written in running prose (without a label) are not detected either.
pub fn redact_for_public(text: &str) -> String {
    let text = redact_emails(text);
    let text = redact_spaced_phones(&text);
    let text = redact_codes(&text);
    redact_labelled(&text)
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")
        .expect("valid e-mail regex")
});
static SPACED_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(1[3-9][0-9])[ -]([0-9]{4})[ -]([0-9]{4})").expect("valid phone regex")
});
static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*").expect("valid code regex"));
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(被投诉方地址|投诉人|联系人|姓名|真实姓名|平台账号|游戏账号|充值账号|账号|用户名|昵称|QQ号|QQ|微信号|微信|通讯地址|收货地址|地址)([:\x{FF1A}][ \t]*)([^\n,。;、()\x{FF0C}\x{FF1B}\x{FF08}\x{FF09}]+)",
    )
    .expect("valid label regex")
});

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Whether the match `[start, end)` stands alone (no ASCII letter or digit glued to either side).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    !is_alnum(text[..start].chars().next_back()) && !is_alnum(text[end..].chars().next())
}

fn redact_emails(text: &str) -> String {
    EMAIL
        .replace_all(text, |c: &Captures| {
            let first = c[1].chars().next().map(String::from).unwrap_or_default();
            format!("{first}***@{}", &c[2])
        })
        .into_owned()
}

fn redact_spaced_phones(text: &str) -> String {
    SPACED_PHONE
        .replace_all(text, |c: &Captures| {
            let m = c
                .get(0)
                .map(|m| (m.start(), m.end(), m.as_str()))
                .unwrap_or((0, 0, ""));
            if stands_alone(text, m.0, m.1) {
                format!("{}****{}", &c[1], &c[3])
            } else {
                m.2.to_string()
            }
        })
        .into_owned()
}

fn redact_codes(text: &str) -> String {
    CODE.replace_all(text, |c: &Captures| {
        let m = c.get(0).map(|m| (m.start(), m.as_str())).unwrap_or((0, ""));
        redact_code(m.1, &text[..m.0])
    })
    .into_owned()
}

const ORDER_WORDS: &[&str] = &[
    "订单号",
    "订单编号",
    "订单",
    "单号",
    "编号",
    "流水号",
    "交易号",
    "order",
    "orderid",
];
const KEY_WORDS: &[&str] = &[
    "卡密",
    "卡号",
    "密码",
    "激活码",
    "兑换码",
    "充值码",
    "礼包码",
    "礼品码",
    "券码",
    "序列号",
    "授权码",
    "注册码",
    "cdk",
    "cdkey",
    "cd-key",
    "key",
];
const ID_WORDS: &[&str] = &["身份证", "身份证号", "身份证号码", "证件号", "证件号码"];

/// The words right before a code, without the glue between them (`卡密: ` → `卡密`), lower-cased.
fn context_before(before: &str) -> String {
    let glue = [
        ' ', '\t', ':', FW_COLON, '=', '是', '为', '"', '\'', '“', '‘', '「', '(', FW_PAREN, '#',
    ];
    let tail: String = before
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.trim_end_matches(glue).to_lowercase()
}

fn after_any(ctx: &str, words: &[&str]) -> bool {
    words.iter().any(|w| ctx.ends_with(w))
}

fn redact_code(code: &str, before: &str) -> String {
    let compact: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
    let n = compact.len();
    let ctx = context_before(before);
    if after_any(&ctx, ORDER_WORDS) {
        return code.to_string();
    }
    if after_any(&ctx, ID_WORDS) && n >= 15 {
        return mask(code, 3, 4);
    }
    if after_any(&ctx, KEY_WORDS) && n >= 6 {
        return mask_key(code, n);
    }
    if let Some(masked) = mask_phone(&compact) {
        return masked;
    }
    if is_id_number(&compact) {
        return mask(code, 3, 4);
    }
    let has_letter = compact.chars().any(|c| c.is_ascii_alphabetic());
    let has_digit = compact.chars().any(|c| c.is_ascii_digit());
    let groups: Vec<&str> = code.split('-').collect();
    let grouped = groups.len() >= 3 && groups.iter().all(|g| g.len() >= 4);
    if (has_letter && has_digit && n >= 12) || grouped {
        return mask_key(code, n);
    }
    code.to_string()
}

/// `13812345678` / `8613812345678` → `138****5678` / `86138****5678`.
fn mask_phone(compact: &str) -> Option<String> {
    let (prefix, number) = match compact.len() {
        11 => ("", compact),
        13 if compact.starts_with("86") => ("86", &compact[2..]),
        _ => return None,
    };
    let b = number.as_bytes();
    let mobile = b.iter().all(u8::is_ascii_digit) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    mobile.then(|| format!("{prefix}{}****{}", &number[..3], &number[7..]))
}

/// 18 characters, a real birth date and the GB 11643 check digit.
fn is_id_number(s: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || b[0] == b'0' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, dd) = (num(6..10), num(10..12), num(12..14));
    let date_ok = (1900..=2099).contains(&y) && NaiveDate::from_ymd_opt(y as i32, m, dd).is_some();
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| u32::from(c - b'0') * w)
        .sum();
    date_ok && b[17].to_ascii_uppercase() == CHECK[(sum % 11) as usize]
}

/// Card keys keep their first 4 and last 2 characters (fewer for short codes).
fn mask_key(code: &str, n: usize) -> String {
    mask(code, (n / 3).min(4), (n / 4).min(2))
}

/// Replace every letter or digit except the first `head` and last `tail` with `*`; separators stay.
fn mask(code: &str, head: usize, tail: usize) -> String {
    let n = code.chars().filter(char::is_ascii_alphanumeric).count();
    let mut i = 0;
    code.chars()
        .map(|c| {
            if !c.is_ascii_alphanumeric() {
                return c;
            }
            let keep = i < head || i + tail >= n;
            i += 1;
            if keep {
                c
            } else {
                '*'
            }
        })
        .collect()
}

fn redact_labelled(text: &str) -> String {
    LABELLED
        .replace_all(text, |c: &Captures| {
            let (label, sep, value) = (&c[1], &c[2], c[3].trim_end());
            let trailing = &c[3][value.len()..];
            if label == "被投诉方地址" || value.starts_with('【') || value.contains('*') {
                return c[0].to_string();
            }
            let chars: Vec<char> = value.chars().collect();
            let masked: String = match label {
                "投诉人" | "联系人" | "姓名" | "真实姓名" => chars
                    .iter()
                    .enumerate()
                    .map(|(i, &ch)| if i == 0 { ch } else { '*' })
                    .collect(),
                "通讯地址" | "收货地址" | "地址" => {
                    let keep = if chars.len() > 8 {
                        6
                    } else {
                        2.min(chars.len())
                    };
                    chars[..keep].iter().collect::<String>() + "****"
                }
                _ => {
                    let keep = if chars.len() >= 5 {
                        2
                    } else {
                        1.min(chars.len())
                    };
                    chars
                        .iter()
                        .enumerate()
                        .map(|(i, &ch)| if i < keep { ch } else { '*' })
                        .collect()
                }
            };
            format!("{label}{sep}{masked}{trailing}")
        })
        .into_owned()
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Customer;
    use chrono_tz::Asia::Shanghai;

    fn t(s: &str) -> DateTime<Tz> {
        DateTime::parse_from_rfc3339(s)
            .expect("test time")
            .with_timezone(&Shanghai)
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
            occurred_at: None,
            symptom: None,
            error_message: None,
            steps_tried: vec![],
            demand: None,
            evidence: vec![],
            customer: Customer::default(),
            history: vec![],
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
                "平台账号:player2024",
                "邮箱:zhangsan@example.com",
                "手机号:13812345678",
                "姓名:张三"
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
                .contains("订单编号:20240520001\n交易时间:2024年5月20日 14:30"),
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
        assert!(texts[3].body.contains("紧急程度:紧急"), "{}", texts[3].body);
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
                    text.body.contains("【待补充:订单编号】"),
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
                        "【待补充:订单编号】-{}-{}",
                        p.label(Lang::Zh),
                        result.urgency
                    )
                    .as_str()
                )
            );
            assert!(
                mail.body.ends_with("平台账号:【请填写平台账号】"),
                "{}",
                mail.body
            );
            assert!(mail.body.contains("手机号:【请填写手机号】"));
            let letter = compose(ComposeKind::Complaint, &input);
            assert!(letter.body.contains("通讯地址:【请填写通讯地址】"));
            assert!(letter.body.contains("【待补充:与平台协商的经过"));
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
            call.contains("我的订单号是20240520001,绑定的手机号是13812345678"),
            "{call}"
        );
        for q in ["为什么被冻结", "怎样解冻", "余额", "多长时间"] {
            assert!(call.contains(q), "missing {q}: {call}");
        }
        assert!(
            call.contains("回电服务") && call.contains("通话高峰(09:00-10:00)"),
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
            call.contains("下次可拨打的时间:2024年5月27日 09:00"),
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
                body.contains("1. 2024年5月20日 15:05 通过在线客服联系,结果:未解决"),
                "{body}"
            );
            assert!(
                body.contains(
                    "2. 2024年5月21日 10:00 通过工单系统联系,结果:处理中,已超过3个工作日"
                ),
                "{body}"
            );
            assert!(
                body.contains("1. 支付宝转账记录截图\n2. 订单详情截图"),
                "{body}"
            );
            assert!(!body.contains("【请按以下清单"), "{body}");
        }
        for label in [
            "订单编号:",
            "交易时间:",
            "商品名称:",
            "金额:100元",
            "问题现象:",
            "错误提示:“订单处理中,请稍后”",
            "已尝试的解决步骤:已刷新页面3次未生效;重新登录",
        ] {
            assert!(ticket.contains(label), "missing {label}: {ticket}");
        }
        assert!(
            letter.contains("投诉对象:某某卡盟") && letter.contains("涉诉金额:100元"),
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
            letter.contains("姓名:张三") && letter.contains("手机号:13812345678"),
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
        assert!(public.contains("手机号:138****5678"), "{public}");
        assert!(public.contains("邮箱:z***@example.com"), "{public}");
        assert!(
            public.contains("姓名:张*") && public.contains("投诉人:张*"),
            "{public}"
        );
        assert!(public.contains("平台账号:pl********"), "{public}");
        assert!(public.contains("订单编号:20240520001"), "{public}");
        assert!(public.contains("通讯地址:【请填写通讯地址】"), "{public}");
        assert!(public.contains("被投诉方地址:【待补充"), "{public}");
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
        let once =
            redact_for_public("卡密:ABCD1234EFGH5678 手机13812345678 邮箱a.b@c.cn 姓名:王五");
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
            chat.contains("一直显示处理中。") && chat.contains("我已尝试:刷新了3次。"),
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
}
