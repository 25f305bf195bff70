import { useState } from 'preact/hooks';
import type { EvidenceView, Gallery, IpcError } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFields } from '../../hooks';
import { ErrorNote } from '../common';
import { EvidenceEditForm, type EvidenceDraft } from './EvidenceEditForm';
import { EvidenceFigure } from './EvidenceFigure';
import { RemoveConfirm } from './RemoveConfirm';

/** One piece of evidence in the gallery: its picture and details, edited or removed in place. */
export function EvidenceItem({ item, gallery, onView, onChanged, onFlash }: { item: EvidenceView; gallery: Gallery; onView(): void; onChanged(): Promise<void>; onFlash(m: string): void }) {
  const { api, t } = useApp();
  // Editing and confirming the removal are never shown together.
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [draft, set] = useFields<EvidenceDraft>({ kind: item.kind.code, caption: item.caption });
  const [error, setError] = useState<IpcError | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api.evidenceUpdate(item.id, draft.kind, draft.caption);
      setMode('view');
      onFlash(t('ev.saved'));
      await onChanged();
    } catch (err) {
      setError(toIpcError(err));
    }
  };
  const remove = async () => {
    try {
      await api.evidenceRemove(item.id);
      onFlash(t('ev.removed'));
      await onChanged();
    } catch (err) {
      setError(toIpcError(err));
    }
  };
  return (
    <li class="ev-item" data-testid="evidence-item" data-id={item.id}>
      <EvidenceFigure item={item} onView={onView} />
      {mode === 'edit' ? (
        <EvidenceEditForm gallery={gallery} draft={draft} set={set} onSave={save} onCancel={() => setMode('view')} />
      ) : mode === 'confirm' ? (
        <RemoveConfirm item={item} onYes={remove} onCancel={() => setMode('view')} />
      ) : (
        <p class="button-row">
          {item.viewable ? (
            <button type="button" class="btn btn-small" onClick={onView}>{t('ev.open')}</button>
          ) : null}
          <button type="button" class="btn btn-small" onClick={() => setMode('edit')} data-testid="evidence-edit">{t('ev.edit')}</button>
          <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setMode('confirm')} data-testid="evidence-remove">{t('ev.remove')}</button>
        </p>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
