//! The user's platform directory: profiles they added, edited or imported, with their own VIP and
//! verification status on each. Profiles are stored as the documented TOML, so an exported file is
//! exactly what `reachright-cli profile check` and the engine read.

use crate::Call;
use chrono::NaiveDate;
use reachright_core::profile::Window;
use reachright_core::{Channel, PlatformProfile};
use reachright_store::{PlatformRow, Store};

use crate::error::{Error, Result};
use crate::models::{PlatformEntry, ProfileForm};

fn form_of(profile: &PlatformProfile) -> Result<ProfileForm> {
    serde_json::to_value(profile)
        .and_then(serde_json::from_value)
        .map_err(|e| Error::invalid("profile", e.to_string()))
}

/// Validate a form through the engine's own profile reader, so every bad value is named the same
/// way as in a TOML file (`phone.hours`, `channels[2]` …).
fn profile_of(form: &ProfileForm) -> Result<PlatformProfile> {
    if form.name.trim().is_empty() {
        return Err(Error::invalid("name", "a platform needs a name"));
    }
    check_strings(form)?;
    let value = serde_json::to_value(form).map_err(|e| Error::invalid("profile", e.to_string()))?;
    let profile = PlatformProfile::from_json(&value)?;
    profile.validate()?;
    Ok(profile)
}

/// The form's free-text fields, checked one by one so the error names the box the user typed in
/// (serde would only say "platform").
fn check_strings(form: &ProfileForm) -> Result<()> {
    let window = |field: &str, s: &str| {
        s.parse::<Window>()
            .map(|_| ())
            .map_err(|reason| Error::invalid(field, reason))
    };
    window("phone.hours", &form.phone.hours)?;
    for p in &form.phone.peaks {
        window("phone.peaks", p)?;
    }
    for c in &form.channels {
        c.parse::<Channel>()
            .map_err(|_| Error::invalid("channels", format!("unknown channel {c:?}")))?;
    }
    for (field, days) in [
        ("calendar.extra_holidays", &form.calendar.extra_holidays),
        ("calendar.extra_workdays", &form.calendar.extra_workdays),
    ] {
        for d in days {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                Error::invalid(field, format!("{d:?} is not a date like 2026-10-01"))
            })?;
        }
    }
    if !form.vip_threshold_cny.is_finite() || form.vip_threshold_cny < 0.0 {
        return Err(Error::invalid(
            "vip_threshold_cny",
            "must be an amount of 0 or more",
        ));
    }
    Ok(())
}

fn entry_of(row: &PlatformRow) -> Result<PlatformEntry> {
    Ok(PlatformEntry {
        id: Some(row.id.clone()),
        profile: form_of(&PlatformProfile::from_toml(&row.profile_toml)?)?,
        vip: row.vip,
        verified: row.verified,
    })
}

/// The built-in default profile (domain.md's defaults), the starting point of a new entry.
pub fn default_form() -> Result<ProfileForm> {
    form_of(&PlatformProfile::default())
}

pub fn list(store: &Store) -> Result<Vec<PlatformEntry>> {
    store.list_platforms()?.iter().map(entry_of).collect()
}

pub fn get(store: &Store, id: &str) -> Result<PlatformEntry> {
    entry_of(&store.get_platform(id)?)
}

/// Add (no id) or replace (with id) an entry.
pub fn save(call: &Call<'_>, entry: &PlatformEntry) -> Result<PlatformEntry> {
    let profile = profile_of(&entry.profile)?;
    let toml = profile.to_toml();
    let at = reachright_domain::record::stamp(call.now);
    let row = match &entry.id {
        Some(id) => {
            let row = PlatformRow {
                id: id.clone(),
                name: profile.name.clone(),
                profile_toml: toml,
                vip: entry.vip,
                verified: entry.verified,
                updated_at: at,
            };
            call.store.upsert_platform(&row)?;
            row
        }
        None => call
            .store
            .create_platform(&profile.name, &toml, entry.vip, entry.verified, &at)?,
    };
    entry_of(&row)
}

