import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDetail, IpcError, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFields } from '../../hooks';
import type { Key } from '../../i18n';
import { PROMISES, promiseMinutes, type PromiseChoice } from '../../lib/tracking';
import { ErrorNote } from '../common';
import { onEscape } from './util';

/** The channels that call back. */
const CALLBACK_CHANNELS = ['vip_exclusive', 'phone', 'online_chat'];

export function CallbackRequestForm({ detail, panel, onClose, onSaved }: { detail: CaseDetail; panel: TrackingPanel; onClose(): void; onSaved(): void }) {
  const { api, t, vocab } = useApp();
  const channels = vocab.channels.filter((c) => CALLBACK_CHANNELS.includes(c.code));
  const primary = detail.analysis.recommendation.primary.channel.code;
  const [form, set] = useFields<{ channel: string; choice: PromiseChoice; custom: string; unit: 'min' | 'h'; note: string }>({
    channel: CALLBACK_CHANNELS.includes(primary) ? primary : (channels[0]?.code ?? 'vip_exclusive'),
    choice: '10m',
    custom: '',
    unit: 'min',
    note: '',
  });
  const { channel, choice, custom, unit, note } = form;
  const [bad, setBad] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const platformMinutes = channel === 'vip_exclusive' ? panel.vip_callback_minutes : panel.callback_minutes;
  const submit = async (e: Event) => {
    e.preventDefault();
    const minutes = promiseMinutes(choice, custom, unit, panel.max_promise_minutes);
    if (minutes === 'invalid') {
      setBad(true);
      return;
    }
    setBusy(true);
    try {
      await api.callbackRequest(detail.summary.id, { channel, promise_minutes: minutes, requested_at: '', note: note.trim() });
      onSaved();
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  return (
    <form class="card inline-panel" onSubmit={submit} onKeyDown={onEscape(onClose)} aria-labelledby="fu-cb-h" data-testid="fu-callback-form">
      <h3 id="fu-cb-h">{t('trk.cb.title')}</h3>
      <div class="field">
        <label for="fu-cb-channel">{t('trk.cb.channel')}</label>
        <select id="fu-cb-channel" ref={first} value={channel} onChange={(e) => set('channel', (e.currentTarget as HTMLSelectElement).value)}>
          {channels.map((c) => (
            <option key={c.code} value={c.code}>{c.label}</option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('trk.cb.promise')}</legend>
        {PROMISES.map((p) => (
          <label key={p} class="radio">
            <input type="radio" name="fu-promise" value={p} checked={choice === p} data-testid={`fu-promise-${p}`}
              onChange={() => (set('choice', p), setBad(false))} />{' '}
            {t(`trk.cb.p.${p}` as Key)}
            {p === 'platform' ? ` (${platformMinutes} ${t('trk.cb.unit.min')})` : null}
          </label>
        ))}
      </fieldset>
      {choice === 'custom' ? (
        <div class={`field inline${bad ? ' has-error' : ''}`}>
          <label for="fu-cb-custom">{t('trk.cb.custom')}</label>
          <input id="fu-cb-custom" type="text" inputMode="decimal" value={custom} data-testid="fu-promise-value" aria-invalid={bad ? 'true' : undefined}
            aria-describedby={bad ? 'fu-cb-custom-err' : undefined} onInput={(e) => (set('custom', (e.currentTarget as HTMLInputElement).value), setBad(false))} />
          <label class="visually-hidden" for="fu-cb-unit">{t('trk.cb.custom')}</label>
          <select id="fu-cb-unit" value={unit} data-testid="fu-promise-unit" onChange={(e) => set('unit', (e.currentTarget as HTMLSelectElement).value as 'min' | 'h')}>
            <option value="min">{t('trk.cb.unit.min')}</option>
            <option value="h">{t('trk.cb.unit.h')}</option>
          </select>
        </div>
      ) : null}
      {bad ? <p class="field-error" role="alert" id="fu-cb-custom-err">{t('trk.cb.customErr')}</p> : null}
      <div class="field">
        <label for="fu-cb-note">{t('trk.cb.note')}</label>
        <input id="fu-cb-note" type="text" value={note} onInput={(e) => set('note', (e.currentTarget as HTMLInputElement).value)} />
      </div>
      <ErrorNote error={error} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="fu-callback-save">{t('trk.cb.save')}</button>
        <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
