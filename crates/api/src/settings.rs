//! The user's preferences (language, text size, theme, 长辈模式) and contact details, as key/value rows.

use reachright_core::Lang;
use reachright_store::Store;

use crate::error::{Error, Result};
use crate::models::Settings;

/// The smallest and largest text scale; 1.6 is the large-text mode's top.
pub const TEXT_SCALE: (f64, f64) = (0.8, 2.0);

pub fn load(store: &Store) -> Result<Settings> {
    let mut s = Settings::default();
    for (key, value) in store.settings()? {
        match key.as_str() {
            "lang" => {
                s.lang = value;
                s.lang_chosen = true;
            }
            "send_lang" => s.send_lang = value,
            "text_scale" => s.text_scale = value.parse().unwrap_or(s.text_scale),
            "theme" => s.theme = value,
            "simple_mode" => s.simple_mode = Some(value == "on"),
            "contact_name" => s.contact_name = value,
            "contact_phone" => s.contact_phone = value,
            "contact_email" => s.contact_email = value,
            "contact_account" => s.contact_account = value,
            _ => {}
        }
    }
    Ok(s)
}

pub fn save(store: &Store, s: &Settings) -> Result<Settings> {
    if !matches!(s.lang.as_str(), "zh-CN" | "zh-Hant" | "en") {
        return Err(Error::invalid(
            "lang",
            format!("{:?} is not zh-CN, zh-Hant or en", s.lang),
        ));
    }
    if !matches!(s.send_lang.as_str(), "zh-CN" | "zh-Hant") {
        return Err(Error::invalid(
            "send_lang",
            format!("{:?} is not zh-CN or zh-Hant", s.send_lang),
        ));
    }
    if !matches!(s.theme.as_str(), "system" | "light" | "dark") {
        return Err(Error::invalid(
            "theme",
            format!("{:?} is not system, light or dark", s.theme),
        ));
    }
    if !(TEXT_SCALE.0..=TEXT_SCALE.1).contains(&s.text_scale) {
        return Err(Error::invalid(
            "text_scale",
            format!(
                "{} is outside {}..{}",
                s.text_scale, TEXT_SCALE.0, TEXT_SCALE.1
            ),
        ));
    }
    let scale = s.text_scale.to_string();
    if let Some(on) = s.simple_mode {
        store.set_settings(&[("simple_mode", if on { "on" } else { "off" })])?;
    }
    store.set_settings(&[
        ("lang", &s.lang),
        ("send_lang", &s.send_lang),
        ("text_scale", &scale),
        ("theme", &s.theme),
        ("contact_name", s.contact_name.trim()),
        ("contact_phone", s.contact_phone.trim()),
        ("contact_email", s.contact_email.trim()),
        ("contact_account", s.contact_account.trim()),
    ])?;
    load(store)
}

/// The language of the app's sentences (reasons, warnings, labels).
pub fn lang(store: &Store) -> Result<Lang> {
    Ok(reachright_domain::settings::lang(store)?)
}
