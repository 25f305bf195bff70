//! Order watch (the seed's proactive care): "paid at T, expecting delivery within N minutes".
//! If the user has not confirmed delivery by then, they are told once and offered a case
//! pre-filled with the order.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use reachright_core::Lang;
use reachright_domain::Intake;
use reachright_store::{CaseRow, NewOrderWatch, OrderWatchRow, Store};

use crate::clock::{parse, stamp};
use crate::deadlines::Alarm;
use crate::error::{Error, Result};
use crate::notify::{note, Kind};
use crate::texts::{self, Said};

/// The longest wait accepted for a delivery.
pub const MAX_WAIT: Duration = Duration::days(30);

/// The order details the user gives when starting a watch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderDetails {
    pub order_id: String,
    pub product: String,
    /// Yuan, as typed.
    pub amount: String,
    pub platform_id: Option<String>,
}

/// Start watching an order paid at `paid_at` that should arrive within `within`.
pub fn watch(
    store: &Store,
    order: &OrderDetails,
    paid_at: DateTime<Utc>,
    within: Duration,
) -> Result<OrderWatchRow> {
    if within <= Duration::zero() || within > MAX_WAIT {
        return Err(Error::invalid(
            "within",
            "must be more than zero and at most 30 days",
        ));
    }
    Ok(store.add_order_watch(&NewOrderWatch {
        order_id: order.order_id.trim().into(),
        product: order.product.trim().into(),
        amount: order.amount.trim().into(),
        platform_id: order.platform_id.clone(),
        paid_at: stamp(paid_at),
        expected_at: stamp(paid_at + within),
    })?)
}

/// The user confirmed the goods arrived: the watch ends quietly.
pub fn confirm_delivered(store: &Store, id: i64, at: DateTime<Utc>) -> Result<OrderWatchRow> {
    Ok(store.set_order_watch_state(id, "delivered", None, &stamp(at))?)
}

/// The user does not want a case: the watch ends.
pub fn dismiss(store: &Store, id: i64, at: DateTime<Utc>) -> Result<OrderWatchRow> {
    Ok(store.set_order_watch_state(id, "dismissed", None, &stamp(at))?)
}

/// The wizard's form pre-filled from the watch: a delivery delay of this order, since payment.
pub fn intake_for(w: &OrderWatchRow, now: DateTime<Utc>, lang: Lang) -> Intake {
    let waited = parse(&w.paid_at).map_or(0, |p| (now - p).num_minutes());
    let span = texts::span(waited, lang);
    let span = if lang.is_chinese() {
        span.replace(' ', "")
    } else {
        span
    };
    let symptom = lang.fill(
        "付款后{span}仍未到账",
        "not delivered {span} after payment",
        &[("span", &span)],
    );
    Intake {
        platform_id: w.platform_id.clone(),
        problem_type: Some("delivery_delay".into()),
        order_id: w.order_id.clone(),
        occurred_at: w.paid_at.clone(),
        product: w.product.clone(),
        amount: w.amount.clone(),
        symptom,
        ..Intake::default()
    }
}

/// Open the case the notification offered, pre-filled from the watch, and end the watch.
pub fn open_case(store: &Store, id: i64, now: DateTime<Utc>, lang: Lang) -> Result<CaseRow> {
    let w = store.order_watch(id)?;
    let at: DateTime<FixedOffset> = now.fixed_offset();
    let row = reachright_domain::record::create(store, &intake_for(&w, now, lang), at, lang)?;
    store.set_order_watch_state(id, "case_opened", Some(&row.id), &stamp(now))?;
    Ok(row)
}

pub(crate) fn mark_late(store: &Store, id: i64, now: DateTime<Utc>) -> Result<()> {
    let w = store.order_watch(id)?;
    if w.state == "waiting" {
        store.set_order_watch_state(id, "late", None, &stamp(now))?;
    }
    Ok(())
}

pub(crate) fn alarms(store: &Store, now: DateTime<Utc>, lang: Lang) -> Result<Vec<Alarm>> {
    let mut out = Vec::new();
    for w in store.open_order_watches()? {
        let (Some(paid), Some(expected)) = (parse(&w.paid_at), parse(&w.expected_at)) else {
            continue;
        };
        if w.state != "waiting" {
            continue;
        }
        let at = expected.max(now);
        out.push(Alarm {
            at: expected,
            note: note(
                Kind::OrderLate,
                at,
                None,
                Said::new(lang, |l| texts::order_title(&w.order_id, &w.product, l)),
                Said::new(lang, |l| {
                    texts::order_late(&w.order_id, (at - paid).num_minutes(), l)
                }),
                serde_json::json!({"order_watch_id": w.id, "order_id": w.order_id, "action": "open_case"}),
                Some(format!("order:{}:late", w.id)),
            ),
            order_watch: Some(w.id),
        });
    }
    Ok(out)
}