/// What the user has at hand for a platform, typed in one box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactAtHand {
    Web(String),
    Email(String),
    Phone(String),
    Qq(String),
    /// A pasted 企业微信/微信 QR picture, as a `data:image/…;base64,` URL.
    Picture(String),
}

/// Recognises a chat link, an e-mail address, a phone number (mobile `1xxxxxxxxxx`, `400`/`800`
/// lines, numbers with `-` or a `+`) or a QQ number (5–11 digits, or anything marked `QQ`).
pub fn recognise(contact: &str) -> Option<ContactAtHand> {
    let c = contact.trim();
    if c.starts_with("data:image/") {
        return Some(ContactAtHand::Picture(c.to_string()));
    }
    let lower = c.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(ContactAtHand::Web(c.to_string()));
    }
    if lower.starts_with("www.") && !c.contains(char::is_whitespace) {
        return Some(ContactAtHand::Web(format!("https://{c}")));
    }
    if c.contains('@') && !c.contains(char::is_whitespace) && c.split('@').all(|p| !p.is_empty()) {
        return Some(ContactAtHand::Email(c.to_string()));
    }
    let digits: String = c.chars().filter(char::is_ascii_digit).collect();
    if lower.contains("qq") {
        return reachright_core::profile::is_qq_number(&digits)
            .then_some(ContactAtHand::Qq(digits));
    }
    let phone_chars = c
        .chars()
        .all(|ch| ch.is_ascii_digit() || " -+()".contains(ch));
    if !phone_chars || digits.is_empty() {
        return None;
    }
    let mobile = digits.len() == 11 && digits.starts_with('1');
    let service_line =
        digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"));
    if mobile || service_line || c.contains('-') || c.starts_with('+') || digits.len() >= 12 {
        return Some(ContactAtHand::Phone(c.to_string()));
    }
    reachright_core::profile::is_qq_number(&digits).then_some(ContactAtHand::Qq(digits))
}

/// Adding a platform in one step: its name and whatever the user has (a chat link, an e-mail
/// address, a phone number, a QQ number or a pasted QR picture); the rest keeps the defaults and
/// can be edited later.
pub fn quick_add(call: &Call<'_>, name: &str, contact: &str) -> Result<PlatformEntry> {
    let mut form = default_form()?;
    form.name = name.trim().to_string();
    if !contact.trim().is_empty() {
        match recognise(contact) {
            Some(ContactAtHand::Web(url)) => form.links.chat_url = url,
            Some(ContactAtHand::Email(e)) => form.links.email = e,
            Some(ContactAtHand::Phone(p)) => form.phone.number = p,
            Some(ContactAtHand::Qq(q)) => form.links.qq = q,
            // Checked by the profile's own reader on save (type, size, the bytes' signature).
            Some(ContactAtHand::Picture(p)) => form.links.contact_qr = p,
            None => {
                return Err(Error::invalid(
                    "contact",
                    format!(
                    "{:?} is not a web address, an e-mail address, a phone number or a QQ number",
                    contact.trim()
                ),
                ))
            }
        }
    }
    save(
        call,
        &PlatformEntry {
            id: None,
            profile: form,
            vip: false,
            verified: false,
        },
    )
}

pub fn delete(store: &Store, id: &str) -> Result<()> {
    Ok(store.delete_platform(id)?)
}

/// Import a profile file (TOML) as a new entry.
pub fn import(call: &Call<'_>, toml: &str) -> Result<PlatformEntry> {
    let profile = PlatformProfile::from_toml(toml)?;
    profile.validate()?;
    save(
        call,
        &PlatformEntry {
            id: None,
            profile: form_of(&profile)?,
            vip: false,
            verified: false,
        },
    )
}

/// The entry's profile as TOML, to share or back up. The user's VIP/verification status is theirs,
/// not the platform's, so it is not part of the file.
pub fn export(store: &Store, id: &str) -> Result<String> {
    Ok(PlatformProfile::from_toml(&store.get_platform(id)?.profile_toml)?.to_toml())
}
