import type { Gallery } from '../../ipc';
import { useApp } from '../../context';
import { Badge } from '../common';

/** What the recommended channel needs, ticked off by the evidence there is. */
export function Checklist({ gallery }: { gallery: Gallery }) {
  const { t } = useApp();
  const c = gallery.checklist;
  return (
    <div class="checklist" data-testid="evidence-checklist">
      <h3>
        {t('ev.checklist', { channel: c.channel.label })} <Badge kind={c.covered === c.total ? 'ok' : 'info'}>{t('ev.checkCount', { covered: c.covered, total: c.total })}</Badge>
      </h3>
      <ul>
        {c.items.map((i) => (
          <li key={i.code} class={i.covered ? 'is-done' : 'is-todo'} data-testid="check-item" data-covered={String(i.covered)}>
            <span aria-hidden="true" class="tick">{i.covered ? '✓' : '○'}</span>{' '}
            <span class="visually-hidden">{i.covered ? t('ev.checkDone') : t('ev.checkTodo')}:</span>
            {i.label}
            {i.covered ? null : <small class="hint"> — {i.hint}</small>}
          </li>
        ))}
      </ul>
    </div>
  );
}
