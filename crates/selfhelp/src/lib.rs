//! reachright-selfhelp — the offline self-help knowledge base (the seed's 售后问题知识库).
//!
//! For each of the 13 problem types of `design/domain.md`: the checks a buyer can do in two
//! minutes before contacting anyone ("先试试这几步"), and the rules that apply, in plain words, each
//! with its source (a law article or a section of the seed document). The content is one TOML file
//! per type under `content/`, compiled into the binary with `include_str!` and parsed once; this
//! crate does no other I/O.
//!
//! [`search`] ranks the entries for a query in Chinese or English: the text is canonicalised by the
//! engine's own normaliser (`reachright_core::normalize`: traditional → simplified, typos such as
//! 冲值 and pinyin shorthand such as `tk`), Chinese is cut into character bigrams (there are no
//! spaces to split on), English into words.

mod content;
mod error;
mod search;

pub use content::{entries, entry, Entry, Rule, Text};
pub use error::Error;
pub use search::{search, Hit};
