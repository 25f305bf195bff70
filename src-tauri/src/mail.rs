//! The e-mail commands: presets, mailboxes (the password goes to the OS keychain only), "test
//! connection", sending a case's e-mail with its evidence, a case's e-mails and answers. Each is
//! one call into `reachright_api::mail`; sending wakes the tracker so the mailbox is watched.

use reachright_api::mail::{self, *};
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

type St<'a> = State<'a, AppState>;

fn keychain() {
    let _ = crate::background::ensure_keychain();
}

#[tauri::command(async)]
pub fn mail_presets(state: St) -> Result<Vec<MailPresetView>> {
    Ok(mail::presets(&state.call()))
}

/// The preset for a typed address; `mail_oauth_only` for Outlook/Hotmail/Live/MSN.
#[tauri::command(async)]
pub fn mail_preset_for(state: St, email: String) -> Result<Option<MailPresetView>> {
    Ok(mail::preset_for(&state.call(), &email)?)
}

#[tauri::command(async)]
pub fn mail_account_list(state: St) -> Result<Vec<MailAccountView>> {
    keychain();
    Ok(mail::list_accounts(&state.call())?)
}

/// The password in `input` goes to the OS keychain only.
#[tauri::command(async)]
pub fn mail_account_save(state: St, input: MailAccountForm) -> Result<MailAccountView> {
    keychain();
    let view = mail::save_account(&state.call(), &input)?;
    state.wake_tracker();
    Ok(view)
}

#[tauri::command(async)]
pub fn mail_account_remove(state: St, name: String) -> Result<()> {
    keychain();
    Ok(mail::remove_account(&state.call(), &name)?)
}

#[tauri::command(async)]
pub fn mail_test(state: St, input: MailAccountForm) -> Result<MailTestResult> {
    keychain();
    Ok(mail::test_connection(&state.call(), &input)?)
}

/// Sends the case's e-mail with the chosen evidence (when the vault is open).
#[tauri::command(async)]
pub fn mail_send(state: St, input: MailSendForm) -> Result<MailSendResult> {
    keychain();
    let vault = state.vault().ok();
    let out = mail::send(&state.call(), vault.as_deref(), &input)?;
    state.wake_tracker();
    Ok(out)
}

#[tauri::command(async)]
pub fn case_mail(state: St, case_id: String) -> Result<CaseMail> {
    Ok(mail::case_mail(&state.call(), &case_id)?)
}
