//! The two preferences the rules read: the language of the sentences, and the user's contact
//! details (signed under letters and tickets). The settings screen's whole form lives in the app
//! facade; these read the same key/value rows.

use reachright_core::scenario::ContactDetails;
use reachright_core::Lang;
use reachright_store::Store;

use crate::error::Result;

/// The language of the app's sentences (reasons, warnings, labels); Chinese unless chosen.
pub fn lang(store: &Store) -> Result<Lang> {
    let code = store
        .settings()?
        .into_iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v);
    Ok(code.as_deref().and_then(Lang::parse).unwrap_or(Lang::Zh))
}

/// The writing of the texts sent to platforms (the composer's): simplified unless the user chose
/// Traditional, because the platforms and authorities are on the mainland.
pub fn send_lang(store: &Store) -> Result<Lang> {
    let code = store
        .settings()?
        .into_iter()
        .find(|(k, _)| k == "send_lang")
        .map(|(_, v)| v);
    Ok(match code.as_deref().and_then(Lang::parse) {
        Some(Lang::ZhHant) => Lang::ZhHant,
        _ => Lang::Zh,
    })
}

/// The user's contact details as the composer signs them; blank ones are left out.
pub fn contact(store: &Store) -> Result<ContactDetails> {
    let mut c = ContactDetails::default();
    for (key, value) in store.settings()? {
        let value = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        match key.as_str() {
            "contact_name" => c.name = value,
            "contact_phone" => c.phone = value,
            "contact_email" => c.email = value,
            "contact_account" => c.account = value,
            _ => {}
        }
    }
    Ok(c)
}
