//! The triage contract's data: the scenario that comes in, the case the engine resolves from it, and
//! the result that goes out (see `design/triage-contract.md`).
//!
//! Scenarios are read from a `serde_json::Value` field by field rather than by derive, so that every
//! bad value is reported with the name of its field (`history[2].at`), which is what the contract
//! promises script writers.

use chrono::{DateTime, FixedOffset};
use reachright_tz::Tz;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::extract::SuggestedContact;
use crate::money::{Amount, Money};
use crate::taxonomy::{Channel, Demand, Group, Outcome, ProblemType};

/// One scenario as given: explicit fields only, nothing inferred yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scenario {
    pub id: Option<Value>,
    pub description: Option<String>,
    pub problem_type: Option<ProblemType>,
    pub order_id: Option<String>,
    pub product: Option<String>,
    pub amount: Option<Money>,
    pub occurred_at: Option<DateTime<FixedOffset>>,
    pub now: Option<DateTime<FixedOffset>>,
    pub customer: Customer,
    pub platform: Option<Value>,
    pub history: Vec<ContactAttempt>,
    /// Intake-form fields beyond the contract's minimum; the composer and `missing` use them.
    pub symptom: Option<String>,
    pub error_message: Option<String>,
    pub steps_tried: Vec<String>,
    pub demand: Option<Demand>,
    pub evidence: Vec<String>,
    pub contact: ContactDetails,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub vip: bool,
    pub verified: bool,
}

/// One earlier contact with the platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactAttempt {
    pub channel: Channel,
    pub at: DateTime<FixedOffset>,
    pub outcome: Outcome,
}

/// How the platform can reach the user back; printed at the end of e-mails and complaints.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContactDetails {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub account: Option<String>,
}

/// The longest free text accepted in any field: a story, not a file.
pub const MAX_TEXT_CHARS: usize = 20_000;

impl Scenario {
    pub fn from_json_str(text: &str) -> Result<Self> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::Json(e.to_string()))?;
        Self::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Self> {
        let map = value
            .as_object()
            .ok_or_else(|| Error::Json("a scenario must be a JSON object".into()))?;
        let f = Fields(map);
        let customer = match map.get("customer") {
            None | Some(Value::Null) => Customer::default(),
            Some(Value::Object(c)) => {
                let c = Fields(c);
                Customer {
                    vip: c.bool("customer.vip", "vip")?,
                    verified: c.bool("customer.verified", "verified")?,
                }
            }
            Some(_) => {
                return Err(Error::field(
                    "customer",
                    "must be an object like {\"vip\": false, \"verified\": false}",
                ))
            }
        };
        let contact = match map.get("contact") {
            None | Some(Value::Null) => ContactDetails::default(),
            Some(Value::Object(c)) => {
                let c = Fields(c);
                ContactDetails {
                    name: c.text("contact.name", "name")?,
                    phone: c.text("contact.phone", "phone")?,
                    email: c.text("contact.email", "email")?,
                    account: c.text("contact.account", "account")?,
                }
            }
            Some(_) => {
                return Err(Error::field(
                    "contact",
                    "must be an object with name, phone, email",
                ))
            }
        };
        let platform = match map.get("platform") {
            None | Some(Value::Null) => None,
            Some(v @ Value::Object(_)) => Some(v.clone()),
            Some(_) => {
                return Err(Error::field(
                    "platform",
                    "must be an object (a platform profile)",
                ))
            }
        };
        Ok(Scenario {
            id: map.get("id").filter(|v| !v.is_null()).cloned(),
            description: f.text("description", "description")?,
            problem_type: f.code("problem_type")?,
            order_id: f.id_text("order_id")?,
            product: f.text("product", "product")?,
            amount: f.amount("amount_cny")?,
            occurred_at: f.time("occurred_at")?,
            now: f.time("now")?,
            customer,
            platform,
            history: f.history()?,
            symptom: f.text("symptom", "symptom")?,
            error_message: f.text("error_message", "error_message")?,
            steps_tried: f.text_list("steps_tried")?,
            demand: f.code("demand")?,
            evidence: f.text_list("evidence")?,
            contact,
        })
    }
}

