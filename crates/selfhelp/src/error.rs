//! The one error type of the knowledge base.

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A content file does not parse or breaks a rule of the format (a bug caught by the tests).
    #[error("self-help content {file}: {message}")]
    Content { file: &'static str, message: String },
    /// No entry for this problem type (the tests require all 13).
    #[error("no self-help entry for problem type {0}")]
    Missing(&'static str),
    /// The search words contain nothing to search for.
    #[error("the search is empty: give some words, e.g. 卡密显示已使用 or \"refund\"")]
    EmptyQuery,
}

impl Error {
    /// A stable code for callers that choose their own sentence.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Content { .. } => "selfhelp_content",
            Error::Missing(_) => "selfhelp_missing",
            Error::EmptyQuery => "empty_query",
        }
    }
}
