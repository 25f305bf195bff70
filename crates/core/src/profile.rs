//! Platform profiles: which channels a platform offers, its hours, peaks, thresholds and time rules.
//!
//! The format is TOML (see `profiles/default.toml`, which is also the built-in default). Every key is
//! optional, so a profile states only what differs from the default. The same shape is accepted as a
//! JSON object in a triage scenario's `platform` field. Unknown keys are refused, so a typo such as
//! `vip_treshold_cny` is reported by name instead of being silently ignored.

use chrono::{NaiveDate, NaiveTime};
use reachright_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::taxonomy::Channel;

/// The built-in default profile (domain.md's defaults), kept as the documented example file.
pub const DEFAULT_PROFILE_TOML: &str = include_str!("../profiles/default.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlatformProfile {
    pub name: String,
    #[serde(alias = "time_zone", alias = "tz")]
    pub timezone: String,
    pub channels: Vec<Channel>,
    #[serde(alias = "vip_threshold")]
    pub vip_threshold_cny: Money,
    pub vip_callback_minutes: u32,
    pub vip_response_hours: u32,
    #[serde(alias = "ticket_sla_days", alias = "sla_business_days")]
    pub ticket_sla_business_days: u32,
    pub recharge_window_hours: u32,
    pub recharge_urgent_hours: u32,
    pub phone: PhoneProfile,
    pub links: Links,
    pub calendar: CalendarProfile,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PhoneProfile {
    pub number: String,
    pub hours: Window,
    pub business_days_only: bool,
    #[serde(alias = "peak_windows")]
    pub peaks: Vec<Window>,
    pub callback_service: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Links {
    pub chat_url: String,
    pub ticket_url: String,
    pub email: String,
    pub vip_contact: String,
    /// The platform's customer-service QQ number: online chat opens through QQ's web link.
    pub qq: String,
    /// A 企业微信/微信 QR code of the platform's service account, as a `data:image/…;base64,` URL,
    /// shown large for the phone to scan (exported with the profile, so it can be shared).
    pub contact_qr: String,
}

impl Links {
    /// Where online chat opens: the platform's chat page, else a chat with its QQ number through
    /// QQ's documented web link (`wpa.qq.com/msgrd`).
    pub fn chat(&self) -> Option<String> {
        let url = self.chat_url.trim();
        if !url.is_empty() {
            return Some(url.to_string());
        }
        let qq = self.qq.trim();
        (!qq.is_empty()).then(|| format!("https://wpa.qq.com/msgrd?v=3&uin={qq}&site=qq&menu=yes"))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarProfile {
    pub extra_holidays: Vec<NaiveDate>,
    pub extra_workdays: Vec<NaiveDate>,
}

/// A half-open daily window `[start, end)`, written `"09:00-18:00"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Window {
    pub fn new(start: NaiveTime, end: NaiveTime) -> Self {
        Window { start, end }
    }

    pub fn contains(&self, t: NaiveTime) -> bool {
        self.start <= t && t < self.end
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

impl std::str::FromStr for Window {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| format!("{s:?} is not a window like \"09:00-18:00\""))?;
        let parse = |t: &str| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map_err(|_| format!("{t:?} is not a time like \"09:00\""))
        };
        let (start, end) = (parse(a)?, parse(b)?);
        if start >= end {
            return Err(format!("{s:?} must start before it ends"));
        }
        Ok(Window { start, end })
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl Default for PhoneProfile {
    fn default() -> Self {
        PhoneProfile {
            number: String::new(),
            hours: Window::new(hm(9, 0), hm(18, 0)),
            business_days_only: true,
            peaks: vec![
                Window::new(hm(9, 0), hm(10, 0)),
                Window::new(hm(19, 0), hm(21, 0)),
            ],
            callback_service: true,
        }
    }
}

impl Default for PlatformProfile {
    fn default() -> Self {
        PlatformProfile {
            name: "默认卡盟平台".into(),
            timezone: "Asia/Shanghai".into(),
            channels: vec![
                Channel::OnlineChat,
                Channel::VipExclusive,
                Channel::Phone,
                Channel::Ticket,
                Channel::Email,
            ],
            vip_threshold_cny: Money::from_yuan(500),
            vip_callback_minutes: 10,
            vip_response_hours: 2,
            ticket_sla_business_days: 3,
            recharge_window_hours: 24,
            recharge_urgent_hours: 6,
            phone: PhoneProfile::default(),
            links: Links::default(),
            calendar: CalendarProfile::default(),
        }
    }
}

impl PlatformProfile {
    /// Read a profile from TOML and validate it.
    pub fn from_toml(text: &str) -> Result<Self> {
        let p: PlatformProfile = toml::from_str(text).map_err(|e| Error::Profile(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    /// Read a profile from a JSON value (a scenario's `platform` field) and validate it.
    pub fn from_json(value: &serde_json::Value) -> Result<Self> {
        let p: PlatformProfile = serde_json::from_value(value.clone())
            .map_err(|e| Error::field("platform", e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    pub fn offers(&self, channel: Channel) -> bool {
        // The third-party complaint is a public route, not the platform's: it is always available.
        channel == Channel::ThirdPartyComplaint || self.channels.contains(&channel)
    }

    /// The profile's time zone, already checked by [`PlatformProfile::validate`].
    pub fn tz(&self) -> Tz {
        self.timezone.parse().unwrap_or(reachright_tz::Tz::SHANGHAI)
    }

    /// Check every field a parser cannot: names the offending field in the error.
    pub fn validate(&self) -> Result<()> {
        let field =
            |name: &str, reason: String| Err(Error::field(format!("platform.{name}"), reason));
        if self.timezone.parse::<Tz>().is_err() {
            return field(
                "timezone",
                format!(
                    "{:?} is not an IANA time zone such as \"Asia/Shanghai\"",
                    self.timezone
                ),
            );
        }
        if self.channels.is_empty() {
            return field(
                "channels",
                "a platform must offer at least one channel".into(),
            );
        }
        if self.ticket_sla_business_days == 0 || self.ticket_sla_business_days > 60 {
            return field(
                "ticket_sla_business_days",
                format!("{} is outside 1..=60", self.ticket_sla_business_days),
            );
        }
        if self.recharge_window_hours == 0 || self.recharge_window_hours > 24 * 60 {
            return field(
                "recharge_window_hours",
                format!("{} is outside 1..=1440", self.recharge_window_hours),
            );
        }
        if self.recharge_urgent_hours > self.recharge_window_hours {
            return field(
                "recharge_urgent_hours",
                "must not exceed recharge_window_hours".into(),
            );
        }
        if self.vip_callback_minutes > 24 * 60 {
            return field(
                "vip_callback_minutes",
                format!("{} is more than a day", self.vip_callback_minutes),
            );
        }
        if self.vip_response_hours > 24 * 30 {
            return field(
                "vip_response_hours",
                format!("{} is more than a month", self.vip_response_hours),
            );
        }
        for (name, url) in [
            ("links.chat_url", &self.links.chat_url),
            ("links.ticket_url", &self.links.ticket_url),
        ] {
            if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
                return field(name, format!("{url:?} must be an http(s) address"));
            }
        }
        if let Err(reason) = check_picture_url(&self.links.contact_qr) {
            return field("links.contact_qr", reason);
        }
        let qq = self.links.qq.trim();
        if !qq.is_empty() && !is_qq_number(qq) {
            return field(
                "links.qq",
                format!("{qq:?} is not a QQ number (5 to 11 digits)"),
            );
        }
        let email = &self.links.email;
        if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
            return field("links.email", format!("{email:?} is not an e-mail address"));
        }
        if self
            .phone
            .number
            .chars()
            .any(|c| !(c.is_ascii_digit() || " -+()".contains(c)))
        {
            return field(
                "phone.number",
                format!(
                    "{:?} may hold only digits, spaces and - + ( )",
                    self.phone.number
                ),
            );
        }
        Ok(())
    }
}

/// A QQ number: 5 to 11 digits, not starting with 0.
pub fn is_qq_number(s: &str) -> bool {
    (5..=11).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

/// The largest contact picture kept in a profile (base64 characters, about 1 MB of image).
pub const MAX_PICTURE_CHARS: usize = 1_400_000;

/// A contact picture: empty, or a PNG, JPEG or WebP as a base64 `data:` URL whose bytes begin as
/// the media type says.
pub fn check_picture_url(url: &str) -> std::result::Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    let Some((head, data)) = url.split_once(";base64,") else {
        return Err("must be a picture pasted into the app (a base64 data: URL)".into());
    };
    let magic: &[u8] = match head {
        "data:image/png" => b"\x89PNG\r\n\x1a\n",
        "data:image/jpeg" => b"\xff\xd8\xff",
        "data:image/webp" => b"RIFF",
        other => return Err(format!("{other} is not a PNG, JPEG or WebP picture")),
    };
    if data.len() > MAX_PICTURE_CHARS {
        return Err(format!(
            "the picture is over {} KB",
            MAX_PICTURE_CHARS * 3 / 4 / 1024
        ));
    }
    // Decoded, not pattern-matched: the fuzzer found base64 that looked right (an `=` inside,
    // stray bits in the last symbol) and failed only where the picture was shown.
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| "the data is not valid base64".to_string())?;
    if !bytes.starts_with(magic) {
        return Err("the data is not the picture its type says".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_file_is_the_default() {
        let parsed = PlatformProfile::from_toml(DEFAULT_PROFILE_TOML).unwrap();
        assert_eq!(parsed, PlatformProfile::default());
    }

    #[test]
    fn partial_profile_keeps_defaults() {
        let p = PlatformProfile::from_toml(
            "vip_threshold_cny = 1000\n[phone]\nhours = \"08:00-22:00\"\n",
        )
        .unwrap();
        assert_eq!(p.vip_threshold_cny, Money::from_yuan(1000));
        assert_eq!(p.phone.hours.to_string(), "08:00-22:00");
        assert_eq!(p.phone.peaks.len(), 2);
        assert_eq!(p.ticket_sla_business_days, 3);
    }

    #[test]
    fn round_trips_through_toml() {
        let p = PlatformProfile {
            name: "测试".into(),
            ..Default::default()
        };
        assert_eq!(PlatformProfile::from_toml(&p.to_toml()).unwrap(), p);
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            ("vip_treshold_cny = 5", "vip_treshold_cny"),
            ("timezone = \"Mars/Olympus\"", "timezone"),
            ("channels = [\"fax\"]", "fax"),
            ("[phone]\nhours = \"18:00-09:00\"", "hours"),
            ("[phone]\npeaks = [\"9点-10点\"]", "peaks"),
            ("ticket_sla_business_days = 0", "ticket_sla_business_days"),
            ("channels = []", "channels"),
            ("[links]\nchat_url = \"javascript:alert(1)\"", "chat_url"),
            (
                "[calendar]\nextra_holidays = [\"2026-02-30\"]",
                "extra_holidays",
            ),
            ("vip_threshold_cny = -1", "vip_threshold_cny"),
        ];
        for (text, needle) in cases {
            let err = PlatformProfile::from_toml(text).unwrap_err().to_string();
            assert!(err.contains(needle), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn json_profile_is_checked_too() {
        let v = serde_json::json!({"vip_threshold_cny": 800, "phone": {"hours": "10:00-20:00"}});
        let p = PlatformProfile::from_json(&v).unwrap();
        assert_eq!(p.vip_threshold_cny, Money::from_yuan(800));
        let err = PlatformProfile::from_json(&serde_json::json!({"timezone": "x"})).unwrap_err();
        assert!(err.to_string().contains("platform.timezone"), "{err}");
    }
}
