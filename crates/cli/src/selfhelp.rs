//! `selfhelp TYPE` prints one entry of the offline knowledge base as JSON; `selfhelp --search
//! WORDS` prints the matching entries, best first, one JSON object per line.

use std::io::{self, Write};

use reachright_core::{Lang, ProblemType};
use reachright_selfhelp::{entry, search, Entry, Rule};
use serde::Serialize;

#[derive(clap::Args)]
#[command(arg_required_else_help = true)]
pub struct SelfhelpArgs {
    /// The problem type's code, e.g. card_invalid.
    #[arg(value_name = "TYPE", conflicts_with = "search")]
    problem_type: Option<String>,
    /// Search the entries (Chinese or English) instead, e.g. --search 卡密显示已使用.
    #[arg(long, value_name = "WORDS", num_args = 1..)]
    search: Option<Vec<String>>,
}

pub fn run(args: SelfhelpArgs, lang: Lang) -> Result<(), String> {
    match (args.problem_type, args.search) {
        (_, Some(words)) => {
            let hits = search(&words.join(" ")).map_err(|e| e.to_string())?;
            let found = hits
                .iter()
                .map(|h| entry(h.problem_type))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            print_lines(&found, lang)
        }
        (Some(code), None) => {
            let problem_type: ProblemType = code.parse().map_err(|_| {
                let valid: Vec<&str> = ProblemType::ALL.iter().map(|t| t.code()).collect();
                format!(
                    "unknown problem type {:?}; valid types: {}",
                    code.trim(),
                    valid.join(", ")
                )
            })?;
            let e = entry(problem_type).map_err(|e| e.to_string())?;
            print_lines(&[e], lang)
        }
        (None, None) => Err("give a problem type (e.g. card_invalid) or --search WORDS".into()),
    }
}

/// The JSON of one entry, keys in the order of the contract: type, title, steps, rules.
#[derive(Serialize)]
struct EntryJson<'a> {
    #[serde(rename = "type")]
    problem_type: &'static str,
    title: &'a str,
    steps: &'a [String],
    rules: &'a [Rule],
}

/// One JSON object per line. A reader that stops early (`| head`) is not an error.
fn print_lines(found: &[&Entry], lang: Lang) -> Result<(), String> {
    let mut out = io::stdout().lock();
    for e in found {
        let t = e.text(lang);
        let json = serde_json::to_string(&EntryJson {
            problem_type: e.problem_type.code(),
            title: &t.title,
            steps: &t.steps,
            rules: &t.rules,
        })
        .map_err(|e| e.to_string())?;
        match writeln!(out, "{json}") {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => return Err(format!("cannot write: {e}")),
        }
    }
    Ok(())
}