/// Typed, named access to a JSON object's fields.
struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    fn text(&self, name: &str, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => {
                if s.chars().count() > MAX_TEXT_CHARS {
                    return Err(Error::field(
                        name,
                        format!("longer than {MAX_TEXT_CHARS} characters"),
                    ));
                }
                let s = s.trim();
                Ok((!s.is_empty()).then(|| s.to_string()))
            }
            Some(other) => Err(Error::field(
                name,
                format!("must be a string, got {}", kind(other)),
            )),
        }
    }

    /// An order number may arrive as a JSON number from a spreadsheet export; keep it as text.
    fn id_text(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            Some(Value::Number(n)) if n.is_u64() => Ok(Some(n.to_string())),
            _ => self.text(key, key),
        }
    }

    fn bool(&self, name: &str, key: &str) -> Result<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(Error::field(
                name,
                format!("must be true or false, got {}", kind(other)),
            )),
        }
    }

    fn code<T: std::str::FromStr<Err = Error>>(&self, key: &str) -> Result<Option<T>> {
        match self.text(key, key)? {
            None => Ok(None),
            Some(s) => s.parse().map(Some),
        }
    }

    fn amount(&self, key: &str) -> Result<Option<Money>> {
        let number = match self.get(key) {
            None => return Ok(None),
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.trim().trim_end_matches('元').trim().parse::<f64>().ok(),
            Some(other) => {
                return Err(Error::field(
                    key,
                    format!("must be a number of yuan, got {}", kind(other)),
                ))
            }
        };
        number
            .and_then(Money::from_yuan_f64)
            .map(Some)
            .ok_or_else(|| {
                Error::field(
                    key,
                    "must be a non-negative number of yuan, such as 100 or 99.5",
                )
            })
    }

    fn time(&self, key: &str) -> Result<Option<DateTime<FixedOffset>>> {
        self.text(key, key)?
            .map(|s| parse_time(key, &s))
            .transpose()
    }

    fn text_list(&self, key: &str) -> Result<Vec<String>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::String(_)) => Ok(self.text(key, key)?.into_iter().collect()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_null())
                .map(|(i, v)| match v {
                    Value::String(s) => Ok(s.trim().to_string()),
                    other => Err(Error::field(
                        format!("{key}[{i}]"),
                        format!("must be a string, got {}", kind(other)),
                    )),
                })
                .filter(|r| !matches!(r, Ok(s) if s.is_empty()))
                .collect(),
            Some(other) => Err(Error::field(
                key,
                format!("must be a list of strings, got {}", kind(other)),
            )),
        }
    }

    fn history(&self) -> Result<Vec<ContactAttempt>> {
        let items = match self.get("history") {
            None => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(Error::field(
                    "history",
                    format!("must be a list, got {}", kind(other)),
                ))
            }
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let name = |k: &str| format!("history[{i}].{k}");
                let obj = item.as_object().ok_or_else(|| {
                    Error::field(
                        format!("history[{i}]"),
                        "must be an object with channel, at, outcome",
                    )
                })?;
                let f = Fields(obj);
                let required = |k: &str| -> Result<String> {
                    f.text(&name(k), k)?
                        .ok_or_else(|| Error::field(name(k), "is required"))
                };
                let channel = required("channel")?
                    .parse::<Channel>()
                    .map_err(|e| Error::field(name("channel"), e.to_string()))?;
                let outcome = required("outcome")?
                    .parse::<Outcome>()
                    .map_err(|e| Error::field(name("outcome"), e.to_string()))?;
                let at = parse_time(&name("at"), &required("at")?)?;
                Ok(ContactAttempt {
                    channel,
                    at,
                    outcome,
                })
            })
            .collect()
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// RFC 3339 with an offset (`2024-05-20T14:30:00+08:00`); impossible dates are refused by name.
pub fn parse_time(field: &str, s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s.trim()).map_err(|e| {
        Error::field(
            field,
            format!("{s:?} is not a valid RFC 3339 time such as 2024-05-20T14:30:00+08:00 ({e})"),
        )
    })
}

