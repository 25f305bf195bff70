import type { DeadlineView, TrackingPanel } from '../../ipc';
import { useApp } from '../../context';
import { deadlineInfo, liveCountdown } from '../../lib/tracking';
import { formatLocal } from '../../lib/time';

const COMPLAINT_URL = 'https://www.12315.cn/';

/** A deadline with its countdown, and the escalation hint once it passes. */
export function Deadline({ d, panel, now }: { d: DeadlineView; panel: TrackingPanel; now: Date }) {
  const { api, t, lang } = useApp();
  const info = deadlineInfo(d.kind.code, d.due_at, d.warn_at, now);
  const left = liveCountdown(d.due_at, now, lang);
  const ticket = d.ticket_id !== null ? panel.tickets.find((x) => x.id === d.ticket_id) : undefined;
  // The shell's label names the platform's own number of business days; ours is the fallback.
  const label = info.label === 'trk.dl.other' || (d.kind.code === 'ticket_sla' && d.kind.label) ? d.kind.label : t(info.label);
  const hint = info.hint ? t(info.hint) : info.overdue && d.hint ? d.hint : null;
  const calm = !hint && d.hint ? d.hint : null;
  return (
    <li class={`fu-item deadline-item${info.overdue ? ' is-overdue' : info.soon ? ' is-soon' : ''}`} data-testid="fu-deadline" data-kind={d.kind.code} data-overdue={String(info.overdue)}>
      <p class="fu-head">
        <strong>{label}</strong>
        {ticket ? <span> · {t('trk.ticket.line', { id: ticket.remote_id })}</span> : null}
      </p>
      <p>
        {t('trk.dl.until', { time: formatLocal(d.due_at, lang, now) })}{' '}
        {left ? <span class={`deadline${left.overdue ? ' is-overdue' : ''}`} data-testid="fu-dl-countdown">{left.text}</span> : null}
      </p>
      {calm ? <p class="hint">{calm}</p> : null}
      {hint ? (
        <p class={info.overdue ? 'error-note' : 'warnings'} role={info.overdue ? 'alert' : undefined} data-testid="fu-dl-hint">
          {hint}
          {info.overdue && d.kind.code === 'ticket_sla' ? (
            <span class="error-fix">
              <button type="button" class="btn btn-small" onClick={() => api.openUrl(COMPLAINT_URL).catch(() => undefined)}>{t('trk.dl.open12315')}</button>
            </span>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}
