import type { EvidenceView } from '../../ipc';
import { useApp } from '../../context';

/** Asks before a piece of evidence is removed; Cancel has the focus. */
export function RemoveConfirm({ item, onYes, onCancel }: { item: EvidenceView; onYes(): void; onCancel(): void }) {
  const { t } = useApp();
  return (
    <div class="confirm" role="group" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p>{t('ev.removeConfirm', { name: item.original_name })}</p>
      <button type="button" class="btn btn-small btn-danger" onClick={onYes} data-testid="evidence-remove-yes">{t('ev.removeYes')}</button>{' '}
      <button type="button" class="btn btn-small" onClick={onCancel} autoFocus>{t('common.cancel')}</button>
    </div>
  );
}
