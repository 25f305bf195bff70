import { useState } from 'preact/hooks';
import type { CallbackView, IpcError, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFields } from '../../hooks';
import { callbackPhase, liveCountdown } from '../../lib/tracking';
import { formatLocal } from '../../lib/time';
import { Badge } from '../common';
import { CallbackOutcomeForm, type OutcomeDraft } from './CallbackOutcomeForm';
import { outcomeLabel } from './util';

/** A promised callback with a live countdown (overdue in red with what to do), then its outcome. */
export function Callback({ cb, panel, now, onChanged }: { cb: CallbackView; panel: TrackingPanel; now: Date; onChanged(msg: string): void }) {
  const { api, t, lang } = useApp();
  const [logging, setLogging] = useState(false);
  const [draft, set] = useFields<OutcomeDraft>({ outcome: panel.callback_outcomes[0]?.code ?? 'called', note: '' });
  const [error, setError] = useState<IpcError | null>(null);
  const phase = callbackPhase(cb.due_at, cb.overdue_at, now, cb.outcome);
  const left = liveCountdown(cb.due_at, now, lang);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api.callbackOutcome(cb.id, draft.outcome, draft.note.trim());
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
            <CallbackOutcomeForm cb={cb} panel={panel} draft={draft} set={set} error={error} onSave={save} onCancel={() => setLogging(false)} />
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
