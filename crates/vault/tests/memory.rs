//! A 200 MB file goes in and out without ever being in memory whole: a child process imports it,
//! verifies it and exports it, then reports its peak resident size (VmHWM), which must stay far
//! below the file's size. (A memory bound, not a timing: the figure is printed for the README.)
#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use common::*;
use reachright_vault::{ExportOptions, ExportTexts, ImportOptions, Source};

const CHILD_ENV: &str = "REACHRIGHT_VAULT_MEMORY_CHILD";
const TEST_NAME: &str = "a_200_mb_file_is_streamed_in_bounded_memory";
const SIZE: usize = 200 * 1024 * 1024;
const LIMIT_KB: u64 = 96 * 1024;

#[test]
fn a_200_mb_file_is_streamed_in_bounded_memory() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        run_child(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let big = tmp.path().join("录屏.mp4");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&big).expect("create"));
    // One pseudo-random MiB, stamped with its index so no two blocks are alike.
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut block: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    for i in 0..SIZE / block.len() {
        block[..8].copy_from_slice(&(i as u64).to_le_bytes());
        f.write_all(&block).expect("write");
    }
    f.flush().expect("flush");
    drop(f);
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, tmp.path())
        .output()
        .expect("child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak: u64 = stdout
        .lines()
        .find_map(|l| l.split_once("peak_kb ").map(|(_, v)| v))
        .and_then(|v| v.trim().parse().ok())
        .expect("child reported its peak");
    eprintln!(
        "200 MB import + verify + export: peak RSS {} MB",
        peak / 1024
    );
    assert!(peak < LIMIT_KB, "peak RSS {peak} kB for a {SIZE}-byte file");
}

fn run_child(dir: &Path) {
    let data = dir.join("data");
    let v = vault(&data);
    let c = case(v.store(), "大文件");
    let item = v
        .import(
            &c,
            Source::File(&dir.join("录屏.mp4")),
            &ImportOptions::default(),
            now(),
        )
        .expect("import")
        .item;
    assert_eq!(item.size as usize, SIZE);
    assert!(v.verify(&c).expect("verify")[0].problem.is_none());
    let texts = ExportTexts {
        case_id: c.clone(),
        title: "大文件".into(),
        ..ExportTexts::default()
    };
    let m = reachright_vault::export(
        &v,
        &texts,
        &dir.join("out.zip"),
        &ExportOptions::default(),
        now(),
    )
    .expect("export");
    assert_eq!(m.files[0].exported_size as usize, SIZE);
    assert_eq!(m.files[0].exported_sha256, item.sha256);
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .expect("VmHWM");
    println!("peak_kb {}", peak.trim().trim_end_matches("kB").trim());
}
