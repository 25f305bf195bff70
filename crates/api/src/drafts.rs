//! Drafts: the wizard's state, saved as the user types, so a crash or a closed window loses nothing.

use crate::Call;
use reachright_store::Store;

use crate::error::Result;
use crate::models::Draft;

pub fn save(call: &Call<'_>, key: &str, body: &str) -> Result<()> {
    Ok(call
        .store
        .save_draft(key, body, &reachright_domain::record::stamp(call.now))?)
}

pub fn load(store: &Store, key: &str) -> Result<Option<Draft>> {
    Ok(store.load_draft(key)?.map(|d| Draft {
        key: d.key,
        body: d.body,
        updated_at: d.updated_at,
    }))
}

pub fn discard(store: &Store, key: &str) -> Result<()> {
    Ok(store.delete_draft(key)?)
}