/// RFC 3339 to the second, with the platform's offset — the contract's time format.
pub fn format_time(t: &DateTime<Tz>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The case the engine works on: explicit fields, else what was extracted from the description.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub problem_type: ProblemType,
    pub confidence: f64,
    /// The classifier's runner-up, offered as the one-click correction when confidence is low.
    pub alternative: Option<ProblemType>,
    pub description: Option<String>,
    pub order_id: Option<String>,
    pub product: Option<String>,
    pub amount: Option<Money>,
    /// The amount when the story gives it in another currency; not counted as yuan anywhere.
    pub amount_foreign: Option<Amount>,
    pub occurred_at: Option<DateTime<Tz>>,
    pub symptom: Option<String>,
    pub error_message: Option<String>,
    pub steps_tried: Vec<String>,
    pub demand: Option<Demand>,
    pub evidence: Vec<String>,
    pub customer: Customer,
    pub history: Vec<ContactAttempt>,
    /// Earlier contacts told in the description, for the user to confirm into `history`. They do
    /// not change the recommendation until confirmed: the user's word decides what happened.
    pub suggested_contacts: Vec<SuggestedContact>,
    pub contact: ContactDetails,
}

impl Case {
    pub fn group(&self) -> Group {
        self.problem_type.group()
    }
}

/// A warning of domain.md, with its sentence and, where it applies, the moment it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    pub at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    RechargeWindow,
    RechargeWindowExpired,
    NoReasonReturnExcluded,
    PhoneClosed,
    PhonePeak,
    VerificationRequired,
    MissingInfo,
}

/// A field of a complete description; `missing` lists these codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    OrderId,
    OccurredAt,
    Product,
    Amount,
    Symptom,
    ErrorMessage,
    StepsTried,
    Evidence,
    Demand,
}

impl Field {
    /// The visible gap left in a text where this field is still unknown, e.g. `【待补充：订单编号】`.
    pub fn placeholder(self) -> String {
        format!("【待补充：{}】", self.label(crate::Lang::Zh))
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        use Field::*;
        match self {
            OrderId => lang.pick("订单编号", "order number"),
            OccurredAt => lang.pick("交易时间", "time of the transaction"),
            Product => lang.pick("商品名称", "product"),
            Amount => lang.pick("金额", "amount"),
            Symptom => lang.pick("问题现象", "what happened"),
            ErrorMessage => lang.pick("错误提示", "error message"),
            StepsTried => lang.pick("已尝试的解决步骤", "steps already tried"),
            Evidence => lang.pick(
                "证据（截图、转账记录）",
                "evidence (screenshots, payment records)",
            ),
            Demand => lang.pick(
                "诉求（退款/重发/补偿）",
                "what you ask for (refund / resend / compensation)",
            ),
        }
    }
}

/// What the engine extracted or was given, as the contract's `extracted` object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedView {
    pub order_id: Option<String>,
    pub amount_cny: Option<Money>,
    pub occurred_at: Option<String>,
    pub product: Option<String>,
    pub error_message: Option<String>,
    pub steps_tried: Vec<String>,
    pub demand: Option<Demand>,
    /// The amount when given in a currency other than CNY (`{"value": 20, "currency": "USD"}`);
    /// absent otherwise, so results of CNY stories are unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_foreign: Option<Amount>,
    /// Earlier contacts told in the description; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactView>,
}

/// A contact told in the story, as the contract's `extracted.contacts[]` entry. `channel` and
/// `history_outcome` are the codes of a `history` entry, so confirming it is a copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactView {
    pub channel: crate::taxonomy::Channel,
    /// no_answer, busy, bot_only, refused or unresolved.
    pub outcome: crate::extract::ContactOutcome,
    /// The outcome code of domain.md's history (no_response, dissatisfied, unresolved).
    pub history_outcome: crate::taxonomy::Outcome,
    /// The words it was read from.
    pub matched: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    pub repeated: bool,
    /// When it was made (RFC 3339, platform offset), when the story says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl From<&SuggestedContact> for ContactView {
    fn from(c: &SuggestedContact) -> Self {
        ContactView {
            channel: c.channel,
            outcome: c.outcome,
            history_outcome: c.outcome.history_outcome(),
            matched: c.matched.clone(),
            attempts: c.attempts,
            repeated: c.repeated,
            at: c.at.as_ref().map(format_time),
        }
    }
}

