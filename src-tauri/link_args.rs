// Link settings for the release binary. Included by src-tauri/build.rs and by the blank app's
// build script (bench/blank-app), so that bench/app-startup.sh compares two binaries linked alike.

/// On Linux with glibc, pack the relative relocations (DT_RELR, `-z pack-relative-relocs`): the
/// binary stays position-independent (ASLR), but its table of relocations — one 24-byte entry per
/// pointer in read-only data, 1.3 MB of the 17.6 MB — shrinks to a few kilobytes.
/// glibc 2.36 or newer loads such a binary (Debian 12, Ubuntu 22.10, Fedora 37); an older one
/// refuses to start it, naming `GLIBC_ABI_DT_RELR`. `REACHRIGHT_RELR=0` builds one for those.
fn link_args() {
    println!("cargo:rerun-if-env-changed=REACHRIGHT_RELR");
    let var = |key: &str| std::env::var(key).unwrap_or_default();
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if linux_gnu && var("PROFILE") == "release" && var("REACHRIGHT_RELR") != "0" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
