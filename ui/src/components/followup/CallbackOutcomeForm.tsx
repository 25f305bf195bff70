import { useEffect, useRef } from 'preact/hooks';
import type { CallbackView, IpcError, TrackingPanel } from '../../ipc';
import { useApp } from '../../context';
import { ErrorNote } from '../common';
import { onEscape, outcomeLabel } from './util';

export interface OutcomeDraft {
  outcome: string;
  note: string;
}

/** How a callback went. The draft and the error belong to the callback: they are still there when the form opens again. */
export function CallbackOutcomeForm({ cb, panel, draft, set, error, onSave, onCancel }: {
  cb: CallbackView;
  panel: TrackingPanel;
  draft: OutcomeDraft;
  set<K extends keyof OutcomeDraft>(name: K, value: OutcomeDraft[K]): void;
  error: IpcError | null;
  onSave(e: Event): void;
  onCancel(): void;
}) {
  const { t } = useApp();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form class="inline-panel fu-outcome" onSubmit={onSave} onKeyDown={onEscape(onCancel)} data-testid="fu-outcome-form">
      <fieldset>
        <legend>{t('trk.cb.outcomeTitle')}</legend>
        {panel.callback_outcomes.map((o, i) => (
          <label key={o.code} class="radio">
            <input type="radio" name={`cb-outcome-${cb.id}`} value={o.code} checked={draft.outcome === o.code} ref={i === 0 ? first : undefined}
              data-testid={`fu-outcome-${o.code}`} onChange={() => set('outcome', o.code)} />{' '}
            {outcomeLabel(t, o.code, o.label)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={`cb-note-${cb.id}`}>{t('trk.cb.outcomeNote')}</label>
        <input id={`cb-note-${cb.id}`} type="text" value={draft.note} data-testid="fu-outcome-note" onInput={(e) => set('note', (e.currentTarget as HTMLInputElement).value)} />
      </div>
      <ErrorNote error={error} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" data-testid="fu-outcome-save">{t('trk.cb.outcomeSave')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
