//! Order watches: a paid order expected by a time, which the tracker flags as late and the user
//! closes (delivered, dismissed, or turned into a case).

use rusqlite::{OptionalExtension, Row};

use super::{by_key, list, one_of};
use crate::error::{Error, Result};
use crate::store::{require_case, Store};
use crate::validate;

/// The states of an order watch: waiting for delivery, late (the user was told), and the three
/// ways it ends.
pub const ORDER_WATCH_STATES: [&str; 5] =
    ["waiting", "late", "delivered", "case_opened", "dismissed"];

/// "Paid at `paid_at`, expecting delivery by `expected_at`."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrderWatch {
    pub order_id: String,
    pub product: String,
    pub amount: String,
    pub platform_id: Option<String>,
    pub paid_at: String,
    pub expected_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderWatchRow {
    pub id: i64,
    pub order_id: String,
    pub product: String,
    pub amount: String,
    pub platform_id: Option<String>,
    pub paid_at: String,
    pub expected_at: String,
    /// One of [`ORDER_WATCH_STATES`].
    pub state: String,
    pub case_id: Option<String>,
    pub updated_at: String,
}

const WATCH_COLUMNS: &str =
    "id, order_id, product, amount, platform_id, paid_at, expected_at, state, case_id, updated_at";

fn watch(r: &Row<'_>) -> rusqlite::Result<OrderWatchRow> {
    Ok(OrderWatchRow {
        id: r.get(0)?,
        order_id: r.get(1)?,
        product: r.get(2)?,
        amount: r.get(3)?,
        platform_id: r.get(4)?,
        paid_at: r.get(5)?,
        expected_at: r.get(6)?,
        state: r.get(7)?,
        case_id: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

impl Store {
    pub fn add_order_watch(&self, w: &NewOrderWatch) -> Result<OrderWatchRow> {
        validate::required("order_id", &w.order_id)?;
        validate::text("product", &w.product)?;
        validate::text("amount", &w.amount)?;
        validate::opt_text("platform_id", w.platform_id.as_deref())?;
        validate::required("paid_at", &w.paid_at)?;
        validate::required("expected_at", &w.expected_at)?;
        if w.expected_at < w.paid_at {
            return Err(Error::invalid("expected_at", "must not be before paid_at"));
        }
        self.write(|tx| {
            if let Some(p) = &w.platform_id {
                let found = tx
                    .query_row("SELECT 1 FROM platforms WHERE id = ?1", [p], |_| Ok(()))
                    .optional()?;
                found.ok_or_else(|| {
                    Error::invalid("platform_id", format!("no platform with id `{p}`"))
                })?;
            }
            Ok(tx.query_row(
                &format!(
                    "INSERT INTO order_watches (order_id, product, amount, platform_id, paid_at,
                         expected_at, state, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'waiting', ?5) RETURNING {WATCH_COLUMNS}"
                ),
                (
                    &w.order_id,
                    &w.product,
                    &w.amount,
                    &w.platform_id,
                    &w.paid_at,
                    &w.expected_at,
                ),
                watch,
            )?)
        })
    }

    pub fn order_watch(&self, id: i64) -> Result<OrderWatchRow> {
        by_key(
            &self.conn(),
            &format!("SELECT {WATCH_COLUMNS} FROM order_watches WHERE id = ?1"),
            id,
            "order watch",
            watch,
        )
    }

    /// Watches still waiting or late (not delivered, dismissed or turned into a case), soonest first.
    pub fn open_order_watches(&self) -> Result<Vec<OrderWatchRow>> {
        list(
            &self.conn(),
            &format!(
                "SELECT {WATCH_COLUMNS} FROM order_watches WHERE state IN ('waiting', 'late')
                 ORDER BY expected_at, id"
            ),
            [],
            watch,
        )
    }

    /// Move a watch on: `late` (the tracker), `delivered` / `dismissed` (the user), or
    /// `case_opened` with the case made from it.
    pub fn set_order_watch_state(
        &self,
        id: i64,
        state: &str,
        case_id: Option<&str>,
        at: &str,
    ) -> Result<OrderWatchRow> {
        one_of("state", state, &ORDER_WATCH_STATES)?;
        validate::required("at", at)?;
        if (state == "case_opened") != case_id.is_some() {
            return Err(Error::invalid(
                "case_id",
                "is given exactly when the state is case_opened",
            ));
        }
        self.write(|tx| {
            if let Some(c) = case_id {
                require_case(tx, c)?;
            }
            tx.query_row(
                &format!(
                    "UPDATE order_watches SET state = ?2, case_id = coalesce(?3, case_id),
                         updated_at = ?4
                     WHERE id = ?1 RETURNING {WATCH_COLUMNS}"
                ),
                (id, state, case_id, at),
                watch,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("order watch", id.to_string()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracking::tests::{case, store};

    #[test]
    fn order_watch_moves_through_its_states() {
        let (_t, s) = store();
        let w = s
            .add_order_watch(&NewOrderWatch {
                order_id: "20240520001".into(),
                product: "100元游戏点卡".into(),
                amount: "100".into(),
                platform_id: None,
                paid_at: "2026-11-20T02:00:00Z".into(),
                expected_at: "2026-11-20T02:30:00Z".into(),
            })
            .expect("watch");
        assert_eq!(w.state, "waiting");
        s.set_order_watch_state(w.id, "late", None, "2026-11-20T02:30:00Z")
            .expect("late");
        assert_eq!(s.open_order_watches().expect("open").len(), 1);
        assert!(s
            .set_order_watch_state(w.id, "case_opened", None, "2026-11-20T02:31:00Z")
            .is_err());
        let c = case(&s);
        let w = s
            .set_order_watch_state(w.id, "case_opened", Some(&c), "2026-11-20T02:31:00Z")
            .expect("case");
        assert_eq!(w.case_id.as_deref(), Some(c.as_str()));
        assert!(s.open_order_watches().expect("open").is_empty());
        assert!(matches!(
            s.set_order_watch_state(999, "late", None, "2026-11-20T02:31:00Z"),
            Err(Error::NotFound { .. })
        ));
    }
}
