//! The one piece of state the shell manages: the open store, the evidence vault and the user's
//! language. Each command takes one [`Call`] ([`AppState::call`]): the store, the moment read once
//! for the command, and the language, read from the settings once and kept (`settings_save`
//! updates it), not queried from SQLite per command.
//!
//! The vault opens with the system keychain the first time a command needs it
//! ([`AppState::open_vault_on_first_use`]), not at start-up: the first screen (the case list) never
//! shows evidence, so neither D-Bus nor the keychain costs start-up time or memory. When it cannot (no keychain reachable, or the vault was set up with a
//! passphrase) it stays locked, [`AppState::vault_status`] says why, and the UI offers a
//! passphrase; the key is never written to disk instead.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use chrono::{DateTime, FixedOffset};
use reachright_api::gallery::{self, VaultStatus};
use reachright_api::settings;
use reachright_api::Call;
use reachright_core::Lang;
use reachright_store::Store;
use reachright_vault::{Unlock, Vault};

/// Finds the keychain and returns how to unlock with it (`Unlock::system` in the app).
pub type DeferredUnlock = Box<dyn FnOnce() -> Unlock + Send>;

pub struct AppState {
    pub store: Arc<Store>,
    /// Where exports go; `None`: the user's Downloads folder, else the data folder.
    pub export_dir: Option<std::path::PathBuf>,
    vault: RwLock<Option<Arc<Vault>>>,
    status: Mutex<VaultStatus>,
    /// Held while the vault is being opened, so a command arriving meanwhile waits for it.
    opening: Mutex<()>,
    /// How to open the vault on first use, until it has been tried once (see
    /// [`AppState::open_vault_on_first_use`]). `None`: tried, or never asked for (tests).
    deferred: Mutex<Option<DeferredUnlock>>,
    /// The keychain as found at start-up (or why it is unreachable), reused with a passphrase.
    unlock: Mutex<Unlock>,
    /// Wakes the tracker loop early (a ticket, callback or watch was added).
    pub tracker_wake: reachright_engine::runner::Wake,
    /// The language of the app's sentences, read from the settings on first use.
    lang: RwLock<Option<Lang>>,
    /// Files the user handed over: picked in the native dialog or dropped on the window. Only
    /// these are imported; a path that merely arrives over IPC is never read.
    granted: Mutex<HashSet<PathBuf>>,
    /// 朗读: the OS speech engine, opened on the first request.
    pub speaker: reachright_speech::Speaker,
    /// The page's channel for what the shell tells it unasked.
    pub ui_events: crate::ui_events::UiEvents,
}

impl AppState {
    /// The state with the vault still closed (see [`AppState::open_vault`]).
    pub fn new(store: Store) -> Self {
        AppState {
            store: Arc::new(store),
            export_dir: None,
            vault: RwLock::new(None),
            status: Mutex::new(VaultStatus {
                open: false,
                protection: None,
                error_code: Some("vault_closed".into()),
                error: None,
                passphrase_helps: false,
                cleaned: 0,
                missing: Vec::new(),
            }),
            opening: Mutex::new(()),
            deferred: Mutex::new(None),
            unlock: Mutex::new(Unlock::default()),
            tracker_wake: reachright_engine::runner::Wake::default(),
            lang: RwLock::new(None),
            granted: Mutex::new(HashSet::new()),
            speaker: reachright_speech::Speaker::new(),
            ui_events: Default::default(),
        }
    }

    /// Ask the tracker loop for a pass now (a permit is kept if it is busy, so nothing is lost).
    pub fn wake_tracker(&self) {
        self.tracker_wake.now();
    }

    /// Opens the vault with `unlock` (the system keychain at start-up), remembering the outcome.
    pub fn open_vault(&self, unlock: Unlock) -> VaultStatus {
        let _busy = self.begin_opening();
        self.open_vault_locked(unlock)
    }

