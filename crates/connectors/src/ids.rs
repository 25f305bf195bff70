//! Small helpers shared by the backends: ticket ids, base URLs, and JSON ids that servers send
//! as numbers or as strings (RT 5.0.3 sends both for the same field, depending on the endpoint).

use reqwest::Url;
use serde::Deserialize;

use crate::{Error, Result};

/// A JSON id given as `12` or `"12"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum JsonId {
    Num(u64),
    Str(String),
}

impl JsonId {
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            JsonId::Num(n) => Some(*n),
            JsonId::Str(s) => s.trim().parse().ok(),
        }
    }
}

/// Ticket ids on both helpdesks are positive integers; checking keeps a stored id from ever
/// turning into another path ("1/../../admin").
pub(crate) fn numeric_id(id: &str) -> Result<u64> {
    match id.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(Error::Invalid {
            field: "id",
            reason: format!("{id:?} is not a ticket number"),
        }),
    }
}

/// The helpdesk's root URL, with a trailing slash so `join` appends instead of replacing.
pub(crate) fn base_url(raw: &str) -> Result<Url> {
    let invalid = |reason: &str| Error::Invalid {
        field: "base_url",
        reason: reason.to_string(),
    };
    let trimmed = raw.trim();
    let with_slash = if trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    };
    let url = Url::parse(&with_slash).map_err(|e| invalid(&format!("{e}")))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(invalid(
            "must start with https:// (or http:// for a local server)",
        ));
    }
    if url.host_str().is_none() {
        return Err(invalid("has no host"));
    }
    if url.scheme() == "http" && !is_loopback(&url) {
        // The token goes in a header on every request: never in cleartext over a network.
        return Err(invalid(
            "must start with https:// (http:// only for 127.0.0.1, ::1 or localhost)",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Credentials belong in the keychain, never in a stored URL.
        return Err(invalid("must not contain a user name or password"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("must not have a query or fragment"));
    }
    Ok(url)
}

/// The origin (scheme, host, port) of a helpdesk address, e.g. `https://rt.example.com:443`
/// spelled as the browser does (`https://rt.example.com`). A saved token is bound to it.
pub fn origin_of(raw: &str) -> Result<String> {
    Ok(base_url(raw)?.origin().ascii_serialization())
}

/// 127.0.0.0/8, ::1 or `localhost`: the only hosts plain http:// is allowed for.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

pub(crate) fn join(base: &Url, path: &str) -> Result<Url> {
    base.join(path).map_err(|e| Error::Invalid {
        field: "base_url",
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_positive_numbers() {
        assert_eq!(numeric_id("42"), Ok(42));
        assert_eq!(numeric_id(" 7 "), Ok(7));
        for bad in ["", "0", "-1", "1/../2", "abc", "１２"] {
            assert_eq!(
                numeric_id(bad).map_err(|e| e.code()),
                Err("invalid"),
                "{bad}"
            );
        }
    }

    #[test]
    fn base_urls_are_checked_and_end_with_a_slash() {
        let u = base_url("https://rt.example.com/rt").expect("url");
        assert_eq!(
            join(&u, "REST/2.0/ticket").expect("join").as_str(),
            "https://rt.example.com/rt/REST/2.0/ticket"
        );
        assert_eq!(
            base_url("http://127.0.0.1:8080/").expect("url").as_str(),
            "http://127.0.0.1:8080/"
        );
        for bad in [
            "",
            "rt.example.com",
            "ftp://x",
            "https://u:p@x",
            "https://x/?a=1",
            "file:///etc",
        ] {
            assert_eq!(base_url(bad).map_err(|e| e.code()), Err("invalid"), "{bad}");
        }
    }

    #[test]
    fn plain_http_only_for_loopback_hosts() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://[::1]:9/rt",
            "http://localhost/rt",
            "http://LOCALHOST:80",
            "http://127.0.0.2",
        ] {
            assert!(base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://rt.example.com",
            "http://192.168.1.5:8080",
            "http://localhost.evil.com",
            "http://[::2]/",
            "http://10.0.0.1",
        ] {
            assert_eq!(base_url(bad).map_err(|e| e.code()), Err("invalid"), "{bad}");
        }
        assert!(base_url("https://192.168.1.5:8443").is_ok());
    }

    #[test]
    fn json_ids_of_both_kinds() {
        let ids: Vec<JsonId> = serde_json::from_str(r#"[12, "13", "x"]"#).expect("json");
        assert_eq!(
            ids.iter().map(JsonId::as_u64).collect::<Vec<_>>(),
            vec![Some(12), Some(13), None]
        );
    }
}
