import { useApp } from '../../context';
import type { ImportRow } from '../../lib/evidence';
import { Badge } from '../common';

/** One line a file of the import under way: its progress and, if refused, the reason. */
export function ImportProgress({ rows, busy, onDismiss }: { rows: ImportRow[]; busy: boolean; onDismiss(): void }) {
  const { t } = useApp();
  const total = rows.length;
  const working = rows.findIndex((r) => r.state === 'working');
  return (
    <div class="import-progress" role="status" aria-live="polite" data-testid="evidence-progress">
      <h3 class="visually-hidden">{t('ev.progress')}</h3>
      {working >= 0 ? <p>{t('ev.importing', { n: working + 1, total, name: rows[working].name })}</p> : null}
      <ul>
        {rows.map((r, i) => (
          <li key={i} class={`ir-${r.state}`} data-testid="import-row" data-state={r.state}>
            <strong>{r.name}</strong>{' '}
            {r.state === 'added' ? <Badge kind="ok">{t('ev.added')}</Badge> : null}
            {r.state === 'duplicate' ? <span>{t('ev.duplicate')}</span> : null}
            {r.state === 'failed' ? (
              <span class="error-text">
                {t('ev.failed')}:{r.reason}
              </span>
            ) : null}
            {r.state === 'working' ? <span aria-busy="true">…</span> : null}
          </li>
        ))}
      </ul>
      {busy ? null : (
        <button type="button" class="btn btn-small" onClick={onDismiss}>
          {t('ev.dismiss')}
        </button>
      )}
    </div>
  );
}
