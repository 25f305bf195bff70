// The smallest Tauri 2 app: one window showing a static page. Baseline for bench/app-startup.sh.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the blank app");
}
