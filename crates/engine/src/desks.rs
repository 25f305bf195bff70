//! From the stored helpdesk rows (no secrets) and the keychain's tokens to live connectors, so
//! the shell and the CLI build the [`crate::Helpdesks`] map for [`crate::sync_once`] the same way.

use std::collections::HashMap;

use reachright_connectors::{AnyHelpdesk, HelpdeskConfig, HelpdeskKind};
use reachright_store::{HelpdeskRow, Store};

use crate::error::{Error, Result};
use crate::secrets;

/// The connector configuration of a stored helpdesk.
pub fn config_of(row: &HelpdeskRow) -> Result<HelpdeskConfig> {
    let Some(kind) = HelpdeskKind::parse(&row.kind) else {
        return Err(Error::invalid(
            "kind",
            format!("`{}` is not rt, zendesk or manual", row.kind),
        ));
    };
    Ok(HelpdeskConfig {
        kind,
        base_url: row.url.clone(),
        queue: row.queue.clone(),
        user_email: row.email.clone(),
    })
}

/// Whether this kind of helpdesk needs a token from the keychain.
pub fn needs_token(row: &HelpdeskRow) -> bool {
    row.kind != "manual"
}

/// One helpdesk's connector, with its token read from the keychain (the caller chose the
/// keychain with [`secrets::use_os_keychain`] first). `Ok(None)`: no token was saved for it;
/// `Err(TokenOrigin)`: the token was saved for another address, and is not sent.
pub fn connect(row: &HelpdeskRow) -> Result<Option<AnyHelpdesk>> {
    let token = if needs_token(row) {
        match secrets::token_for(&row.name, &row.url)? {
            Some(t) => Some(t),
            None => return Ok(None),
        }
    } else {
        None
    };
    Ok(Some(AnyHelpdesk::from_config(
        &config_of(row)?,
        token.as_deref(),
    )?))
}

/// The usable helpdesks by name, and the ones left out with why.
#[derive(Debug, Default)]
pub struct Connected {
    pub desks: HashMap<String, AnyHelpdesk>,
    /// No token in the keychain, or a config the connector refuses: [`crate::sync_once`] stops
    /// their tickets and tells the user once, as for refused credentials.
    pub unusable: Vec<(String, Error)>,
}

/// Every stored helpdesk's connector. A keychain that cannot be read at all is an error, so an
/// unreachable keychain never stops every ticket.
pub fn connect_all(store: &Store) -> Result<Connected> {
    let mut out = Connected::default();
    for row in store.helpdesks()? {
        match connect(&row) {
            Ok(Some(desk)) => {
                out.desks.insert(row.name.clone(), desk);
            }
            Ok(None) => out.unusable.push((
                row.name.clone(),
                Error::Keychain(format!(
                    "no token for helpdesk `{}` in the keychain",
                    row.name
                )),
            )),
            Err(e @ Error::Keychain(_)) => return Err(e),
            Err(e) => out.unusable.push((row.name.clone(), e)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str) -> HelpdeskRow {
        HelpdeskRow {
            name: format!("desk-{kind}"),
            kind: kind.into(),
            url: "http://127.0.0.1:9".into(),
            queue: Some("General".into()),
            email: Some("me@example.com".into()),
            created_at: "2026-11-20T01:00:00Z".into(),
        }
    }

    #[test]
    fn config_maps_every_kind() {
        assert_eq!(config_of(&row("rt")).expect("rt").kind, HelpdeskKind::Rt);
        assert_eq!(
            config_of(&row("zendesk")).expect("zd").queue.as_deref(),
            Some("General")
        );
        assert!(!needs_token(&row("manual")));
        assert!(config_of(&row("jira")).is_err());
        // A manual helpdesk needs no keychain at all.
        assert!(matches!(
            connect(&row("manual")),
            Ok(Some(AnyHelpdesk::Manual(_)))
        ));
    }
}
