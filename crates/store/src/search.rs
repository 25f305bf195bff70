//! Finding a case among years of them: every word the user types must appear in the case's title,
//! order number, product, story, symptom, error text, platform name or a ticket number it was given
//! (a substring, ASCII case ignored). A plain scan over `cases`: at 10,000 cases it answers well
//! inside the 100 ms the list allows (bench/scale.sh), and it needs no second copy of the text to
//! keep in step, as a full-text index would (SQLite's tokenisers do not split Chinese words either).

use crate::error::{Error, Result};
use crate::rows::CaseRow;
use crate::store::Store;

/// The most words one search may have; more is a pasted paragraph, not a search.
pub const MAX_TERMS: usize = 8;
/// The longest a single word may be, in characters (an order number is ~30).
pub const MAX_TERM_CHARS: usize = 100;

/// The form's fields a word is looked for in (inside `intake_json`).
const FORM_FIELDS: [&str; 5] = ["order_id", "product", "story", "symptom", "error_message"];

/// The condition for one word, whose pattern is `?n`. The form's fields are read only from rows
/// whose JSON holds the word at all (a plain LIKE, ~5× cheaper than five `json_extract`s on every
/// row); that test is skipped for a word JSON would escape (a quote, a backslash, a control
/// character), which the raw text would not show. Platform names and ticket numbers are matched
/// once per search (uncorrelated `IN` lists), not once per case.
fn clause(n: usize, term: &str) -> String {
    let like = |target: &str| format!("{target} LIKE ?{n} ESCAPE '\\'");
    let form: Vec<String> = FORM_FIELDS
        .iter()
        .map(|f| like(&format!("json_extract(intake_json, '$.{f}')")))
        .collect();
    let form = form.join(" OR ");
    let json_shows_it = !term
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_control());
    let form = if json_shows_it {
        format!("({} AND ({form}))", like("intake_json"))
    } else {
        format!("({form})")
    };
    format!(
        "({} OR {form} OR platform_id IN (SELECT p.id FROM platforms AS p WHERE {}) \
         OR id IN (SELECT k.case_id FROM contacts AS k WHERE {}))",
        like("title"),
        like("p.name"),
        like("k.reference"),
    )
}

/// The words of `query`: split on white space (ASCII or the full-width space an IME types).
pub fn terms(query: &str) -> Result<Vec<String>> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_owned).collect();
    if terms.len() > MAX_TERMS {
        return Err(Error::invalid(
            "query",
            format!("at most {MAX_TERMS} words, not {}", terms.len()),
        ));
    }
    if let Some(long) = terms.iter().find(|t| t.chars().count() > MAX_TERM_CHARS) {
        return Err(Error::invalid(
            "query",
            format!(
                "a word of {} characters; at most {MAX_TERM_CHARS}",
                long.chars().count()
            ),
        ));
    }
    Ok(terms)
}

/// `%word%` with LIKE's own wildcards escaped, so `100%` or `a_b` mean themselves.
fn pattern(term: &str) -> String {
    let mut p = String::with_capacity(term.len() + 2);
    p.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl Store {
    /// The cases matching every word of `query`, in [`Store::list_cases`] order, at most `limit`
    /// after skipping `offset`. A query without words matches nothing (the caller shows the list).
    pub fn search_cases(&self, query: &str, offset: u32, limit: u32) -> Result<Vec<CaseRow>> {
        let terms = terms(query)?;
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<String> = terms
            .iter()
            .enumerate()
            .map(|(i, term)| clause(i + 1, term))
            .collect();
        let sql = format!(
            "SELECT {} FROM cases WHERE {} ORDER BY {} LIMIT {limit} OFFSET {offset}",
            crate::cases::COLUMNS,
            clauses.join(" AND "),
            crate::cases::LIST_ORDER,
        );
        let patterns: Vec<String> = terms.iter().map(|t| pattern(t)).collect();
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params_from_iter(patterns.iter()),
            crate::cases::from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_mean_themselves() {
        assert_eq!(pattern("100%"), "%100\\%%");
        assert_eq!(pattern("a_b\\"), "%a\\_b\\\\%");
        assert_eq!(pattern("卡密"), "%卡密%");
    }

    #[test]
    fn words_split_on_any_white_space_and_are_bounded() {
        assert_eq!(
            terms(" 20240520001\u{3000}点卡 ").unwrap(),
            ["20240520001", "点卡"]
        );
        assert!(terms("").unwrap().is_empty());
        let many = ["a"; MAX_TERMS + 1].join(" ");
        assert!(terms(&many).unwrap_err().to_string().contains("words"));
        assert!(terms(&"x".repeat(MAX_TERM_CHARS + 1)).is_err());
    }
}
