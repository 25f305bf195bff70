//! A stored case read back: its form, its platform's profile and the user's standing there, its
//! contact history — everything a triage of it needs. The app's pages and the background engine
//! both read cases through here, so a case means the same thing to both.

use chrono::{DateTime, FixedOffset};
use reachright_core::compose::{compose, ComposeInput, ComposeKind};
use reachright_core::scenario::{ContactAttempt, Customer};
use reachright_core::triage::{triage_with, Triage};
use reachright_core::{Lang, PlatformProfile};
use reachright_store::{CaseRow, ContactRow, Store};

use crate::error::{Error, Result};
use crate::intake::{scenario_of, Context, Intake};
use crate::settings;
use crate::status::Status;

/// The case's form. Its platform is the row's column, not the copy inside the JSON: deleting a
/// platform clears the column (ON DELETE SET NULL), and the case then goes on with the default.
pub fn read_intake(row: &CaseRow) -> Result<Intake> {
    let mut intake: Intake = serde_json::from_str(&row.intake_json)
        .map_err(|e| Error::invalid("intake", e.to_string()))?;
    intake.platform_id.clone_from(&row.platform_id);
    Ok(intake)
}

/// A stored contact as the engine counts it; rows with codes this version does not know are left
/// out rather than failing the case.
pub fn attempt_of(c: &ContactRow) -> Option<ContactAttempt> {
    Some(ContactAttempt {
        channel: c.channel.parse().ok()?,
        at: DateTime::parse_from_rfc3339(&c.at).ok()?,
        outcome: c.outcome.parse().ok()?,
    })
}

/// The case's contact history, oldest first as stored.
pub fn history(store: &Store, case_id: &str) -> Result<Vec<ContactAttempt>> {
    Ok(store
        .contacts(case_id)?
        .iter()
        .filter_map(attempt_of)
        .collect())
}

/// The platform (from the directory, else the built-in default), the user's standing there, the
/// history and the user's contact details.
pub fn context(store: &Store, intake: &Intake, history: &[ContactAttempt]) -> Result<Context> {
    let (profile, customer) = platform(store, intake.platform_id.as_deref())?;
    Ok(Context {
        profile,
        customer,
        history: history.to_vec(),
        ..Context::default()
    }
    .with_contact(settings::contact(store)?))
}

/// A platform's profile and the user's standing there; the default for none or a deleted one.
pub fn platform(store: &Store, id: Option<&str>) -> Result<(PlatformProfile, Customer)> {
    let Some(id) = id else {
        return Ok(Default::default());
    };
    match store.get_platform(id) {
        Ok(p) => Ok((
            PlatformProfile::from_toml(&p.profile_toml)?,
            Customer {
                vip: p.vip,
                verified: p.verified,
            },
        )),
        // A platform deleted from the directory: the case goes on with the default profile.
        Err(reachright_store::Error::NotFound { .. }) => Ok(Default::default()),
        Err(e) => Err(e.into()),
    }
}

/// Triage a form in its context at `now`.
pub fn triage_form(
    intake: &Intake,
    ctx: &Context,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<Triage> {
    Ok(triage_with(
        &scenario_of(intake, ctx)?,
        &ctx.profile,
        now,
        lang,
    )?)
}

/// A stored case with what the rules need: its row, its form and its context (with history).
pub struct StoredCase {
    pub row: CaseRow,
    pub intake: Intake,
    pub ctx: Context,
}

impl StoredCase {
    /// The case as the app shows it: a form this version cannot read is an error.
    pub fn load(store: &Store, case_id: &str) -> Result<StoredCase> {
        let row = store.get_case(case_id)?;
        let intake = read_intake(&row)?;
        let ctx = context(store, &intake, &history(store, case_id)?)?;
        Ok(StoredCase { row, intake, ctx })
    }

    /// The case as the background rules read it: a form this version cannot read still gets the
    /// default rules of its platform, so an alarm is never lost to a parse error. No history.
    pub fn for_rules(store: &Store, row: CaseRow) -> Result<StoredCase> {
        let intake = read_intake(&row).unwrap_or_else(|_| Intake {
            platform_id: row.platform_id.clone(),
            ..Intake::default()
        });
        let ctx = context(store, &intake, &[])?;
        Ok(StoredCase { row, intake, ctx })
    }

    pub fn profile(&self) -> &PlatformProfile {
        &self.ctx.profile
    }

    /// The platform's time zone (Beijing time unless the profile says otherwise).
    pub fn tz(&self) -> reachright_tz::Tz {
        self.ctx.profile.tz()
    }

    /// Whether the app still has work to suggest for the case.
    pub fn is_active(&self) -> bool {
        Status::parse(&self.row.status).is_some_and(Status::is_active)
    }

    pub fn triage(&self, now: DateTime<FixedOffset>, lang: Lang) -> Result<Triage> {
        triage_form(&self.intake, &self.ctx, now, lang)
    }

    /// The ticket this case would send at `now`: domain.md's subject and the composer's text, in
    /// the writing `send` (see [`crate::sent`]).
    pub fn ticket(
        &self,
        now: DateTime<FixedOffset>,
        lang: Lang,
        send: Lang,
    ) -> Result<(String, String)> {
        self.for_platform(ComposeKind::Ticket, now, lang, send)
    }

    /// The e-mail this case would send at `now`: domain.md's subject and the composer's e-mail
    /// text (the user's contact details at its end), in the writing `send`.
    pub fn email(
        &self,
        now: DateTime<FixedOffset>,
        lang: Lang,
        send: Lang,
    ) -> Result<(String, String)> {
        self.for_platform(ComposeKind::Email, now, lang, send)
    }

    /// Subject and text of `kind` as sent to the platform: one path for the ticket and the
    /// e-mail, so both follow the `send_lang` setting alike.
    fn for_platform(
        &self,
        kind: ComposeKind,
        now: DateTime<FixedOffset>,
        lang: Lang,
        send: Lang,
    ) -> Result<(String, String)> {
        let t = self.triage(now, lang)?;
        let text = compose(
            kind,
            &ComposeInput {
                case: &t.case,
                result: &t.result,
                profile: &t.profile,
                now: t.now,
                lang,
            },
        );
        let subject = text.subject.unwrap_or_else(|| t.result.subject.clone());
        let sent = |s: &str| crate::sent::for_platform(s, &t.case, &t.profile.name, send);
        Ok((sent(&subject), sent(&text.body)))
    }
}
