import { useEffect, useRef, useState } from 'preact/hooks';
import type { IpcError, TicketView, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFields } from '../../hooks';
import { ErrorNote } from '../common';
import { onEscape } from './util';

/** Recording a ticket submitted elsewhere: its number and status, by hand. */
export function ManualTicketForm({ caseId, panel, onClose, onSaved }: { caseId: string; panel: TrackingPanel; onClose(): void; onSaved(t: TicketView): void }) {
  const { api, t } = useApp();
  const manualDesks = panel.helpdesks.filter((h) => h.kind.code === 'manual');
  const [form, set] = useFields({ number: '', status: panel.manual_statuses[0]?.code ?? 'new', desk: '', url: '' });
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form.number.trim()) {
      setMissing(true);
      first.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.ticketRecord(caseId, { helpdesk: form.desk || null, remote_id: form.number.trim(), status: form.status, url: form.url.trim() }));
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  return (
    <form class="card inline-panel" onSubmit={submit} onKeyDown={onEscape(onClose)} aria-labelledby="fu-manual-h" data-testid="fu-manual-form">
      <h3 id="fu-manual-h">{t('trk.manual.title')}</h3>
      <div class="grid">
        <div class={`field${missing ? ' has-error' : ''}`}>
          <label for="fu-number">{t('trk.manual.number')}</label>
          <input id="fu-number" ref={first} type="text" value={form.number} data-testid="fu-number" aria-invalid={missing ? 'true' : undefined}
            aria-describedby={missing ? 'fu-number-err' : undefined}
            onInput={(e) => (set('number', (e.currentTarget as HTMLInputElement).value), setMissing(false))} />
          {missing ? <small class="field-error" role="alert" id="fu-number-err">{t('trk.manual.err')}</small> : null}
        </div>
        <div class="field">
          <label for="fu-mstatus">{t('trk.manual.status')}</label>
          <select id="fu-mstatus" value={form.status} data-testid="fu-mstatus" onChange={(e) => set('status', (e.currentTarget as HTMLSelectElement).value)}>
            {panel.manual_statuses.map((s) => (
              <option key={s.code} value={s.code}>{s.label}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="fu-mdesk">{t('trk.manual.helpdesk')}</label>
          <select id="fu-mdesk" value={form.desk} onChange={(e) => set('desk', (e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('trk.manual.helpdeskNone')}</option>
            {manualDesks.map((h) => (
              <option key={h.name} value={h.name}>{h.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="fu-murl">{t('trk.manual.url')}</label>
          <input id="fu-murl" type="url" value={form.url} onInput={(e) => set('url', (e.currentTarget as HTMLInputElement).value)} />
        </div>
      </div>
      <ErrorNote error={error} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="fu-manual-save">{t('trk.manual.save')}</button>
        <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
