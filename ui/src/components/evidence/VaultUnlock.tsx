import { useState } from 'preact/hooks';
import type { IpcError, VaultStatus } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFields } from '../../hooks';
import type { Key } from '../../i18n';
import { lockedKey, newPasswordProblem, settingUp } from '../../lib/evidence';
import { ErrorNote } from '../common';

/** A locked vault: why, and the password that opens it (chosen and typed twice when setting it up). */
export function VaultUnlock({ status, onOpened }: { status: VaultStatus; onOpened(s: VaultStatus): void }) {
  const { api, t } = useApp();
  const [typed, set] = useFields({ pass: '', again: '' });
  const { pass, again } = typed;
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(status);
  const [problem, setProblem] = useState<Key | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  // Setting the vault up (no keychain, first use): the password is chosen, so typed twice.
  const setup = settingUp(shown.error_code);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pass || busy) return;
    const p = setup ? newPasswordProblem(pass, again) : null;
    setProblem(p);
    setError(null);
    if (p) return;
    setBusy(true);
    try {
      const s = await api.vaultUnlock(pass);
      setShown(s);
      if (s.open) onOpened(s);
      else set('pass', ''), set('again', '');
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="vault-locked" data-testid="vault-locked">
      <h3>{t('ev.lockedTitle')}</h3>
      <p role="alert" data-testid="vault-reason">{t(lockedKey(shown.error_code))}</p>
      {shown.error ? <small class="error-detail">{t('err.detail', { message: shown.error })}</small> : null}
      {shown.passphrase_helps ? (
        <form class="vault-pass" onSubmit={submit} data-testid="vault-form" data-mode={setup ? 'setup' : 'unlock'}>
          {setup ? <p class="warn-note" data-testid="vault-setup-warning">{t('ev.setupWarning')}</p> : null}
          <p class="field inline">
            <label for="ev-pass">{setup ? t('ev.passphraseNew') : t('ev.passphrase')}</label>{' '}
            <input id="ev-pass" type="password" autocomplete={setup ? 'new-password' : 'current-password'} value={pass} data-testid="vault-passphrase"
              onInput={(e) => set('pass', (e.currentTarget as HTMLInputElement).value)} />
          </p>
          {setup ? (
            <p class="field inline">
              <label for="ev-pass2">{t('ev.passphraseAgain')}</label>{' '}
              <input id="ev-pass2" type="password" autocomplete="new-password" value={again} data-testid="vault-passphrase-again"
                onInput={(e) => set('again', (e.currentTarget as HTMLInputElement).value)} />
            </p>
          ) : null}
          {problem ? <p class="error-note" role="alert" data-testid="vault-pass-problem">{t(problem)}</p> : null}
          <p>
            <button type="submit" class="btn btn-primary" disabled={busy || !pass} data-testid="vault-unlock">
              {busy ? t('ev.unlocking') : setup ? t('ev.setUp') : t('ev.unlock')}
            </button>
          </p>
        </form>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
