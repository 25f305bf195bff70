//! Amounts in CNY, held as whole fen so the VIP threshold comparison (strictly above 500 元) is exact.

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
}
