//! Amounts in CNY, held as whole fen so the VIP threshold comparison (strictly above 500 元) is exact.
//!
//! [`Money`] is CNY everywhere in the engine (`amount_cny` in the contract, the VIP threshold). A story
//! paid in another currency ($20 的 Steam 卡) is kept as an [`Amount`] with its [`Currency`] and is
//! never counted as yuan: the engine holds no exchange rate, and reading $20 as ¥20 would be wrong
//! in exactly the case that matters (a large foreign purchase missing the VIP route).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money {
    fen: i64,
}

impl Money {
    pub const fn from_yuan(yuan: i64) -> Self {
        Money { fen: yuan * 100 }
    }

    pub const fn from_fen(fen: i64) -> Self {
        Money { fen }
    }

    pub fn fen(self) -> i64 {
        self.fen
    }

    /// From a JSON/TOML number of yuan; refuses negatives, NaN and absurd values.
    pub fn from_yuan_f64(yuan: f64) -> Option<Self> {
        if !yuan.is_finite() || !(0.0..=1e12).contains(&yuan) {
            return None;
        }
        Some(Money {
            fen: (yuan * 100.0).round() as i64,
        })
    }

    pub fn as_f64(self) -> f64 {
        self.fen as f64 / 100.0
    }
}

impl fmt::Display for Money {
    /// `100` or `99.5` — how a person writes an amount (no trailing zeros).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (yuan, fen) = (self.fen / 100, self.fen % 100);
        if fen == 0 {
            write!(f, "{yuan}")
        } else if fen % 10 == 0 {
            write!(f, "{yuan}.{}", fen / 10)
        } else {
            write!(f, "{yuan}.{fen:02}")
        }
    }
}

impl Serialize for Money {
    /// Whole amounts serialise as integers (`100`, not `100.0`) so JSON consumers compare them easily.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.fen % 100 == 0 {
            s.serialize_i64(self.fen / 100)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        Money::from_yuan_f64(v).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "amount must be a non-negative number of yuan, got {v}"
            ))
        })
    }
}

/// The currencies people pay these platforms in. CNY is the engine's own; the rest are kept as said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Cny,
    Usd,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }
}

/// An amount in a named currency, in hundredths of its unit (fen, cents). Serialises as
/// `{"value": 20, "currency": "USD"}`, `value` written like [`Money`] (no trailing zeros).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Amount {
    pub value: Money,
    pub currency: Currency,
}

impl Amount {
    pub fn cny(value: Money) -> Self {
        Amount {
            value,
            currency: Currency::Cny,
        }
    }

    /// The amount as CNY, if it is CNY; other currencies are not converted.
    pub fn as_cny(self) -> Option<Money> {
        (self.currency == Currency::Cny).then_some(self.value)
    }
}

impl fmt::Display for Amount {
    /// `100元` or `20美元`: how the description text writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.currency {
            Currency::Cny => write!(f, "{}元", self.value),
            Currency::Usd => write!(f, "{}美元", self.value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_and_serialises_like_a_person_writes() {
        assert_eq!(Money::from_yuan(100).to_string(), "100");
        assert_eq!(Money::from_fen(9950).to_string(), "99.5");
        assert_eq!(Money::from_fen(9905).to_string(), "99.05");
        assert_eq!(
            serde_json::to_string(&Money::from_yuan(100)).unwrap(),
            "100"
        );
        assert_eq!(
            serde_json::to_string(&Money::from_fen(9950)).unwrap(),
            "99.5"
        );
    }

    #[test]
    fn refuses_negative_and_nan() {
        assert!(Money::from_yuan_f64(-1.0).is_none());
        assert!(Money::from_yuan_f64(f64::NAN).is_none());
        assert!(serde_json::from_str::<Money>("-5").is_err());
        assert_eq!(
            serde_json::from_str::<Money>("500.01").unwrap(),
            Money::from_fen(50001)
        );
    }

    #[test]
    fn foreign_amounts_keep_their_currency() {
        let usd = Amount {
            value: Money::from_fen(1999),
            currency: Currency::Usd,
        };
        assert_eq!(usd.as_cny(), None);
        assert_eq!(usd.to_string(), "19.99美元");
        assert_eq!(
            serde_json::to_string(&usd).unwrap(),
            r#"{"value":19.99,"currency":"USD"}"#
        );
        let cny = Amount::cny(Money::from_yuan(100));
        assert_eq!(cny.as_cny(), Some(Money::from_yuan(100)));
        assert_eq!(cny.to_string(), "100元");
    }
}
