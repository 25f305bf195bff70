//! Prints the classifier's calibration on the labelled corpora in Markdown (for the README):
//! `cargo run -p reachright-core --example calibration`.
//! `-- --errors FILE` also lists the misclassified stories of one corpus; use it on development
//! corpora only (corpus-holdout, corpus-real-a): the blind ones are measured, never tuned on.
#![allow(clippy::print_stdout)]

use std::path::Path;

use reachright_core::calibration::{parse_corpus, Report};

/// Every corpus, with whether it may be tuned on.
const CORPORA: &[(&str, &str)] = &[
    ("corpus-holdout.jsonl", "development"),
    ("corpus-real-a.jsonl", "development"),
    ("corpus-blind.jsonl", "blind"),
    ("corpus-blind2.jsonl", "blind"),
    ("corpus-real-b.jsonl", "blind"),
    ("corpus-real-c.jsonl", "blind"),
];

fn main() -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors_of = match args.as_slice() {
        [flag, file] if flag == "--errors" => Some(file.clone()),
        [] => None,
        _ => return Err("usage: calibration [--errors FILE]".into()),
    };
    let mut reports = Vec::new();
    for &(file, kind) in CORPORA {
        let text = std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let samples = parse_corpus(&text).map_err(|e| format!("{file}: {e}"))?;
        reports.push((file, kind, Report::measure(&samples)));
    }
    if let Some(file) = errors_of {
        let (_, kind, r) = reports
            .iter()
            .find(|(f, _, _)| *f == file)
            .ok_or_else(|| format!("unknown corpus {file}"))?;
        if *kind != "development" {
            return Err(format!(
                "{file} is blind: measure it, do not read its errors"
            ));
        }
        for e in &r.errors {
            println!("{e}");
        }
        return Ok(());
    }
    println!("{}", Report::SUMMARY_HEADER);
    for (file, kind, r) in &reports {
        println!("{}", r.summary_row(&format!("{file} ({kind})")));
    }
    let blind = Report::merged(
        reports
            .iter()
            .filter(|(_, k, _)| *k == "blind")
            .map(|(_, _, r)| r),
    );
    println!("{}", blind.summary_row("all blind corpora"));
    println!("\nReliability over all blind corpora:\n");
    print!("{}", blind.reliability_markdown());
    for (file, _, r) in reports
        .iter()
        .filter(|(f, _, _)| f.starts_with("corpus-real"))
    {
        println!("\nReliability on {file}:\n");
        print!("{}", r.reliability_markdown());
    }
    Ok(())
}
