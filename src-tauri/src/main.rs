// Hide the console window of release builds on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The tracker logs stable codes only (never case text or tokens), to stderr.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    // Panics are logged by place and thread, never with text that could be the user's.
    reachright_engine::panics::install();
    reachright_app::run();
}
