// The case page's follow-up section: the case's tickets (status in plain words, when last
// checked, any sync problem with its fix), submitting a ticket through a helpdesk (subject, text and
// the evidence that goes with it shown first) or recording one submitted elsewhere (number + status
// by hand), promised callbacks with a live countdown (to the second; overdue in red with what to do)
// and their outcome, and the deadlines with countdowns and the escalation hint once they pass.
// Everything a helpdesk or the tracker wrote (statuses, subjects, reasons) is rendered as text.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallbackView, CaseDetail, DeadlineView, Gallery, HelpdeskView, IpcError, TicketCreated, TicketView, TrackingPanel } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash, useNow } from '../hooks';
import type { Key } from '../i18n';
import { isOpenable } from '../lib/links';
import {
  callbackPhase, canResume, deadlineInfo, liveCountdown, problemInfo, PROMISES, promiseMinutes, statusLabel, type PromiseChoice,
} from '../lib/tracking';
import { formatLocal } from '../lib/time';
import { Badge, ErrorNote, LiveNote } from './common';

const COMPLAINT_URL = 'https://www.12315.cn/';

type Panel = 'create' | 'manual' | 'callback' | null;

/** `onChange` after anything here changed the case (its timeline). */
export function FollowUp({ detail, onChange }: { detail: CaseDetail; onChange(): void }) {
  const { api, t, trackerRev } = useApp();
  const caseId = detail.summary.id;
  const [panel, setPanel] = useState<TrackingPanel | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [open, setOpen] = useState<Panel>(null);
  const [created, setCreated] = useState<TicketCreated | null>(null);
  const [note, flash] = useFlash(8000);
  const live = !!panel && (panel.deadlines.length > 0 || panel.callbacks.some((c) => !c.outcome));
  // Ticks every second only while something is counted down.
  const now = useNow(live ? 1000 : 60_000);
  const opener = useRef<Record<string, HTMLButtonElement | null>>({});

  const load = () =>
    api.trackingPanel(caseId).then(
      (p) => {
        setPanel(p);
        setError(null);
      },
      (e) => setError(toIpcError(e)),
    );
  useEffect(() => {
    void load();
  }, [api, caseId, trackerRev]);

  const close = () => {
    const was = open;
    setOpen(null);
    if (was) setTimeout(() => opener.current[was]?.focus(), 0);
  };
  const changed = (msg: string) => {
    setOpen(null);
    flash(msg);
    void load();
    onChange();
  };
  const toggle = (p: Exclude<Panel, null>) => (open === p ? close() : setOpen(p));
  const btn = (p: Exclude<Panel, null>, key: Key, cls = 'btn') => (
    <button
      type="button"
      class={cls}
      ref={(el) => {
        opener.current[p] = el;
      }}
      aria-expanded={open === p}
      onClick={() => toggle(p)}
      data-testid={`fu-${p}`}
    >
      {t(key)}
    </button>
  );

  return (
    <section class="card follow-up" aria-labelledby="fu-h" data-testid="follow-up">
      <h2 id="fu-h">{t('trk.title')}</h2>
      <p class="hint">{t('trk.intro')}</p>
      <LiveNote msg={note} />
      <ErrorNote error={error} />
      {!panel ? (
        error ? null : <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <>
          <h3>{t('trk.tickets')}</h3>
          {panel.tickets.length ? (
            <ul class="fu-list" data-testid="fu-tickets">
              {panel.tickets.map((tk) => (
                <Ticket key={tk.id} ticket={tk} panel={panel} onChanged={changed} onFixNumber={() => setOpen('manual')} />
              ))}
            </ul>
          ) : (
            <p>{t('trk.ticketsEmpty')}</p>
          )}
          <p class="button-row">
            {btn('create', 'trk.create', 'btn btn-primary')}
            {btn('manual', 'trk.manual')}
          </p>
          {open === 'create' ? <CreateTicket detail={detail} panel={panel} onClose={close} onCreated={(c) => (setCreated(c), changed(t('trk.create.done', { id: c.ticket.remote_id })))} /> : null}
          {created ? <CreatedNote c={created} onDismiss={() => setCreated(null)} /> : null}
          {open === 'manual' ? <ManualTicket caseId={caseId} panel={panel} onClose={close} onSaved={(tk) => changed(t('trk.manual.done', { id: tk.remote_id }))} /> : null}

          <h3>{t('trk.callbacks')}</h3>
          {panel.callbacks.length ? (
            <ul class="fu-list" data-testid="fu-callbacks">
              {panel.callbacks.map((cb) => (
                <Callback key={cb.id} cb={cb} panel={panel} now={now} onChanged={changed} />
              ))}
            </ul>
          ) : (
            <p>{t('trk.callbacksEmpty')}</p>
          )}
          <p class="button-row">{btn('callback', 'trk.cb.request')}</p>
          {open === 'callback' ? (
            <RequestCallback detail={detail} panel={panel} onClose={close} onSaved={() => changed(t('trk.cb.saved'))} />
          ) : null}

          <h3>{t('trk.deadlines')}</h3>
          {panel.deadlines.length ? (
            <ul class="fu-list" data-testid="fu-deadlines">
              {panel.deadlines.map((d, i) => (
                <Deadline key={`${d.kind.code}-${d.ticket_id ?? i}`} d={d} panel={panel} now={now} />
              ))}
            </ul>
          ) : (
            <p>{t('trk.deadlinesEmpty')}</p>
          )}
        </>
      )}
    </section>
  );
}