    /// Marks the vault as being opened: commands that need it wait until the guard is dropped.
    pub fn begin_opening(&self) -> MutexGuard<'_, ()> {
        self.opening.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The first command that needs the vault opens it with `unlock()` (the system keychain),
    /// unless it was opened explicitly before.
    pub fn open_vault_on_first_use(&self, unlock: impl FnOnce() -> Unlock + Send + 'static) {
        *self.deferred.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(unlock));
    }

    /// [`AppState::begin_opening`], having first made the deferred first attempt if it is due.
    fn attempted(&self) -> MutexGuard<'_, ()> {
        let busy = self.begin_opening();
        let first = self
            .deferred
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(unlock) = first {
            self.open_vault_locked(unlock());
        }
        busy
    }

    /// [`AppState::open_vault`] for a caller already holding [`AppState::begin_opening`]'s guard.
    pub fn open_vault_locked(&self, unlock: Unlock) -> VaultStatus {
        // Any attempt is the first one: a deferred one must not follow it.
        self.deferred
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(v) = self.current() {
            return self.status_of_open(&v);
        }
        let result = Vault::open(self.store.clone(), &unlock);
        // Keep the keychain (not the passphrase) for a later attempt with a passphrase.
        *self.unlock.lock().unwrap_or_else(|e| e.into_inner()) = Unlock {
            passphrase: None,
            ..unlock
        };
        let status = match result {
            Ok((vault, recovery)) => {
                let s = gallery::status_open(&vault, &recovery);
                *self.vault.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(vault));
                s
            }
            Err(e) => gallery::status_locked(&e),
        };
        *self.status.lock().unwrap_or_else(|e| e.into_inner()) = status.clone();
        status
    }

    /// Tries again with the keychain found at the first attempt and the user's passphrase.
    pub fn unlock_with_passphrase(&self, passphrase: String) -> VaultStatus {
        drop(self.attempted());
        let base = self
            .unlock
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        self.open_vault(base.with_passphrase(Some(passphrase)))
    }

    /// The vault if it is open now (after the first attempt, if that is still due), without
    /// waiting for an attempt in progress (whose own sweep then does what the caller would).
    pub fn open_vault_now(&self) -> Option<Arc<Vault>> {
        let first = self
            .deferred
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        if first {
            drop(self.attempted());
        }
        self.current()
    }

    fn current(&self) -> Option<Arc<Vault>> {
        self.vault.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn status_of_open(&self, v: &Vault) -> VaultStatus {
        let mut s = self
            .status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        s.open = true;
        s.protection = Some(v.protection().to_string());
        s
    }

    pub fn vault_status(&self) -> VaultStatus {
        let _wait = self.attempted();
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The open vault, waiting for the first attempt; `vault_locked` while it is not open.
    pub fn vault(&self) -> crate::error::Result<Arc<Vault>> {
        let _wait = self.attempted();
        self.current().ok_or(crate::error::Error::VaultLocked)
    }

    /// The folder exports are written to.
    pub fn export_dir(&self) -> std::path::PathBuf {
        self.export_dir
            .clone()
            .or_else(|| dirs::download_dir().filter(|d| d.is_dir()))
            .unwrap_or_else(|| self.store.dir().to_path_buf())
    }

    /// The moment a command runs, with the machine's offset; the engine converts it to the
    /// platform's time zone.
    pub fn now(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }

    /// What a command runs with: the store, this moment and the cached language.
    pub fn call(&self) -> Call<'_> {
        Call::new(&self.store, self.now(), self.lang())
    }

    /// The language of engine sentences; a broken settings row falls back to Chinese.
    pub fn lang(&self) -> Lang {
        if let Some(lang) = *self.lang.read().unwrap_or_else(|e| e.into_inner()) {
            return lang;
        }
        let lang = settings::lang(&self.store).unwrap_or(Lang::Zh);
        self.set_lang(lang);
        lang
    }

    /// The user picked these files in the dialog or dropped them on the window.
    pub fn grant(&self, paths: impl IntoIterator<Item = PathBuf>) {
        self.granted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(paths);
    }

    /// Each of `paths` was handed over by the user; else `path_not_granted` naming the first
    /// that was not (nothing is imported then).
    pub fn check_granted(&self, paths: &[String]) -> crate::error::Result<()> {
        let granted = self.granted.lock().unwrap_or_else(|e| e.into_inner());
        match paths
            .iter()
            .find(|p| !granted.contains(Path::new(p.as_str())))
        {
            None => Ok(()),
            Some(p) => Err(crate::error::Error::PathNotGranted(p.clone())),
        }
    }

    /// The user chose a language (`settings_save`).
    pub fn set_lang(&self, lang: Lang) {
        *self.lang.write().unwrap_or_else(|e| e.into_inner()) = Some(lang);
    }
}
