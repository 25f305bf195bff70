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
