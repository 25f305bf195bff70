//! The mailboxes our users have, with the servers their providers document, and what password
//! each wants (a 授权码 or an app password, never the login password). Facts from
//! `shared/design/mail-notes.md`.

use serde::Serialize;

use crate::account::Security;
use crate::error::{Error, Result};

/// One provider's servers and the words that explain its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preset {
    /// A stable id (`qq`, `163`, `126`, `gmail`).
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The address domains that pick this preset.
    pub domains: &'static [&'static str],
    pub imap_host: &'static str,
    pub imap_port: u16,
    pub smtp_host: &'static str,
    pub smtp_port: u16,
    pub security: Security,
    /// The server files what we send in the Sent folder itself (Gmail): no IMAP APPEND then,
    /// or the user would see every e-mail twice.
    pub server_keeps_sent: bool,
    pub password_help_zh: &'static str,
    pub password_help_en: &'static str,
}

const NETEASE_HELP_ZH: &str = "网易邮箱要用“客户端授权码”，不是登录密码：在网页版邮箱的“设置 → POP3/SMTP/IMAP”里开启 IMAP/SMTP 服务，按提示验证手机后会得到授权码，把它填在这里。";
const NETEASE_HELP_EN: &str = "NetEase mail needs its client authorization code (授权码), not your login password: in the web mailbox open Settings → POP3/SMTP/IMAP, switch IMAP/SMTP on, verify by SMS, and enter the code you get here.";

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "qq",
        name_zh: "QQ邮箱",
        name_en: "QQ Mail",
        domains: &["qq.com", "foxmail.com", "vip.qq.com"],
        imap_host: "imap.qq.com",
        imap_port: 993,
        smtp_host: "smtp.qq.com",
        smtp_port: 465,
        security: Security::Tls,
        server_keeps_sent: false,
        password_help_zh: "QQ邮箱要用 16 位“授权码”，不是 QQ 密码：在网页版 QQ 邮箱的“设置 → 账号”里开启 IMAP/SMTP 服务，发短信验证后会显示授权码，把它填在这里。改了 QQ 密码后授权码会失效，需要重新生成。",
        password_help_en: "QQ Mail needs its 16-character authorization code (授权码), not your QQ password: in the web mailbox open Settings → Account, switch on the IMAP/SMTP service, confirm by SMS, and enter the code shown here. Changing your QQ password invalidates the code.",
    },
    Preset {
        id: "163",
        name_zh: "网易163邮箱",
        name_en: "NetEase 163 Mail",
        domains: &["163.com"],
        imap_host: "imap.163.com",
        imap_port: 993,
        smtp_host: "smtp.163.com",
        smtp_port: 465,
        security: Security::Tls,
        server_keeps_sent: false,
        password_help_zh: NETEASE_HELP_ZH,
        password_help_en: NETEASE_HELP_EN,
    },
    Preset {
        id: "126",
        name_zh: "网易126邮箱",
        name_en: "NetEase 126 Mail",
        domains: &["126.com"],
        imap_host: "imap.126.com",
        imap_port: 993,
        smtp_host: "smtp.126.com",
        smtp_port: 465,
        security: Security::Tls,
        server_keeps_sent: false,
        password_help_zh: NETEASE_HELP_ZH,
        password_help_en: NETEASE_HELP_EN,
    },
    Preset {
        id: "gmail",
        name_zh: "Gmail",
        name_en: "Gmail",
        domains: &["gmail.com", "googlemail.com"],
        imap_host: "imap.gmail.com",
        imap_port: 993,
        smtp_host: "smtp.gmail.com",
        smtp_port: 465,
        security: Security::Tls,
        server_keeps_sent: true,
        password_help_zh: "Gmail 要用“应用专用密码”，不是 Google 账号密码：先在 Google 账号里开启两步验证，再在“安全性 → 应用专用密码”里生成一个 16 位密码，把它填在这里。",
        password_help_en: "Gmail needs an app password, not your Google password: turn on 2-Step Verification in your Google Account, then create an app password under Security → App passwords and enter its 16 characters here.",
    },
];

