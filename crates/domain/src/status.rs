//! A case's status as the user sees it on the home screen.

use reachright_core::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CaseStatus"))]
pub enum Status {
    Open,
    Waiting,
    Resolved,
    Closed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::Waiting,
        Status::Resolved,
        Status::Closed,
    ];

    /// The code stored in the database (the store checks it is one of these).
    pub fn code(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Waiting => "waiting",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Open => lang.pick("处理中", "Open"),
            Status::Waiting => lang.pick("等待平台答复", "Waiting for the platform"),
            Status::Resolved => lang.pick("已解决", "Resolved"),
            Status::Closed => lang.pick("已关闭", "Closed"),
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the app still has work to suggest for the case.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Open | Status::Waiting)
    }
}
