import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDetail, Gallery, HelpdeskView, IpcError, TicketCreated, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { ErrorNote } from '../common';
import { onEscape } from './util';

/** Submitting a ticket through a helpdesk: its subject, text and the evidence that goes with it, shown first. */
export function NewTicketForm({ detail, panel, onClose, onCreated }: { detail: CaseDetail; panel: TrackingPanel; onClose(): void; onCreated(c: TicketCreated): void }) {
  const { api, t, navigate } = useApp();
  const desks = panel.helpdesks.filter((h) => h.kind.code !== 'manual');
  const [desk, setDesk] = useState(desks[0]?.name ?? '');
  // The case's evidence that would go with the ticket, or whether the vault is locked.
  const [attach, setAttach] = useState<{ gallery: Gallery | null; locked: boolean }>({ gallery: null, locked: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  const rec = detail.analysis.recommendation;
  const text = rec.texts.find((x) => x.kind === 'ticket');
  useEffect(() => {
    first.current?.focus();
    api.evidenceList(detail.summary.id).then(
      (gallery) => setAttach((a) => ({ ...a, gallery })),
      (e) => setAttach({ gallery: null, locked: toIpcError(e).code === 'vault_locked' }),
    );
  }, [api]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!desk) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.ticketCreate(detail.summary.id, desk));
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  const files = attach.gallery?.items ?? [];
  const tokenProblem = error && ['auth', 'no_token', 'helpdesk', 'keychain', 'token_origin'].includes(error.code);
  return (
    <form class="card inline-panel" onSubmit={submit} onKeyDown={onEscape(onClose)} aria-labelledby="fu-create-h" data-testid="fu-create-form">
      <h3 id="fu-create-h">{t('trk.create.title')}</h3>
      {desks.length === 0 ? (
        <div data-testid="fu-no-helpdesk">
          <p>{t('trk.create.noHelpdesk')}</p>
          <p class="button-row">
            <button type="button" class="btn btn-primary" onClick={() => navigate({ name: 'settings', helpdesk: '' })}>{t('trk.create.goSettings')}</button>
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          </p>
        </div>
      ) : (
        <>
          <div class="field">
            <label for="fu-desk">{t('trk.create.helpdesk')}</label>
            <select id="fu-desk" ref={first} value={desk} data-testid="fu-desk" onChange={(e) => setDesk((e.currentTarget as HTMLSelectElement).value)}>
              {desks.map((h: HelpdeskView) => (
                <option key={h.name} value={h.name}>{h.name}({h.kind.label})</option>
              ))}
            </select>
          </div>
          <dl class="fu-preview">
            <dt>{t('trk.create.subject')}</dt>
            <dd data-testid="fu-subject">{rec.subject}</dd>
            {text ? (
              <>
                <dt>{t('trk.create.body')}</dt>
                <dd><p class="description-text">{text.body}</p></dd>
              </>
            ) : null}
          </dl>
          {text?.has_placeholders ? <p class="placeholder-note">{t('trk.create.placeholders')}</p> : null}
          {files.length ? (
            <div data-testid="fu-attach">
              <p>{t('trk.create.attach', { n: files.length })}</p>
              <ul>
                {files.map((f) => (
                  <li key={f.id}>{f.original_name}({f.kind.label})</li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="hint" data-testid="fu-attach-none">{t(attach.locked ? 'trk.create.vaultLocked' : 'trk.create.attachNone')}</p>
          )}
          <ErrorNote error={error}>
            {tokenProblem ? (
              <button type="button" class="btn btn-small" onClick={() => navigate({ name: 'settings', helpdesk: desk })}>{t('trk.fix.token')}</button>
            ) : null}
          </ErrorNote>
          <p class="button-row">
            <button type="submit" class="btn btn-primary" disabled={busy || !desk} data-testid="fu-create-submit">
              {busy ? t('trk.create.submitting') : t('trk.create.submit')}
            </button>
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          </p>
        </>
      )}
    </form>
  );
}
