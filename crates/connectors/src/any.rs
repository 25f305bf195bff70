//! One value for "the helpdesk of this platform", built from stored config plus a token the
//! caller took from the keychain, so the tracker and the CLI never match on the backend.

use serde::{Deserialize, Serialize};

use crate::http::{HttpOptions, Secret};
use crate::manual::Manual;
use crate::rt::{Rt, RtConfig};
use crate::zendesk::{Zendesk, ZendeskAuth};
use crate::{Attempt, Created, Cursor, Error, Helpdesk, NewTicket, Poll, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum HelpdeskKind {
    Rt,
    Zendesk,
    Manual,
}

impl HelpdeskKind {
    pub const ALL: [HelpdeskKind; 3] = [
        HelpdeskKind::Rt,
        HelpdeskKind::Zendesk,
        HelpdeskKind::Manual,
    ];

    /// The stored code (the schema allows only these).
    pub fn code(self) -> &'static str {
        match self {
            HelpdeskKind::Rt => "rt",
            HelpdeskKind::Zendesk => "zendesk",
            HelpdeskKind::Manual => "manual",
        }
    }

    pub fn parse(code: &str) -> Option<HelpdeskKind> {
        HelpdeskKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What is stored about a helpdesk (no secrets: the token lives in the keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpdeskConfig {
    pub kind: HelpdeskKind,
    /// The helpdesk's web root; unused (may be empty) for manual.
    #[serde(default)]
    pub base_url: String,
    /// RT: the queue new tickets go to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// RT: the customer's e-mail (the `Requestor`). Zendesk: with it the token is an API token
    /// (`{email}/token:{token}`), without it an OAuth access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
}

/// A helpdesk of any kind; implements [`Helpdesk`] by delegation.
#[derive(Debug, Clone)]
pub enum AnyHelpdesk {
    Rt(Rt),
    Zendesk(Zendesk),
    Manual(Manual),
}

impl AnyHelpdesk {
    /// Builds the backend with the default HTTP policy. `token` is required for RT and Zendesk.
    pub fn from_config(config: &HelpdeskConfig, token: Option<&str>) -> Result<AnyHelpdesk> {
        AnyHelpdesk::from_config_with(config, token, HttpOptions::default())
    }

    /// As [`AnyHelpdesk::from_config`], with explicit timeouts/retries (tests, the CLI).
    pub fn from_config_with(
        config: &HelpdeskConfig,
        token: Option<&str>,
        options: HttpOptions,
    ) -> Result<AnyHelpdesk> {
        let token = || {
            token
                .filter(|t| !t.trim().is_empty())
                .map(Secret::new)
                .ok_or(Error::Invalid {
                    field: "token",
                    reason: "this helpdesk needs a token from the keychain".into(),
                })
        };
        let email = config.user_email.clone().filter(|e| !e.trim().is_empty());
        match config.kind {
            HelpdeskKind::Rt => {
                let queue = config
                    .queue
                    .clone()
                    .filter(|q| !q.trim().is_empty())
                    .ok_or(Error::Invalid {
                        field: "queue",
                        reason: "RT needs a queue name".into(),
                    })?;
                let rt = RtConfig {
                    base_url: config.base_url.clone(),
                    queue,
                    requestor: email,
                };
                Ok(AnyHelpdesk::Rt(Rt::new(rt, &token()?, options)?))
            }
            HelpdeskKind::Zendesk => {
                let auth = match email {
                    Some(email) => ZendeskAuth::ApiToken {
                        email,
                        token: token()?,
                    },
                    None => ZendeskAuth::OAuth(token()?),
                };
                Ok(AnyHelpdesk::Zendesk(Zendesk::new(
                    &config.base_url,
                    &auth,
                    options,
                )?))
            }
            HelpdeskKind::Manual => Ok(AnyHelpdesk::Manual(Manual::new())),
        }
    }

    pub fn kind(&self) -> HelpdeskKind {
        match self {
            AnyHelpdesk::Rt(_) => HelpdeskKind::Rt,
            AnyHelpdesk::Zendesk(_) => HelpdeskKind::Zendesk,
            AnyHelpdesk::Manual(_) => HelpdeskKind::Manual,
        }
    }
}

impl Helpdesk for AnyHelpdesk {
    async fn create_ticket(&self, ticket: &NewTicket) -> Result<Created> {
        match self {
            AnyHelpdesk::Rt(h) => h.create_ticket(ticket).await,
            AnyHelpdesk::Zendesk(h) => h.create_ticket(ticket).await,
            AnyHelpdesk::Manual(h) => h.create_ticket(ticket).await,
        }
    }

    async fn create_ticket_once(&self, ticket: &NewTicket, attempt: &Attempt) -> Result<Created> {
        match self {
            AnyHelpdesk::Rt(h) => h.create_ticket_once(ticket, attempt).await,
            AnyHelpdesk::Zendesk(h) => h.create_ticket_once(ticket, attempt).await,
            AnyHelpdesk::Manual(h) => h.create_ticket_once(ticket, attempt).await,
        }
    }

    async fn poll(&self, id: &str, cursor: &Cursor) -> Result<Poll> {
        match self {
            AnyHelpdesk::Rt(h) => h.poll(id, cursor).await,
            AnyHelpdesk::Zendesk(h) => h.poll(id, cursor).await,
            AnyHelpdesk::Manual(h) => h.poll(id, cursor).await,
        }
    }

    async fn reply(&self, id: &str, text: &str) -> Result<()> {
        match self {
            AnyHelpdesk::Rt(h) => h.reply(id, text).await,
            AnyHelpdesk::Zendesk(h) => h.reply(id, text).await,
            AnyHelpdesk::Manual(h) => h.reply(id, text).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(json: &str) -> HelpdeskConfig {
        serde_json::from_str(json).expect("config")
    }

    #[test]
    fn config_round_trips_and_builds_each_kind() {
        let rt = cfg(
            r#"{"kind":"rt","base_url":"http://127.0.0.1:8080","queue":"General","user_email":"me@example.com"}"#,
        );
        assert_eq!(
            serde_json::from_str::<HelpdeskConfig>(&serde_json::to_string(&rt).expect("ser"))
                .expect("de"),
            rt
        );
        assert_eq!(
            AnyHelpdesk::from_config(&rt, Some("1-2-x"))
                .expect("rt")
                .kind(),
            HelpdeskKind::Rt
        );

        let zd = cfg(r#"{"kind":"zendesk","base_url":"https://acme.zendesk.com"}"#);
        assert_eq!(
            AnyHelpdesk::from_config(&zd, Some("oauth"))
                .expect("zd")
                .kind(),
            HelpdeskKind::Zendesk
        );

        let manual = cfg(r#"{"kind":"manual"}"#);
        assert_eq!(
            AnyHelpdesk::from_config(&manual, None)
                .expect("manual")
                .kind(),
            HelpdeskKind::Manual
        );
    }

    #[test]
    fn missing_pieces_are_invalid_with_the_field_named() {
        let field = |c: &HelpdeskConfig, t: Option<&str>| match AnyHelpdesk::from_config(c, t) {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected invalid, got {other:?}"),
        };
        let rt = cfg(r#"{"kind":"rt","base_url":"http://127.0.0.1:8080","queue":"General"}"#);
        assert_eq!(field(&rt, None), "token");
        assert_eq!(field(&rt, Some("  ")), "token");
        let no_queue = cfg(r#"{"kind":"rt","base_url":"http://127.0.0.1:8080"}"#);
        assert_eq!(field(&no_queue, Some("t")), "queue");
        let bad_url = cfg(r#"{"kind":"zendesk","base_url":"acme"}"#);
        assert_eq!(field(&bad_url, Some("t")), "base_url");
        assert!(serde_json::from_str::<HelpdeskConfig>(r#"{"kind":"jira"}"#).is_err());
    }
}