/// The result of one triage, serialised as the contract's output object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriageResult {
    pub id: Option<Value>,
    pub problem_type: ProblemType,
    pub group: Group,
    pub confidence: f64,
    /// True when the confidence is too low to act on without the user confirming the type.
    pub needs_confirmation: bool,
    /// The next most likely type (classified cases only), for the UI's one-click correction.
    pub alternative_type: Option<ProblemType>,
    pub extracted: ExtractedView,
    pub primary: Channel,
    /// The channel to use this minute; `primary` unless the primary cannot be reached now.
    pub do_now: Channel,
    pub ladder: Vec<Channel>,
    pub reasons: Vec<String>,
    pub warnings: Vec<Warning>,
    pub missing: Vec<Field>,
    pub urgency: &'static str,
    pub subject: String,
    pub next_phone_opening: Option<String>,
    pub sla_deadline: Option<String>,
    pub description_text: String,
    /// What to have at hand before using the primary channel.
    pub prepare: Vec<String>,
    /// How fast the primary channel usually answers.
    pub expected_response: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_contract_example() {
        let s = Scenario::from_json_str(
            r#"{"id":"x","description":"充值没到账","problem_type":"delivery_delay","order_id":"20240520001",
                "product":"游戏点卡","amount_cny":100,"occurred_at":"2024-05-20T14:30:00+08:00",
                "now":"2024-05-20T15:00:00+08:00","customer":{"vip":false,"verified":true},
                "history":[{"channel":"online_chat","at":"2024-05-20T14:40:00+08:00","outcome":"unresolved"}]}"#,
        )
        .unwrap();
        assert_eq!(s.problem_type, Some(ProblemType::DeliveryDelay));
        assert_eq!(s.amount, Some(Money::from_yuan(100)));
        assert!(s.customer.verified && !s.customer.vip);
        assert_eq!(s.history[0].outcome, Outcome::Unresolved);
    }

    #[test]
    fn every_bad_value_names_its_field() {
        let cases = [
            (r#"{"problem_type":"refundx"}"#, "problem_type"),
            (r#"{"amount_cny":"lots"}"#, "amount_cny"),
            (r#"{"amount_cny":-3}"#, "amount_cny"),
            (
                r#"{"occurred_at":"2024-02-30T10:00:00+08:00"}"#,
                "occurred_at",
            ),
            (r#"{"now":"yesterday"}"#, "now"),
            (r#"{"customer":{"vip":"yes"}}"#, "customer.vip"),
            (
                r#"{"history":[{"channel":"fax","at":"2024-05-20T14:40:00+08:00","outcome":"pending"}]}"#,
                "history[0].channel",
            ),
            (
                r#"{"history":[{"channel":"phone","at":"2024-05-20T14:40:00+08:00","outcome":"meh"}]}"#,
                "history[0].outcome",
            ),
            (
                r#"{"history":[{"channel":"phone","outcome":"pending"}]}"#,
                "history[0].at",
            ),
            (r#"{"history":{}}"#, "history"),
            (r#"{"description":42}"#, "description"),
            (r#"{"platform":"x"}"#, "platform"),
        ];
        for (json, field) in cases {
            let err = Scenario::from_json_str(json).unwrap_err().to_string();
            assert!(err.contains(field), "{json} gave {err}");
        }
        assert!(matches!(
            Scenario::from_json_str("not json"),
            Err(Error::Json(_))
        ));
        assert!(matches!(
            Scenario::from_json_str("[1]"),
            Err(Error::Json(_))
        ));
    }

    #[test]
    fn numeric_order_ids_and_string_amounts_are_accepted() {
        let s =
            Scenario::from_json_str(r#"{"order_id":20240520001,"amount_cny":"99.5元"}"#).unwrap();
        assert_eq!(s.order_id.as_deref(), Some("20240520001"));
        assert_eq!(s.amount, Some(Money::from_fen(9950)));
    }
}
