// "Send the e-mail (with evidence)": from the user's own mailbox to the platform, with the case's evidence ticked
// (all by default). An inline panel, never a pop-up. A send that did not finish earlier is not sent
// again until the user has looked in their mailbox and says it did not go out.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IpcError, MailAccountView, MailSendResult } from '../../ipc';
import type { LoadedEvidence } from '../evidence';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { isUnfinishedSend } from '../../lib/mail';
import { errorField } from '../../lib/missing';
import { ErrorNote } from '../common';
import { onEscape } from '../followup/util';
import { MailSendDone } from './MailSendDone';

/** The case's evidence as the evidence section loaded it: `items` null while the vault is locked or loading. */
export type CaseEvidence = LoadedEvidence;

export function MailSendPanel({ caseId, to: initialTo, subject, evidence, onClose, onSent }: {
  caseId: string;
  /** The platform's address from the recommendation, when it has one. */
  to: string | null;
  /** The subject the e-mail will carry (the seed's order number-problem type-urgency). */
  subject: string | null;
  evidence: CaseEvidence;
  onClose(): void;
  /** After any attempt that may have changed the case (sent, or left unfinished). */
  onSent(): void;
}) {
  const { api, t, navigate } = useApp();
  const [accounts, setAccounts] = useState<MailAccountView[] | null>(null);
  const [account, setAccount] = useState('');
  const [to, setTo] = useState(initialTo ?? '');
  // Unticked ids (so evidence added while the panel is open goes with it, as the default says).
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState<MailSendResult | null>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.mailAccountList().then(
      (l) => {
        setAccounts(l);
        setAccount((a) => a || l[0]?.name || '');
      },
      (e) => setError(toIpcError(e)),
    );
    panel.current?.scrollIntoView?.({ block: 'start' });
  }, [api]);
  // Focus the first thing to do once it is there (the account, or the way to add one).
  useEffect(() => {
    if (accounts) panel.current?.querySelector<HTMLElement>('select, .mail-send-none button')?.focus();
  }, [accounts === null]);

  const items = evidence.items ?? [];
  const send = async (resend: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const ids = evidence.items ? items.filter((e) => !unticked.has(e.id)).map((e) => e.id) : null;
      setDone(await api.mailSend({ case_id: caseId, account, to: to.trim(), evidence_ids: ids, resend }));
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(false);
    onSent();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void send(false);
  };
  const bad = errorField(error);

  return (
    <div ref={panel} class="card inline-panel mail-send" data-testid="mail-send" role="group" aria-labelledby="mail-send-h" onKeyDown={onEscape(onClose)}>
      <h3 id="mail-send-h">{t('mail.send.title')}</h3>
      {done ? (
        <MailSendDone r={done} onClose={onClose} />
      ) : accounts && accounts.length === 0 ? (
        <div class="mail-send-none" data-testid="mail-send-no-account">
          <p>{t('mail.send.noAccount')}</p>
          <p class="button-row">
            <button type="button" class="btn btn-primary" onClick={() => navigate({ name: 'settings', mail: true })}>{t('mail.send.goSettings')}</button>
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          </p>
        </div>
      ) : (
        <form onSubmit={submit}>
          <div class="grid">
            <div class="field">
              <label for="mail-send-account">{t('mail.send.account')}</label>
              <select id="mail-send-account" value={account} data-testid="mail-send-account" disabled={!accounts}
                onChange={(e) => (setAccount((e.currentTarget as HTMLSelectElement).value), setError(null))}>
                {(accounts ?? []).map((a) => (
                  <option key={a.name} value={a.name}>{a.name === a.email ? a.email : t('mail.send.accountOption', { name: a.name, email: a.email })}</option>
                ))}
              </select>
            </div>
            <div class={`field${bad === 'to' ? ' has-error' : ''}`}>
              <label for="mail-send-to">{t('mail.send.to')}</label>
              <input id="mail-send-to" type="email" value={to} data-testid="mail-send-to" spellcheck={false} aria-invalid={bad === 'to' ? 'true' : undefined}
                onInput={(e) => (setTo((e.currentTarget as HTMLInputElement).value), setError(null))} />
              {!initialTo ? <small class="hint">{t('mail.send.toHint')}</small> : null}
            </div>
          </div>
          {subject ? <p class="subject">{t('rec.subject', { subject })}</p> : null}

          <fieldset class="mail-send-evidence">
            <legend>{t('mail.send.evidence')}</legend>
            {evidence.locked ? (
              <p class="hint" data-testid="mail-send-locked">{t('mail.send.vaultLocked')}</p>
            ) : evidence.items === null ? (
              <p aria-busy="true">{t('common.loading')}</p>
            ) : items.length === 0 ? (
              <p class="hint">{t('mail.send.noEvidence')}</p>
            ) : (
              items.map((e) => (
                <label key={e.id} class="check">
                  <input type="checkbox" value={e.id} checked={!unticked.has(e.id)} data-testid="mail-send-evidence"
                    onChange={(ev) => {
                      const next = new Set(unticked);
                      if ((ev.currentTarget as HTMLInputElement).checked) next.delete(e.id);
                      else next.add(e.id);
                      setUnticked(next);
                    }} />{' '}
                  <span class="path">{e.original_name}</span> <small class="hint">{t('mail.send.kind', { kind: e.kind.label })}</small>
                </label>
              ))
            )}
            <p class="hint" data-testid="mail-send-note">{t('mail.send.note')}</p>
          </fieldset>

          {isUnfinishedSend(error) ? (
            <div class="banner banner-warn mail-unfinished" role="alert" data-testid="mail-send-unfinished">
              <p>{t('mail.send.unfinished')}</p>
              <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void send(true)} data-testid="mail-send-resend">
                {t('mail.send.resend')}
              </button>
            </div>
          ) : (
            <ErrorNote error={error} />
          )}
          <p class="button-row">
            {/* While the user is asked about the unfinished send, its own button is the way on. */}
            {isUnfinishedSend(error) ? null : (
              <button type="submit" class="btn btn-primary btn-big" disabled={busy || !account || !to.trim()} data-testid="mail-send-go">
                {busy ? t('mail.send.sending') : t('mail.send.go')}
              </button>
            )}
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </div>
  );
}
