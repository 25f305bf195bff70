//! Self-help before contact: the knowledge base's entries in the user's language, the 帮助
//! screen's search, and "这样解决了" — closing a case as resolved without contacting anyone,
//! counted so the app can say how often self-help was enough.

use reachright_core::{Lang, ProblemType};
use reachright_domain::Status;
use reachright_selfhelp::Entry;
use reachright_store::{CaseUpdate, NewEvent, Store};

use crate::cases::detail;
use crate::error::Result;
use crate::models::{CaseDetail, Intake, SelfHelpEntry, SelfHelpRule, SelfHelpSearch};
use crate::views::coded;
use crate::Call;

/// The settings row counting cases closed by self-help.
const RESOLVED_COUNT: &str = "selfhelp_resolved";

/// The timeline kind of "solved by self-help".
pub const EVENT_KIND: &str = "selfhelp";

/// The entry of one problem type (its code, e.g. `card_invalid`).
pub fn get(call: &Call<'_>, problem_type: &str) -> Result<SelfHelpEntry> {
    let t: ProblemType = problem_type.parse()?;
    Ok(view(reachright_selfhelp::entry(t)?, call.lang))
}

/// The entries matching `query`, best first; every entry, in the taxonomy's order, for an empty one.
pub fn search(call: &Call<'_>, query: &str) -> Result<SelfHelpSearch> {
    let entries = if query.trim().is_empty() {
        reachright_selfhelp::entries()?
            .iter()
            .map(|e| view(e, call.lang))
            .collect()
    } else {
        match reachright_selfhelp::search(query) {
            Ok(hits) => hits
                .iter()
                .map(|h| Ok(view(reachright_selfhelp::entry(h.problem_type)?, call.lang)))
                .collect::<Result<Vec<_>>>()?,
            // Only punctuation or filler words: nothing to look for, nothing found.
            Err(reachright_selfhelp::Error::EmptyQuery) => Vec::new(),
            Err(e) => return Err(e.into()),
        }
    };
    Ok(SelfHelpSearch {
        entries,
        resolved_count: resolved_count(call.store)?,
    })
}

/// "这样解决了" on a saved case: resolved, with a timeline note, and counted. A case that is
/// already resolved is returned as it is (and not counted twice).
pub fn resolve_case(call: &Call<'_>, id: &str) -> Result<CaseDetail> {
    let row = call.store.get_case(id)?;
    if Status::parse(&row.status) == Some(Status::Resolved) {
        return detail(call, id);
    }
    let at = reachright_domain::record::stamp(call.now);
    call.store.update_case(
        id,
        &CaseUpdate {
            at: at.clone(),
            status: Some(Status::Resolved.code().into()),
            event: Some(NewEvent {
                at,
                kind: EVENT_KIND.into(),
                summary: String::new(),
                data_json: None,
            }),
            ..CaseUpdate::default()
        },
    )?;
    count_one(call.store)?;
    detail(call, id)
}

/// "这样解决了" in the wizard, before the case was saved: save it, then close it as above, so the
/// story stays on record with how it ended.
pub fn resolve_new(call: &Call<'_>, intake: &Intake) -> Result<CaseDetail> {
    let created = crate::cases::create(call, intake)?;
    resolve_case(call, &created.summary.id)
}

/// How many cases self-help has closed.
pub fn resolved_count(store: &Store) -> Result<u32> {
    Ok(store
        .setting(RESOLVED_COUNT)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

fn count_one(store: &Store) -> Result<()> {
    let n = resolved_count(store)?.saturating_add(1);
    store.set_setting(RESOLVED_COUNT, &n.to_string())?;
    Ok(())
}

/// The timeline's sentence for an [`EVENT_KIND`] event.
pub fn event_text(lang: Lang) -> &'static str {
    lang.pick(
        "按“先试试这几步”自己解决了，没有联系客服",
        "Solved with the self-help steps, without contacting anyone",
    )
}

fn view(e: &Entry, lang: Lang) -> SelfHelpEntry {
    let t = e.text(lang);
    SelfHelpEntry {
        problem_type: coded(e.problem_type.code(), e.problem_type.label(lang)),
        title: t.title.clone(),
        steps: t.steps.clone(),
        rules: t
            .rules
            .iter()
            .map(|r| SelfHelpRule {
                text: r.text.clone(),
                source: r.source.clone(),
            })
            .collect(),
    }
}
