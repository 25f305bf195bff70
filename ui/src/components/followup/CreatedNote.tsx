import type { TicketCreated } from '../../ipc';
import { useApp } from '../../context';

/** What went with the ticket just submitted (location data removed from which photos), and what could
 *  not (with the reason, as text: a photo whose location could not be removed is not sent). */
export function CreatedNote({ c, onDismiss }: { c: TicketCreated; onDismiss(): void }) {
  const { t } = useApp();
  return (
    <div class="ok-note" role="status" data-testid="fu-created">
      <p>{t('trk.create.done', { id: c.ticket.remote_id })}</p>
      {c.attached.length ? <p>{t('trk.created.attached', { names: c.attached.join(', ') })}</p> : null}
      {c.location_removed.length ? (
        <p data-testid="fu-location">{t('ev.locationRemoved', { names: c.location_removed.join(', ') })}</p>
      ) : null}
      {c.skipped.length ? (
        <div class="error-note" data-testid="fu-skipped">
          <p>{t('trk.created.skipped')}</p>
          <ul>
            {c.skipped.map((x, i) => (
              <li key={i}>
                <strong>{x.name}</strong>: {x.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" class="btn btn-small" onClick={onDismiss}>{t('common.close')}</button>
    </div>
  );
}
