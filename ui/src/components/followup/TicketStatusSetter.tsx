import { useState } from 'preact/hooks';
import type { TicketView, TrackingPanel } from '../../ipc';
import { useApp } from '../../context';

/** Setting the status of a ticket recorded by hand (nothing checks it for the user). */
export function TicketStatusSetter({ ticket: tk, panel, onSave }: { ticket: TicketView; panel: TrackingPanel; onSave(status: string): void }) {
  const { t } = useApp();
  const [status, setStatus] = useState(tk.status?.code ?? 'new');
  return (
    <span class="field inline">
      <label for={`tk-status-${tk.id}`}>{t('trk.manual.status')}</label>
      <select id={`tk-status-${tk.id}`} value={status} data-testid="fu-ticket-set" onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
        {panel.manual_statuses.map((s) => (
          <option key={s.code} value={s.code}>{s.label}</option>
        ))}
      </select>
      <button type="button" class="btn btn-small" onClick={() => onSave(status)} disabled={status === tk.status?.code} data-testid="fu-ticket-save">
        {t('trk.ticket.setStatus')}
      </button>
    </span>
  );
}
