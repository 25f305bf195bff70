//! Problem types, groups, channels and contact outcomes of domain.md. The codes are stable: they are
//! used in data files, the CLI's JSON and (later) the app's IPC, so renaming one is a breaking change.

macro_rules! coded_enum {
    (
        $(#[$meta:meta])* $name:ident, $what:literal {
            $($variant:ident => $code:literal, $zh:literal, $en:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Position in [`Self::ALL`] (declaration order), for tables indexed by code.
            pub fn index(self) -> usize {
                self as usize
            }

            /// The stable snake_case code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// A short human label in the given language.
            pub fn label(self, lang: $crate::lang::Lang) -> &'static str {
                match self {
                    $($name::$variant => lang.pick($zh, $en),)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.code()) }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::Error;
            /// Codes are matched ignoring surrounding space and ASCII case (`" Email "` is `email`).
            fn from_str(s: &str) -> Result<Self, $crate::error::Error> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($code => Ok($name::$variant),)+
                    other => Err($crate::error::Error::field(
                        $what,
                        format!("unknown code {other:?}; expected one of: {}",
                            [$($code),+].join(", ")),
                    )),
                }
            }
        }
    };
}

/// Lets other modules declare coded enums the same way (the composer's kinds).
pub(crate) use coded_enum;

coded_enum! {
    /// What went wrong, as the user would describe it.
    ProblemType, "problem_type" {
        DeliveryDelay => "delivery_delay", "商品未到账", "Goods not delivered";
        RechargeFailed => "recharge_failed", "充值失败", "Recharge failed";
        OrderStatus => "order_status", "订单状态异常", "Abnormal order status";
        OrderChange => "order_change", "修改订单信息", "Change order details";
        CardInvalid => "card_invalid", "卡密无效", "Card key invalid";
        RefundRequest => "refund_request", "申请退款", "Refund request";
        Other => "other", "其他问题", "Other";
        AccountFrozen => "account_frozen", "账号被冻结", "Account frozen";
        CardKeyStolen => "card_key_stolen", "卡密被盗用", "Card key stolen";
        AccountStolen => "account_stolen", "账户被盗", "Account stolen";
        ApiFailure => "api_failure", "接口故障", "Interface (API) failure";
        NotAsAgreed => "not_as_agreed", "未按约定发放", "Not delivered as agreed";
        ResolutionDispute => "resolution_dispute", "处理结果不满意", "Dispute over the resolution";
    }
}

coded_enum! {
    /// How the recommendation policy treats a problem type.
    Group, "group" {
        Standard => "standard", "常规问题", "standard";
        Urgent => "urgent", "紧急问题", "urgent";
        Complex => "complex", "复杂问题", "complex";
        Dispute => "dispute", "争议问题", "dispute";
    }
}

coded_enum! {
    /// A way to reach after-sales support.
    Channel, "channel" {
        OnlineChat => "online_chat", "在线客服", "Online chat";
        VipExclusive => "vip_exclusive", "专属客服", "VIP exclusive agent";
        Phone => "phone", "电话客服", "Phone line";
        Ticket => "ticket", "工单系统", "Support ticket";
        Email => "email", "邮件", "Email";
        ThirdPartyComplaint => "third_party_complaint", "第三方投诉（12315/黑猫投诉）", "Third-party complaint (12315 / Black Cat)";
    }
}

coded_enum! {
    /// What came of one contact attempt.
    Outcome, "outcome" {
        Pending => "pending", "处理中", "pending";
        Unresolved => "unresolved", "未解决", "unresolved";
        NoResponse => "no_response", "无回应", "no response";
        Dissatisfied => "dissatisfied", "不满意", "dissatisfied";
        Resolved => "resolved", "已解决", "resolved";
    }
}

coded_enum! {
    /// What the user wants the platform to do (诉求).
    Demand, "demand" {
        Refund => "refund", "退款", "refund";
        Resend => "resend", "重发/补发", "resend the goods";
        Compensation => "compensation", "补偿", "compensation";
        Modify => "modify", "修改订单", "change the order";
        Restore => "restore", "恢复账号", "restore the account";
    }
}

impl ProblemType {
    pub fn group(self) -> Group {
        use ProblemType::*;
        match self {
            DeliveryDelay | RechargeFailed | OrderStatus | OrderChange | CardInvalid
            | RefundRequest | Other => Group::Standard,
            AccountFrozen | CardKeyStolen => Group::Urgent,
            AccountStolen | ApiFailure => Group::Complex,
            NotAsAgreed | ResolutionDispute => Group::Dispute,
        }
    }
}

impl Outcome {
    /// Tried, and the channel did not solve it.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Outcome::Unresolved | Outcome::NoResponse | Outcome::Dissatisfied
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_serde_and_from_str() {
        for &p in ProblemType::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.code()));
            assert_eq!(p.code().parse::<ProblemType>().unwrap(), p);
        }
        for &c in Channel::ALL {
            assert_eq!(c.code().parse::<Channel>().unwrap(), c);
        }
        assert_eq!(ProblemType::ALL.len(), 13);
        for (i, &p) in ProblemType::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
        }
        assert_eq!(Channel::ALL.len(), 6);
    }

    #[test]
    fn unknown_code_names_the_field() {
        let err = "refund".parse::<ProblemType>().unwrap_err().to_string();
        assert!(
            err.contains("problem_type") && err.contains("refund"),
            "{err}"
        );
        let err = "fax".parse::<Channel>().unwrap_err().to_string();
        assert!(err.contains("channel"), "{err}");
    }

    #[test]
    fn groups_follow_domain_table() {
        assert_eq!(ProblemType::AccountFrozen.group(), Group::Urgent);
        assert_eq!(ProblemType::CardKeyStolen.group(), Group::Urgent);
        assert_eq!(ProblemType::AccountStolen.group(), Group::Complex);
        assert_eq!(ProblemType::ApiFailure.group(), Group::Complex);
        assert_eq!(ProblemType::NotAsAgreed.group(), Group::Dispute);
        assert_eq!(ProblemType::ResolutionDispute.group(), Group::Dispute);
        assert_eq!(ProblemType::RefundRequest.group(), Group::Standard);
    }
}
