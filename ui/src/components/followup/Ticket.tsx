import { useState } from 'preact/hooks';
import type { IpcError, TicketView, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { isOpenable } from '../../lib/links';
import { canResume, problemInfo, statusLabel } from '../../lib/tracking';
import { formatLocal } from '../../lib/time';
import { Badge, ErrorNote } from '../common';

/** One ticket: its status in plain words, when it was last checked, any sync problem with its fix. */
export function Ticket({ ticket: tk, panel, onChanged, onFixNumber }: { ticket: TicketView; panel: TrackingPanel; onChanged(msg: string): void; onFixNumber(): void }) {
  const { api, t, lang, navigate } = useApp();
  const [status, setStatus] = useState(tk.status?.code ?? 'new');
  const [error, setError] = useState<IpcError | null>(null);
  const problem = problemInfo(tk.problem_code);
  const label = tk.status ? statusLabel(tk.status.code, lang) : t('trk.status.unknown');
  const saveStatus = async () => {
    try {
      await api.ticketSetStatus(tk.id, status);
      onChanged(t('trk.ticket.statusSaved'));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const resume = async () => {
    try {
      await api.ticketResume(tk.id);
      onChanged(t('trk.ticket.resumed'));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const fix = () => {
    if (!problem) return;
    if (problem.fix === 'token' || problem.fix === 'settings') navigate({ name: 'settings', helpdesk: tk.helpdesk });
    else if (problem.fix === 'number') onFixNumber();
  };
  return (
    <li class={`fu-item${problem ? ' has-problem' : ''}`} data-testid="fu-ticket" data-id={tk.id}>
      <p class="fu-head">
        <strong>{t('trk.ticket.line', { id: tk.remote_id })}</strong> <span class="muted">{t('trk.ticket.at', { helpdesk: tk.helpdesk })}</span>{' '}
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
        <div class="error-note fu-problem" role="alert" data-testid="fu-problem">
          <strong>{t(problem.key)}</strong>
          {tk.problem ? <small class="error-detail">{tk.problem}</small> : null}
          {problem.fix === 'wait' ? (
            <small class="error-fix">{t('trk.fix.wait')}</small>
          ) : (
            <span class="error-fix">
              <button type="button" class="btn btn-small btn-primary" onClick={fix} data-testid="fu-fix">
                {t(problem.fix === 'token' ? 'trk.fix.token' : problem.fix === 'number' ? 'trk.fix.number' : 'trk.fix.settings')}
              </button>
              {canResume(tk.problem_code, tk.manual) ? (
                <button type="button" class="btn btn-small" onClick={resume} data-testid="fu-resume">
                  {t('trk.fix.resume')}
                </button>
              ) : null}
            </span>
          )}
        </div>
      ) : null}
      <p class="button-row">
        {tk.url && isOpenable(tk.url) ? (
          <button type="button" class="btn btn-small" onClick={() => api.openUrl(tk.url!).catch((e) => setError(toIpcError(e)))}>
            {t('trk.ticket.openPage')}
          </button>
        ) : null}
        {tk.manual ? (
          <span class="field inline">
            <label for={`tk-status-${tk.id}`}>{t('trk.manual.status')}</label>
            <select id={`tk-status-${tk.id}`} value={status} data-testid="fu-ticket-set" onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
              {panel.manual_statuses.map((s) => (
                <option key={s.code} value={s.code}>{statusLabel(s.code, lang)}</option>
              ))}
            </select>
            <button type="button" class="btn btn-small" onClick={saveStatus} disabled={status === tk.status?.code} data-testid="fu-ticket-save">
              {t('trk.ticket.setStatus')}
            </button>
          </span>
        ) : null}
      </p>
      <ErrorNote error={error} />
    </li>
  );
}
