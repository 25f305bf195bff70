//! The app manifest lists the app's own commands, so each needs an explicit grant in
//! `capabilities/` like any plugin command: nothing is callable by default.

const COMMANDS: &[&str] = &[
    "app_info",
    "vocabulary",
    "settings_get",
    "settings_save",
    "read_story",
    "analyse",
    "case_create",
    "case_update",
    "case_list",
    "case_get",
    "case_set_status",
    "case_delete",
    "contact_log",
    "reminder_add",
    "reminders_pending",
    "reminder_done",
    "draft_save",
    "draft_load",
    "draft_discard",
    "platform_list",
    "platform_default",
    "platform_save",
    "platform_delete",
    "platform_import",
    "platform_export",
    "vault_status",
    "vault_unlock",
    "evidence_list",
    "evidence_import_paths",
    "evidence_import_bytes",
    "evidence_update",
    "evidence_remove",
    "evidence_image",
    "evidence_verify",
    "evidence_export",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
