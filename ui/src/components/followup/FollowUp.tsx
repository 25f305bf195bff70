// The case page's follow-up section: the case's tickets (status in plain words, when last
// checked, any sync problem with its fix), submitting a ticket through a helpdesk (subject, text and
// the evidence that goes with it shown first) or recording one submitted elsewhere (number + status
// by hand), promised callbacks with a live countdown (to the second; overdue in red with what to do)
// and their outcome, and the deadlines with countdowns and the escalation hint once they pass.
// Everything a helpdesk or the tracker wrote (statuses, subjects, reasons) is rendered as text.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDetail, IpcError, TicketCreated, TrackingPanel } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFlash, useNow } from '../../hooks';
import type { Key } from '../../i18n';
import { ErrorNote, LiveNote } from '../common';
import { Callback } from './Callback';
import { CallbackRequestForm } from './CallbackRequestForm';
import { CreatedNote } from './CreatedNote';
import { Deadline } from './Deadline';
import { HeadedList } from './HeadedList';
import { ManualTicketForm } from './ManualTicketForm';
import { NewTicketForm } from './NewTicketForm';
import { Ticket } from './Ticket';

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
          <HeadedList title="trk.tickets" empty="trk.ticketsEmpty" testid="fu-tickets" items={panel.tickets}
            item={(tk) => <Ticket key={tk.id} ticket={tk} panel={panel} onChanged={changed} onFixNumber={() => setOpen('manual')} />} />
          <p class="button-row">
            {btn('create', 'trk.create', 'btn btn-primary')}
            {btn('manual', 'trk.manual')}
          </p>
          {open === 'create' ? <NewTicketForm detail={detail} panel={panel} onClose={close} onCreated={(c) => (setCreated(c), changed(t('trk.create.done', { id: c.ticket.remote_id })))} /> : null}
          {created ? <CreatedNote c={created} onDismiss={() => setCreated(null)} /> : null}
          {open === 'manual' ? <ManualTicketForm caseId={caseId} panel={panel} onClose={close} onSaved={(tk) => changed(t('trk.manual.done', { id: tk.remote_id }))} /> : null}

          <HeadedList title="trk.callbacks" empty="trk.callbacksEmpty" testid="fu-callbacks" items={panel.callbacks}
            item={(cb) => <Callback key={cb.id} cb={cb} panel={panel} now={now} onChanged={changed} />} />
          <p class="button-row">{btn('callback', 'trk.cb.request')}</p>
          {open === 'callback' ? (
            <CallbackRequestForm detail={detail} panel={panel} onClose={close} onSaved={() => changed(t('trk.cb.saved'))} />
          ) : null}

          <HeadedList title="trk.deadlines" empty="trk.deadlinesEmpty" testid="fu-deadlines" items={panel.deadlines}
            item={(d, i) => <Deadline key={`${d.kind.code}-${d.ticket_id ?? i}`} d={d} panel={panel} now={now} />} />
        </>
      )}
    </section>
  );
}
