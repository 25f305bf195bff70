//! Every Chinese sentence the backend can show is covered by the Traditional table (`core::hant`).
//!
//! It reads the workspace's Rust sources (string literals, outside `#[cfg(test)]` modules) and the
//! self-help content, and asks `hant::uncovered` about each Chinese text. When it fails, a sentence
//! was added or changed: regenerate the table with
//!
//! ```text
//! HANT_TEXTS=/tmp/hant-texts.txt cargo test -p reachright-core --test hant_coverage
//! python3 scripts/hant/backend_table.py /tmp/hant-texts.txt > crates/core/src/hant/table.rs
//! ```
//!
//! (`HANT_TEXTS` writes the texts found, one per line, for the script.)

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use std::fs;
use std::path::{Path, PathBuf};

use reachright_core::hant;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn has_han(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// The string literals of Rust source up to its first `#[cfg(test)] mod`, comments skipped. Escapes
/// are kept as written (only the Chinese characters matter here).
fn literals(src: &str) -> Vec<String> {
    let src = match src.find("#[cfg(test)]\nmod ") {
        Some(i) => &src[..i],
        None => src,
    };
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '/' if b.get(i + 1) == Some(&'/') => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            }
            '/' if b.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            // A character literal ('"', '\'', '字'); a lifetime ('a) has no closing quote here.
            '\'' if b.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if b.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            'r' if matches!(b.get(i + 1), Some('"' | '#'))
                && (i == 0 || !b[i - 1].is_alphanumeric()) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == '#').count();
                let start = i + 2 + hashes;
                if b.get(i + 1 + hashes) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let mut j = start;
                while j < b.len()
                    && !(b[j] == '"'
                        && b[j + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&c| c == '#')
                            .count()
                            == hashes)
                {
                    j += 1;
                }
                out.push(b[start..j.min(b.len())].iter().collect());
                i = j + 1 + hashes;
            }
            '"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != '"' {
                    j += if b[j] == '\\' { 2 } else { 1 };
                }
                out.push(b[i + 1..j.min(b.len())].iter().collect());
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Every Chinese text of the backend, with where it is.
fn texts() -> Vec<(String, String)> {
    let root = workspace();
    let mut rs = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        files(&root.join(dir), "rs", &mut rs);
    }
    let mut out = Vec::new();
    for p in rs {
        // `/` on every OS, so the filters below read the same under Windows.
        let rel = p
            .strip_prefix(&root)
            .unwrap_or(&p)
            .display()
            .to_string()
            .replace('\\', "/");
        // Sources only: tests, benches, fuzz bodies and the table itself are not shown to anyone.
        let is_source = rel.contains("/src/")
            && !rel.contains("/tests")
            && !rel.ends_with("tests.rs")
            && !rel.ends_with("test_fixture.rs")
            && !rel.ends_with("hant/table.rs");
        if !is_source {
            continue;
        }
        let src = fs::read_to_string(&p).unwrap();
        out.extend(
            literals(&src)
                .into_iter()
                .filter(|s| has_han(s))
                .map(|s| (rel.clone(), s)),
        );
    }
    let mut toml = Vec::new();
    files(&root.join("crates/selfhelp/content"), "toml", &mut toml);
    for p in toml {
        // `/` on every OS, so the filters below read the same under Windows.
        let rel = p
            .strip_prefix(&root)
            .unwrap_or(&p)
            .display()
            .to_string()
            .replace('\\', "/");
        let src = fs::read_to_string(&p).unwrap();
        out.extend(
            src.lines()
                .filter(|l| has_han(l))
                .map(|l| (rel.clone(), l.to_string())),
        );
    }
    out
}

#[test]
fn finds_the_texts() {
    let all = texts();
    assert!(
        all.len() > 500,
        "only {} Chinese texts found: is the scan broken?",
        all.len()
    );
    assert!(all
        .iter()
        .any(|(f, s)| f.contains("engine") && s.contains("承诺的回电")));
    assert!(all.iter().any(|(f, _)| f.contains("selfhelp/content")));
    assert!(!all.iter().any(|(f, _)| f.ends_with("hant/table.rs")));
}

#[test]
fn every_chinese_text_of_the_backend_converts_to_traditional() {
    let all = texts();
    if let Ok(out) = std::env::var("HANT_TEXTS") {
        let lines: Vec<String> = all.iter().map(|(_, s)| s.replace('\n', " ")).collect();
        fs::write(out, lines.join("\n")).unwrap();
    }
    let problems: Vec<String> = all
        .iter()
        .flat_map(|(file, s)| {
            hant::uncovered(s)
                .into_iter()
                .map(move |m| format!("{file}: {m}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} places in the texts are not covered by crates/core/src/hant/table.rs; regenerate it (see this test's \
         header):\n{}",
        problems.len(),
        problems.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_scan_reads_literals_not_comments() {
    let src = "// 注释 \"不是\"\nlet a = \"字符串\"; let c = '\"'; let r = r#\"原始\"#; fn f<'a>(x: &'a str) {}\n/* 块 */ \"二\"";
    assert_eq!(literals(src), vec!["字符串", "原始", "二"]);
}
