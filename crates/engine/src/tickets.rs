//! What a case's ticket says: the composer's ticket text and domain.md's subject
//! (`订单号-问题类型-紧急程度`). Creating it (with the case's evidence attached) is
//! `reachright_api::tracking::tickets::create_on`, used by the app and the CLI alike.

use chrono::{DateTime, Utc};
use reachright_core::Lang;
use reachright_store::Store;

use reachright_domain::StoredCase;

use crate::error::Result;

/// The ticket a case would send: subject and body, composed for `now`.
pub fn compose(
    store: &Store,
    case_id: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<(String, String)> {
    let send = reachright_domain::settings::send_lang(store)?;
    Ok(StoredCase::load(store, case_id)?.ticket(now.fixed_offset(), lang, send)?)
}
