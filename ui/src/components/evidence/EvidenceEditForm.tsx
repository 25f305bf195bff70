import type { Gallery } from '../../ipc';
import { useApp } from '../../context';

export interface EvidenceDraft {
  kind: string;
  caption: string;
}

/** Changing a piece of evidence's kind and caption in place. The draft belongs to the item: it outlives a cancel. */
export function EvidenceEditForm({ gallery, draft, set, onSave, onCancel }: {
  gallery: Gallery;
  draft: EvidenceDraft;
  set<K extends keyof EvidenceDraft>(name: K, value: EvidenceDraft[K]): void;
  onSave(e: Event): void;
  onCancel(): void;
}) {
  const { t } = useApp();
  return (
    <form class="ev-edit" onSubmit={onSave} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <label>
        {t('ev.kind')}{' '}
        <select value={draft.kind} data-testid="evidence-edit-kind" onChange={(e) => set('kind', (e.currentTarget as HTMLSelectElement).value)}>
          {gallery.kinds.map((k) => (
            <option key={k.code} value={k.code}>{k.label}</option>
          ))}
        </select>
      </label>
      <label>
        {t('ev.caption')}{' '}
        <input type="text" value={draft.caption} data-testid="evidence-edit-caption" onInput={(e) => set('caption', (e.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="btn btn-small btn-primary" data-testid="evidence-edit-save">{t('common.save')}</button>{' '}
      <button type="button" class="btn btn-small" onClick={onCancel}>{t('common.cancel')}</button>
    </form>
  );
}