/** Closes an inline panel on Escape (and keeps the key from closing anything around it). */
const onEscape = (close: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.stopPropagation();
    close();
  }
};

function Ticket({ ticket: tk, panel, onChanged, onFixNumber }: { ticket: TicketView; panel: TrackingPanel; onChanged(msg: string): void; onFixNumber(): void }) {
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

function CreateTicket({ detail, panel, onClose, onCreated }: { detail: CaseDetail; panel: TrackingPanel; onClose(): void; onCreated(c: TicketCreated): void }) {
  const { api, t, navigate } = useApp();
  const desks = panel.helpdesks.filter((h) => h.kind.code !== 'manual');
  const [desk, setDesk] = useState(desks[0]?.name ?? '');
  const [gallery, setGallery] = useState<Gallery | null>(null);
  const [locked, setLocked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  const rec = detail.analysis.recommendation;
  const text = rec.texts.find((x) => x.kind === 'ticket');
  useEffect(() => {
    first.current?.focus();
    api.evidenceList(detail.summary.id).then(setGallery, (e) => {
      setGallery(null);
      setLocked(toIpcError(e).code === 'vault_locked');
    });
  }, [api]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!desk) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.ticketCreate(detail.summary.id, desk));
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  const files = gallery?.items ?? [];
  const tokenProblem = error && ['auth', 'no_token', 'helpdesk', 'keychain'].includes(error.code);
  return (
    <form class="card inline-panel" onSubmit={submit} onKeyDown={onEscape(onClose)} aria-labelledby="fu-create-h" data-testid="fu-create-form">
      <h3 id="fu-create-h">{t('trk.create.title')}</h3>
      {desks.length === 0 ? (
        <div data-testid="fu-no-helpdesk">
          <p>{t('trk.create.noHelpdesk')}</p>
          <p class="button-row">
            <button type="button" class="btn btn-primary" onClick={() => navigate({ name: 'settings', helpdesk: '' })}>{t('trk.create.goSettings')}</button>
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          </p>
        </div>
      ) : (
        <>
          <div class="field">
            <label for="fu-desk">{t('trk.create.helpdesk')}</label>
            <select id="fu-desk" ref={first} value={desk} data-testid="fu-desk" onChange={(e) => setDesk((e.currentTarget as HTMLSelectElement).value)}>
              {desks.map((h: HelpdeskView) => (
                <option key={h.name} value={h.name}>{h.name}({h.kind.label})</option>
              ))}
            </select>
          </div>
          <dl class="fu-preview">
            <dt>{t('trk.create.subject')}</dt>
            <dd data-testid="fu-subject">{rec.subject}</dd>
            {text ? (
              <>
                <dt>{t('trk.create.body')}</dt>
                <dd><p class="description-text">{text.body}</p></dd>
              </>
            ) : null}
          </dl>
          {text?.has_placeholders ? <p class="placeholder-note">{t('trk.create.placeholders')}</p> : null}
          {files.length ? (
            <div data-testid="fu-attach">
              <p>{t('trk.create.attach', { n: files.length })}</p>
              <ul>
                {files.map((f) => (
                  <li key={f.id}>{f.original_name}({f.kind.label})</li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="hint" data-testid="fu-attach-none">{t(locked ? 'trk.create.vaultLocked' : 'trk.create.attachNone')}</p>
          )}
          <ErrorNote error={error}>
            {tokenProblem ? (
              <button type="button" class="btn btn-small" onClick={() => navigate({ name: 'settings', helpdesk: desk })}>{t('trk.fix.token')}</button>
            ) : null}
          </ErrorNote>
          <p class="button-row">
            <button type="submit" class="btn btn-primary" disabled={busy || !desk} data-testid="fu-create-submit">
              {busy ? t('trk.create.submitting') : t('trk.create.submit')}
            </button>
            <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
          </p>
        </>
      )}
    </form>
  );
}

/** What went with the ticket just submitted, and what could not (with the reason, as text). */
function CreatedNote({ c, onDismiss }: { c: TicketCreated; onDismiss(): void }) {
  const { t } = useApp();
  return (
    <div class="ok-note" role="status" data-testid="fu-created">
      <p>{t('trk.create.done', { id: c.ticket.remote_id })}</p>
      {c.attached.length ? <p>{t('trk.created.attached', { names: c.attached.join(', ') })}</p> : null}
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

function ManualTicket({ caseId, panel, onClose, onSaved }: { caseId: string; panel: TrackingPanel; onClose(): void; onSaved(t: TicketView): void }) {
  const { api, t, lang } = useApp();
  const manualDesks = panel.helpdesks.filter((h) => h.kind.code === 'manual');
  const [number, setNumber] = useState('');
  const [status, setStatus] = useState(panel.manual_statuses[0]?.code ?? 'new');
  const [desk, setDesk] = useState('');
  const [url, setUrl] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!number.trim()) {
      setMissing(true);
      first.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.ticketRecord(caseId, { helpdesk: desk || null, remote_id: number.trim(), status, url: url.trim() }));
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  return (
    <form class="card inline-panel" onSubmit={submit} onKeyDown={onEscape(onClose)} aria-labelledby="fu-manual-h" data-testid="fu-manual-form">
      <h3 id="fu-manual-h">{t('trk.manual.title')}</h3>
      <div class="grid">
        <div class={`field${missing ? ' has-error' : ''}`}>
          <label for="fu-number">{t('trk.manual.number')}</label>
          <input id="fu-number" ref={first} type="text" value={number} data-testid="fu-number" aria-invalid={missing ? 'true' : undefined}
            aria-describedby={missing ? 'fu-number-err' : undefined}
            onInput={(e) => (setNumber((e.currentTarget as HTMLInputElement).value), setMissing(false))} />
          {missing ? <small class="field-error" role="alert" id="fu-number-err">{t('trk.manual.err')}</small> : null}
        </div>
        <div class="field">
          <label for="fu-mstatus">{t('trk.manual.status')}</label>
          <select id="fu-mstatus" value={status} data-testid="fu-mstatus" onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
            {panel.manual_statuses.map((s) => (
              <option key={s.code} value={s.code}>{statusLabel(s.code, lang)}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="fu-mdesk">{t('trk.manual.helpdesk')}</label>
          <select id="fu-mdesk" value={desk} onChange={(e) => setDesk((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('trk.manual.helpdeskNone')}</option>
            {manualDesks.map((h) => (
              <option key={h.name} value={h.name}>{h.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="fu-murl">{t('trk.manual.url')}</label>
          <input id="fu-murl" type="url" value={url} onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)} />
        </div>
      </div>
      <ErrorNote error={error} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="fu-manual-save">{t('trk.manual.save')}</button>
        <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}

function Callback({ cb, panel, now, onChanged }: { cb: CallbackView; panel: TrackingPanel; now: Date; onChanged(msg: string): void }) {
  const { api, t, lang } = useApp();
  const [logging, setLogging] = useState(false);
  const [outcome, setOutcome] = useState(panel.callback_outcomes[0]?.code ?? 'called');
  const [note, setNote] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const phase = callbackPhase(cb.due_at, now, cb.outcome);
  const left = liveCountdown(cb.due_at, now, lang);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (logging) first.current?.focus();
  }, [logging]);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api.callbackOutcome(cb.id, outcome, note.trim());
      onChanged(t('trk.cb.outcomeSaved'));
    } catch (err) {
      setError(toIpcError(err));
    }
  };
  const outcomeLabel = (code: string, label: string) => {
    const k = `trk.cb.o.${code}` as Key;
    const s = t(k);
    return s === k ? label : s;
  };
  return (
    <li class={`fu-item cb-${phase}`} data-testid="fu-cb" data-phase={phase}>
      <p class="fu-head">
        <strong>{t('trk.cb.line', { channel: cb.channel.label, time: formatLocal(cb.due_at, lang, now) })}</strong>
      </p>
      <p class="fu-meta">
        {t('trk.cb.requested', { time: formatLocal(cb.requested_at, lang, now) })}
        {cb.note ? <> · <span>{cb.note}</span></> : null}
      </p>
      {phase === 'done' ? (
        <p><Badge kind="ok">{t('trk.cb.done', { outcome: cb.outcome ? outcomeLabel(cb.outcome.code, cb.outcome.label) : '' })}</Badge></p>
      ) : (
        <>
          <p class={`cb-countdown${phase === 'overdue' ? ' is-overdue' : phase === 'due' ? ' is-due' : ''}`}>
            <span class="cb-state">
              {phase === 'overdue' ? t('trk.cb.overdue') : phase === 'due' ? t('trk.cb.due') : t('trk.cb.waiting')}
            </span>{' '}
            {left ? (
              <strong class="cb-clock" data-testid="fu-cb-countdown" aria-live="off">
                {left.text}
              </strong>
            ) : null}
          </p>
          {phase === 'overdue' ? <p class="error-note" role="alert" data-testid="fu-cb-overdue">{t('trk.cb.overdueWhat')}</p> : null}
          {logging ? (
            <form class="inline-panel fu-outcome" onSubmit={save} onKeyDown={onEscape(() => setLogging(false))} data-testid="fu-outcome-form">
              <fieldset>
                <legend>{t('trk.cb.outcomeTitle')}</legend>
                {panel.callback_outcomes.map((o, i) => (
                  <label key={o.code} class="radio">
                    <input type="radio" name={`cb-outcome-${cb.id}`} value={o.code} checked={outcome === o.code} ref={i === 0 ? first : undefined}
                      data-testid={`fu-outcome-${o.code}`} onChange={() => setOutcome(o.code)} />{' '}
                    {outcomeLabel(o.code, o.label)}
                  </label>
                ))}
              </fieldset>
              <div class="field">
                <label for={`cb-note-${cb.id}`}>{t('trk.cb.outcomeNote')}</label>
                <input id={`cb-note-${cb.id}`} type="text" value={note} data-testid="fu-outcome-note" onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
              </div>
              <ErrorNote error={error} />
              <p class="button-row">
                <button type="submit" class="btn btn-primary" data-testid="fu-outcome-save">{t('trk.cb.outcomeSave')}</button>
                <button type="button" class="btn" onClick={() => setLogging(false)}>{t('common.cancel')}</button>
              </p>
            </form>
          ) : (
            <p class="button-row">
              <button type="button" class={`btn${phase === 'waiting' ? '' : ' btn-primary'}`} onClick={() => setLogging(true)} data-testid="fu-outcome">
                {t('trk.cb.outcome')}
              </button>
            </p>
          )}
        </>
      )}
    </li>
  );
}

/** The channels that call back. */
const CALLBACK_CHANNELS = ['vip_exclusive', 'phone', 'online_chat'];

function RequestCallback({ detail, panel, onClose, onSaved }: { detail: CaseDetail; panel: TrackingPanel; onClose(): void; onSaved(): void }) {
  const { api, t, vocab } = useApp();
  const channels = vocab.channels.filter((c) => CALLBACK_CHANNELS.includes(c.code));
  const primary = detail.analysis.recommendation.primary.channel.code;
  const [channel, setChannel] = useState(CALLBACK_CHANNELS.includes(primary) ? primary : (channels[0]?.code ?? 'vip_exclusive'));
  const [choice, setChoice] = useState<PromiseChoice>('10m');
  const [custom, setCustom] = useState('');
  const [unit, setUnit] = useState<'min' | 'h'>('min');
  const [note, setNote] = useState('');
  const [bad, setBad] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const platformMinutes = channel === 'vip_exclusive' ? panel.vip_callback_minutes : panel.callback_minutes;
  const submit = async (e: Event) => {
    e.preventDefault();
    const minutes = promiseMinutes(choice, custom, unit);
    if (minutes === 'invalid') {
      setBad(true);
      return;
    }
    setBusy(true);
    try {
      await api.callbackRequest(detail.summary.id, { channel, promise_minutes: minutes, requested_at: '', note: note.trim() });
      onSaved();
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  return (
    <form class="card inline-panel" onSubmit={submit} onKeyDown={onEscape(onClose)} aria-labelledby="fu-cb-h" data-testid="fu-callback-form">
      <h3 id="fu-cb-h">{t('trk.cb.title')}</h3>
      <div class="field">
        <label for="fu-cb-channel">{t('trk.cb.channel')}</label>
        <select id="fu-cb-channel" ref={first} value={channel} onChange={(e) => setChannel((e.currentTarget as HTMLSelectElement).value)}>
          {channels.map((c) => (
            <option key={c.code} value={c.code}>{c.label}</option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('trk.cb.promise')}</legend>
        {PROMISES.map((p) => (
          <label key={p} class="radio">
            <input type="radio" name="fu-promise" value={p} checked={choice === p} data-testid={`fu-promise-${p}`}
              onChange={() => (setChoice(p), setBad(false))} />{' '}
            {t(`trk.cb.p.${p}` as Key)}
            {p === 'platform' ? ` (${platformMinutes} ${t('trk.cb.unit.min')})` : null}
          </label>
        ))}
      </fieldset>
      {choice === 'custom' ? (
        <div class={`field inline${bad ? ' has-error' : ''}`}>
          <label for="fu-cb-custom">{t('trk.cb.custom')}</label>
          <input id="fu-cb-custom" type="text" inputMode="decimal" value={custom} data-testid="fu-promise-value" aria-invalid={bad ? 'true' : undefined}
            aria-describedby={bad ? 'fu-cb-custom-err' : undefined} onInput={(e) => (setCustom((e.currentTarget as HTMLInputElement).value), setBad(false))} />
          <label class="visually-hidden" for="fu-cb-unit">{t('trk.cb.custom')}</label>
          <select id="fu-cb-unit" value={unit} data-testid="fu-promise-unit" onChange={(e) => setUnit((e.currentTarget as HTMLSelectElement).value as 'min' | 'h')}>
            <option value="min">{t('trk.cb.unit.min')}</option>
            <option value="h">{t('trk.cb.unit.h')}</option>
          </select>
        </div>
      ) : null}
      {bad ? <p class="field-error" role="alert" id="fu-cb-custom-err">{t('trk.cb.customErr')}</p> : null}
      <div class="field">
        <label for="fu-cb-note">{t('trk.cb.note')}</label>
        <input id="fu-cb-note" type="text" value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <ErrorNote error={error} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="fu-callback-save">{t('trk.cb.save')}</button>
        <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}

function Deadline({ d, panel, now }: { d: DeadlineView; panel: TrackingPanel; now: Date }) {
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
