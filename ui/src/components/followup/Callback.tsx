import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallbackView, IpcError, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { callbackPhase, liveCountdown } from '../../lib/tracking';
import { formatLocal } from '../../lib/time';
import { Badge, ErrorNote } from '../common';
import { onEscape, outcomeLabel } from './util';

/** A promised callback with a live countdown (overdue in red with what to do), then its outcome. */
export function Callback({ cb, panel, now, onChanged }: { cb: CallbackView; panel: TrackingPanel; now: Date; onChanged(msg: string): void }) {
  const { api, t, lang } = useApp();
  const [logging, setLogging] = useState(false);
  const [outcome, setOutcome] = useState(panel.callback_outcomes[0]?.code ?? 'called');
  const [note, setNote] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const phase = callbackPhase(cb.due_at, now, cb.outcome);
  const left = liveCountdown(cb.due_at, now, lang);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (logging) first.current?.focus();
  }, [logging]);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api.callbackOutcome(cb.id, outcome, note.trim());
      onChanged(t('trk.cb.outcomeSaved'));
    } catch (err) {
      setError(toIpcError(err));
    }
  };
  return (
    <li class={`fu-item cb-${phase}`} data-testid="fu-cb" data-phase={phase}>
      <p class="fu-head">
        <strong>{t('trk.cb.line', { channel: cb.channel.label, time: formatLocal(cb.due_at, lang, now) })}</strong>
      </p>
      <p class="fu-meta">
        {t('trk.cb.requested', { time: formatLocal(cb.requested_at, lang, now) })}
        {cb.note ? <> · <span>{cb.note}</span></> : null}
      </p>
      {phase === 'done' ? (
        <p><Badge kind="ok">{t('trk.cb.done', { outcome: cb.outcome ? outcomeLabel(t, cb.outcome.code, cb.outcome.label) : '' })}</Badge></p>
      ) : (
        <>
          <p class={`cb-countdown${phase === 'overdue' ? ' is-overdue' : phase === 'due' ? ' is-due' : ''}`}>
            <span class="cb-state">
              {phase === 'overdue' ? t('trk.cb.overdue') : phase === 'due' ? t('trk.cb.due') : t('trk.cb.waiting')}
            </span>{' '}
            {left ? (
              <strong class="cb-clock" data-testid="fu-cb-countdown" aria-live="off">
                {left.text}
              </strong>
            ) : null}
          </p>
          {phase === 'overdue' ? <p class="error-note" role="alert" data-testid="fu-cb-overdue">{t('trk.cb.overdueWhat')}</p> : null}
          {logging ? (
            <form class="inline-panel fu-outcome" onSubmit={save} onKeyDown={onEscape(() => setLogging(false))} data-testid="fu-outcome-form">
              <fieldset>
                <legend>{t('trk.cb.outcomeTitle')}</legend>
                {panel.callback_outcomes.map((o, i) => (
                  <label key={o.code} class="radio">
                    <input type="radio" name={`cb-outcome-${cb.id}`} value={o.code} checked={outcome === o.code} ref={i === 0 ? first : undefined}
                      data-testid={`fu-outcome-${o.code}`} onChange={() => setOutcome(o.code)} />{' '}
                    {outcomeLabel(t, o.code, o.label)}
                  </label>
                ))}
              </fieldset>
              <div class="field">
                <label for={`cb-note-${cb.id}`}>{t('trk.cb.outcomeNote')}</label>
                <input id={`cb-note-${cb.id}`} type="text" value={note} data-testid="fu-outcome-note" onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
              </div>
              <ErrorNote error={error} />
              <p class="button-row">
                <button type="submit" class="btn btn-primary" data-testid="fu-outcome-save">{t('trk.cb.outcomeSave')}</button>
                <button type="button" class="btn" onClick={() => setLogging(false)}>{t('common.cancel')}</button>
              </p>
            </form>
          ) : (
            <p class="button-row">
              <button type="button" class={`btn${phase === 'waiting' ? '' : ' btn-primary'}`} onClick={() => setLogging(true)} data-testid="fu-outcome">
                {t('trk.cb.outcome')}
              </button>
            </p>
          )}
        </>
      )}
    </li>
  );
}
