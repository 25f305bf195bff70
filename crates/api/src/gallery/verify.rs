//! "校验证据": every item of a case re-read and re-hashed, the damaged ones named.

use crate::Call;
use reachright_vault::Vault;
use serde::{Deserialize, Serialize};
#[cfg(test)]
use ts_rs::TS;

use super::labeled_kind;
use crate::error::Result;
use crate::models::Labeled;
use reachright_store::EvidenceKind;

/// One item that failed verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct DamagedItem {
    pub id: String,
    pub name: String,
    pub kind: Labeled<EvidenceKind>,
    pub reason: String,
}

/// "校验证据": every item re-read and re-hashed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(TS))]
pub struct VerifyReport {
    pub checked: u32,
    pub ok: u32,
    pub damaged: Vec<DamagedItem>,
}

pub fn verify(call: &Call<'_>, vault: &Vault, case_id: &str) -> Result<VerifyReport> {
    let checks = vault.verify(case_id)?;
    let damaged: Vec<DamagedItem> = checks
        .iter()
        .filter_map(|c| {
            c.problem.as_ref().map(|p| DamagedItem {
                id: c.item.id.clone(),
                name: c.item.original_name.clone(),
                kind: labeled_kind(&c.item.kind, call.lang),
                reason: p.clone(),
            })
        })
        .collect();
    let checked = u32::try_from(checks.len()).unwrap_or(u32::MAX);
    Ok(VerifyReport {
        checked,
        ok: checked - u32::try_from(damaged.len()).unwrap_or(checked),
        damaged,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::gallery::test_fixture::{fixture, png, STORY};
    use reachright_core::Lang;

    #[test]
    fn verify_names_a_tampered_file() {
        let f = fixture(STORY);
        let o = f.add("聊天.png", &png(10, 10), "chat");
        let r = verify(&f.call(Lang::Zh), &f.vault, &f.case_id).unwrap();
        assert_eq!((r.checked, r.ok, r.damaged.len()), (1, 1, 0));
        let row = f.vault.list(&f.case_id).unwrap().remove(0);
        let path = f.vault.stored_path(&row);
        let mut sealed = std::fs::read(&path).unwrap();
        let mid = sealed.len() / 2;
        sealed[mid] ^= 0x01;
        std::fs::write(&path, sealed).unwrap();
        let r = verify(&f.call(Lang::Zh), &f.vault, &f.case_id).unwrap();
        assert_eq!((r.checked, r.ok), (1, 0));
        assert_eq!(r.damaged[0].name, "聊天.png");
        assert_eq!(r.damaged[0].id, o.item.unwrap().id);
    }
}
