//! What a case's ticket says: the composer's ticket text and domain.md's subject
//! (`订单号-问题类型-紧急程度`). Creating it (with the case's evidence attached) is
//! `reachright_tracking::tickets::create_on`, used by the app and the CLI alike.

use chrono::{DateTime, Utc};
use reachright_core::Lang;
use reachright_store::Store;

use crate::error::{Error, Result};

/// The ticket a case would send: subject and body, composed for `now`.
pub fn compose(
    store: &Store,
    case_id: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<(String, String)> {
    let detail = reachright_cases::cases::detail(store, case_id, now.fixed_offset(), lang)?;
    let rec = detail.analysis.recommendation;
    let body = rec
        .texts
        .iter()
        .find(|t| t.kind == "ticket")
        .map(|t| t.body.clone())
        .ok_or_else(|| Error::invalid("case", "the composer wrote no ticket text"))?;
    Ok((rec.subject, body))
}