/// Microsoft's personal mailbox domains (OAuth only since 16 September 2024).
const MICROSOFT_PERSONAL: &[&str] = &["outlook.com", "hotmail.com", "live.com", "msn.com"];

/// The domain of an address, lower-cased; an error naming what is wrong with it.
pub fn domain_of(email: &str) -> Result<String> {
    let email = email.trim();
    let (local, domain) = email
        .rsplit_once('@')
        .ok_or_else(|| Error::invalid("email", "an e-mail address needs an @"))?;
    if local.is_empty() || domain.is_empty() || !domain.contains('.') {
        return Err(Error::invalid(
            "email",
            format!("{email:?} is not an e-mail address"),
        ));
    }
    if email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        return Err(Error::invalid(
            "email",
            "an e-mail address cannot contain spaces or <>",
        ));
    }
    Ok(domain.to_ascii_lowercase())
}

/// The address checked: well-formed and not a mailbox that only takes OAuth. Regional
/// variants (`hotmail.co.uk`, `outlook.jp`, `live.cn`) are Microsoft's too.
pub fn check_address(email: &str) -> Result<()> {
    let domain = domain_of(email)?;
    let microsoft = MICROSOFT_PERSONAL.iter().any(|d| domain == *d)
        || ["outlook.", "hotmail.", "live."]
            .iter()
            .any(|p| domain.starts_with(p));
    if microsoft {
        return Err(Error::OAuthOnly { domain });
    }
    Ok(())
}

/// The preset for an address's domain, if we know the provider.
pub fn for_address(email: &str) -> Option<&'static Preset> {
    let domain = domain_of(email).ok()?;
    PRESETS
        .iter()
        .find(|p| p.domains.contains(&domain.as_str()))
}

/// A preset by its id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_servers() {
        let qq = for_address("someone@qq.com").expect("qq");
        assert_eq!((qq.imap_host, qq.imap_port), ("imap.qq.com", 993));
        assert_eq!((qq.smtp_host, qq.smtp_port), ("smtp.qq.com", 465));
        assert_eq!(
            for_address("a@163.com").map(|p| p.smtp_host),
            Some("smtp.163.com")
        );
        assert_eq!(
            for_address("a@126.com").map(|p| p.imap_host),
            Some("imap.126.com")
        );
        assert_eq!(for_address("A@Gmail.COM").map(|p| p.id), Some("gmail"));
        assert!(for_address("a@example.org").is_none());
        for p in PRESETS {
            assert_eq!(p.security, Security::Tls, "{}", p.id);
            assert!(
                p.password_help_zh.contains("授权码")
                    || p.password_help_zh.contains("应用专用密码")
            );
            assert!(p.password_help_en.contains("not your"));
        }
    }

    #[test]
    fn microsoft_personal_mailboxes_are_refused_plainly() {
        for a in [
            "x@outlook.com",
            "x@Hotmail.com",
            "x@live.com",
            "x@msn.com",
            "x@hotmail.co.uk",
            "x@live.cn",
        ] {
            let e = check_address(a).expect_err(a);
            assert_eq!(e.code(), "mail_oauth_only", "{a}");
            assert!(e.to_string().contains("September 2024"), "{e}");
        }
        assert!(check_address("x@qq.com").is_ok());
        // Not Microsoft: a domain that merely contains the word.
        assert!(check_address("x@myoutlook.cn").is_ok());
    }

    #[test]
    fn bad_addresses_say_what_is_wrong() {
        assert_eq!(
            check_address("qq.com").expect_err("no @").field(),
            Some("email")
        );
        assert!(check_address("a@b").is_err());
        assert!(check_address("a b@qq.com").is_err());
        assert!(check_address("@qq.com").is_err());
    }
}
