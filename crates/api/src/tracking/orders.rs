//! Order watches: "paid at T, expecting delivery within N minutes". Confirm when it arrives,
//! dismiss, or open a case pre-filled with the order when it did not.

use crate::models::CaseDetail;
use crate::tracking::models::{OrderWatchForm, OrderWatchView};
use crate::views::coded;
use crate::Call;
use chrono::{DateTime, Duration, Utc};
use reachright_core::Lang;
use reachright_engine::orders::{self, OrderDetails};
use reachright_store::OrderWatchRow;

use crate::error::{Error, Result};
use crate::tracking::{moment, seconds_to, utc};

fn state_label(state: &str, lang: Lang) -> &str {
    match state {
        "waiting" => lang.pick("等待到账", "Waiting"),
        "late" => lang.pick("超时未到账", "Late"),
        "delivered" => lang.pick("已到账", "Delivered"),
        "dismissed" => lang.pick("已忽略", "Dismissed"),
        "case_opened" => lang.pick("已建案件", "Case opened"),
        other => other,
    }
}

pub fn view(w: &OrderWatchRow, now: DateTime<Utc>, lang: Lang) -> OrderWatchView {
    OrderWatchView {
        id: w.id,
        order_id: w.order_id.clone(),
        product: w.product.clone(),
        amount: w.amount.clone(),
        platform_id: w.platform_id.clone(),
        paid_at: w.paid_at.clone(),
        expected_at: w.expected_at.clone(),
        state: coded(&w.state, state_label(&w.state, lang)),
        case_id: w.case_id.clone(),
        seconds_left: seconds_to(&w.expected_at, now),
    }
}

pub fn watch(call: &Call<'_>, form: &OrderWatchForm) -> Result<OrderWatchView> {
    if form.within_minutes == 0 {
        return Err(Error::invalid(
            "within_minutes",
            "how many minutes should delivery take?",
        ));
    }
    let paid_at = moment("paid_at", &form.paid_at, call.now)?;
    let order = OrderDetails {
        order_id: form.order_id.clone(),
        product: form.product.clone(),
        amount: form.amount.clone(),
        platform_id: form.platform_id.clone().filter(|p| !p.trim().is_empty()),
    };
    let row = orders::watch(
        call.store,
        &order,
        paid_at,
        Duration::minutes(i64::from(form.within_minutes)),
    )?;
    Ok(view(&row, utc(call.now), call.lang))
}

/// The watches still open (waiting or late), soonest expected first.
pub fn list(call: &Call<'_>) -> Result<Vec<OrderWatchView>> {
    Ok(call
        .store
        .open_order_watches()?
        .iter()
        .map(|w| view(w, utc(call.now), call.lang))
        .collect())
}

pub fn confirm(call: &Call<'_>, id: i64) -> Result<OrderWatchView> {
    let row = orders::confirm_delivered(call.store, id, utc(call.now))?;
    Ok(view(&row, utc(call.now), call.lang))
}

pub fn dismiss(call: &Call<'_>, id: i64) -> Result<OrderWatchView> {
    let row = orders::dismiss(call.store, id, utc(call.now))?;
    Ok(view(&row, utc(call.now), call.lang))
}

/// A case pre-filled with the order (a delivery delay since payment); the watch ends.
pub fn open_case(call: &Call<'_>, id: i64) -> Result<CaseDetail> {
    let row = orders::open_case(call.store, id, utc(call.now), call.lang)?;
    crate::cases::detail(call, &row.id)
}
