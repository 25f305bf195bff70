import { useState } from 'preact/hooks';
import type { IpcError, TicketView, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import type { Key } from '../../i18n';
import { isOpenable } from '../../lib/links';
import { problemInfo } from '../../lib/tracking';
import { formatLocal } from '../../lib/time';
import { Badge, ErrorNote } from '../common';
import { TicketProblem } from './TicketProblem';
import { TicketStatusSetter } from './TicketStatusSetter';

/** One ticket: its status in plain words, when it was last checked, any sync problem with its fix. */
export function Ticket({ ticket: tk, panel, onChanged, onFixNumber }: { ticket: TicketView; panel: TrackingPanel; onChanged(msg: string): void; onFixNumber(): void }) {
  const { api, t, lang } = useApp();
  const [error, setError] = useState<IpcError | null>(null);
  const problem = problemInfo(tk.problem_code);
  const label = tk.status ? tk.status.label : t('trk.status.unknown');
  /** Runs `call`; then says `done`, or shows what went wrong under the ticket. */
  const act = async (call: () => Promise<unknown>, done: Key) => {
    try {
      await call();
      onChanged(t(done));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  return (
    <li class={`fu-item${problem ? ' has-problem' : ''}`} data-testid="fu-ticket" data-id={tk.id}>
      <p class="fu-head">
        <strong>{t('trk.ticket.line', { id: tk.remote_id })}</strong>{' '}
        {/* A ticket recorded by hand has no helpdesk of the user's to name (its stored name is a code word). */}
        {tk.manual ? null : <span class="muted">{t('trk.ticket.at', { helpdesk: tk.helpdesk })}</span>}{' '}
        <span class="fu-status">
          {t('trk.ticket.status')}
          <Badge kind={tk.status && /^(resolved|closed|solved)$/i.test(tk.status.code) ? 'ok' : 'info'}>
            <span data-testid="fu-ticket-status">{label}</span>
          </Badge>
        </span>
      </p>
      <p class="fu-subject">{tk.subject}</p>
      <p class="fu-meta">
        {t('trk.ticket.submitted', { time: formatLocal(tk.submitted_at, lang) })} ·{' '}
        {tk.manual ? t('trk.ticket.manual') : tk.last_synced_at ? t('trk.ticket.checked', { time: formatLocal(tk.last_synced_at, lang) }) : t('trk.ticket.neverChecked')}
      </p>
      {problem ? (
        <TicketProblem ticket={tk} problem={problem} onFixNumber={onFixNumber} onResume={() => act(() => api.ticketResume(tk.id), 'trk.ticket.resumed')} />
      ) : null}
      <p class="button-row">
        {tk.url && isOpenable(tk.url) ? (
          <button type="button" class="btn btn-small" onClick={() => api.openUrl(tk.url!).catch((e) => setError(toIpcError(e)))}>
            {t('trk.ticket.openPage')}
          </button>
        ) : null}
        {tk.manual ? (
          <TicketStatusSetter ticket={tk} panel={panel} onSave={(status) => act(() => api.ticketSetStatus(tk.id, status), 'trk.ticket.statusSaved')} />
        ) : null}
      </p>
      <ErrorNote error={error} />
    </li>
  );
}
