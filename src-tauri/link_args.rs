// Link settings for the release binary (Linux, glibc). Included by src-tauri/build.rs and by the
// blank app's build script (bench/blank-app), so that bench/app-startup.sh compares two binaries
// linked alike.

/// On Linux with glibc, pack the relative relocations (DT_RELR, `-z pack-relative-relocs`): the
/// binary stays position-independent (ASLR), but its table of relocations — one 24-byte entry per
/// pointer in read-only data, 1.3 MB of the 17.6 MB — shrinks to a few kilobytes.
/// glibc 2.36 or newer loads such a binary (Debian 12, Ubuntu 22.10, Fedora 37); an older one
/// refuses to start it, naming `GLIBC_ABI_DT_RELR`. So a build for the machine it runs on packs
/// only where that machine's glibc can load it, and `REACHRIGHT_RELR=0` builds one for older
/// systems elsewhere.
fn link_args() {
    println!("cargo:rerun-if-env-changed=REACHRIGHT_RELR");
    let var = |key: &str| std::env::var(key).unwrap_or_default();
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if !linux_gnu || var("PROFILE") != "release" {
        return;
    }
    // Identical code folding: functions whose machine code came out the same (generic code
    // instantiated for types of one layout, the many small closures) are kept once. Rust promises
    // no distinct addresses for distinct functions, so folding them all is sound; read-only data
    // such as vtables is not folded. lld does it; it is Rust's linker for this target since 1.90.
    println!("cargo:rustc-link-arg-bins=-Wl,--icf=all");
    if var("REACHRIGHT_RELR") == "0" {
        return;
    }
    if var("HOST") == var("TARGET") {
        if let Some(version) = host_glibc().filter(|v| *v < (2, 36)) {
            println!(
                "cargo:warning=relocations not packed: this glibc ({}.{}) cannot load DT_RELR",
                version.0, version.1
            );
            return;
        }
    }
    println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
}

/// The building machine's glibc version (`getconf` prints "glibc 2.36"), if it says.
fn host_glibc() -> Option<(u32, u32)> {
    let out = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let (major, rest) = text.trim().strip_prefix("glibc ")?.split_once('.')?;
    let minor = rest.split('.').next()?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}
