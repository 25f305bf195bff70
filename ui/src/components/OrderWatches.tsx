// Home: waiting for a paid order to arrive. The user notes an order just paid for (order number, when, within how many
// minutes it should arrive); each watch counts down, turns late when the time has passed, and offers
// "it arrived", "stop watching" and — once late — "get help", which opens a case pre-filled with the order.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IpcError, OrderWatchView } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash, useNow } from '../hooks';
import type { Key } from '../i18n';
import { liveCountdown, orderPhase, withinMinutes } from '../lib/tracking';
import { dateToLocalInput, formatLocal, fromLocalInput } from '../lib/time';
import { Badge, ErrorNote, LiveNote } from './common';

export function OrderWatches() {
  const { api, t, trackerRev } = useApp();
  const [watches, setWatches] = useState<OrderWatchView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [adding, setAdding] = useState(false);
  const [note, flash] = useFlash(6000);
  const load = () => api.orderWatchList().then(setWatches, (e) => setError(toIpcError(e)));
  useEffect(() => {
    void load();
  }, [api, trackerRev]);
  // Ticks every second only while something is counted down.
  const now = useNow(watches?.length ? 1000 : 60_000);

  return (
    <section class="card order-watches" aria-labelledby="ow-h" data-testid="order-watches">
      <h2 id="ow-h">{t('ow.title')}</h2>
      <p class="hint">{t('ow.intro')}</p>
      <LiveNote msg={note} />
      <ErrorNote error={error} />
      {watches && watches.length ? (
        <ul class="ow-list">
          {watches.map((w) => (
            <Watch key={w.id} w={w} now={now} onDone={(msg) => (flash(msg), load())} onError={setError} />
          ))}
        </ul>
      ) : watches ? (
        <p data-testid="ow-empty">{t('ow.empty')}</p>
      ) : null}
      {adding ? (
        <AddWatch
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            flash(t('ow.saved'));
            void load();
          }}
        />
      ) : (
        <button type="button" class="btn" onClick={() => setAdding(true)} data-testid="ow-add">
          {t('ow.add')}
        </button>
      )}
    </section>
  );
}

function Watch({ w, now, onDone, onError }: { w: OrderWatchView; now: Date; onDone(msg: string): void; onError(e: IpcError): void }) {
  const { api, t, lang, navigate } = useApp();
  const [busy, setBusy] = useState(false);
  const phase = orderPhase(w.state.code, w.expected_at, now);
  const left = liveCountdown(w.expected_at, now, lang);
  const act = async (f: () => Promise<unknown>, msg: Key) => {
    setBusy(true);
    try {
      await f();
      onDone(t(msg));
    } catch (e) {
      onError(toIpcError(e));
      setBusy(false);
    }
  };
  const openCase = async () => {
    setBusy(true);
    try {
      const d = await api.orderWatchOpenCase(w.id);
      navigate({ name: 'case', id: d.summary.id });
    } catch (e) {
      onError(toIpcError(e));
      setBusy(false);
    }
  };
  return (
    <li class={`ow-item${phase === 'late' ? ' is-late' : ''}`} data-testid="ow-item" data-phase={phase}>
      <p class="ow-head">
        <strong>{t('ow.line', { order: w.order_id })}</strong>
        {w.product ? <span> · {w.product}</span> : null}
        {w.amount ? <span> · {w.amount}</span> : null}{' '}
        <Badge kind={phase === 'late' ? 'urgent' : 'info'}>{phase === 'late' ? t('ow.late') : t('ow.waiting')}</Badge>
      </p>
      <p class="ow-times">
        {t('ow.paid', { time: formatLocal(w.paid_at, lang, now) })} · {t('ow.expect', { time: formatLocal(w.expected_at, lang, now) })}
        {left ? (
          <>
            {' '}
            <span class={`deadline${left.overdue ? ' is-overdue' : ''}`} data-testid="ow-countdown">
              {left.text}
            </span>
          </>
        ) : null}
      </p>
      {phase === 'late' ? <p class="ow-late-what" role="alert">{t('ow.lateWhat')}</p> : null}
      <p class="button-row">
        {phase === 'late' ? (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={openCase} data-testid="ow-open-case">
            {t('ow.openCase')}
          </button>
        ) : null}
        <button type="button" class="btn" disabled={busy} onClick={() => act(() => api.orderWatchConfirm(w.id), 'ow.confirmed')} data-testid="ow-confirm">
          {t('ow.confirm')}
        </button>
        <button type="button" class="btn btn-link" disabled={busy} onClick={() => act(() => api.orderWatchDismiss(w.id), 'ow.dismissed')} data-testid="ow-dismiss">
          {t('ow.dismiss')}
        </button>
      </p>
    </li>
  );
}

function AddWatch({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const { api, t } = useApp();
  const first = useRef<HTMLInputElement>(null);
  const [f, setF] = useState({ order_id: '', product: '', amount: '', paid_at: dateToLocalInput(new Date()), within: '30' });
  const [errs, setErrs] = useState<Partial<Record<'order_id' | 'paid_at' | 'within', Key>>>({});
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => first.current?.focus(), []);
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });

  const submit = async (e: Event) => {
    e.preventDefault();
    const within = withinMinutes(f.within);
    const found: typeof errs = {};
    if (!f.order_id.trim()) found.order_id = 'ow.err.order';
    if (!f.paid_at) found.paid_at = 'ow.err.paidAt';
    if (within === null) found.within = 'ow.err.within';
    setErrs(found);
    if (Object.keys(found).length || within === null) return;
    setBusy(true);
    try {
      await api.orderWatchAdd({
        order_id: f.order_id.trim(), product: f.product.trim(), amount: f.amount.trim(), platform_id: null,
        paid_at: fromLocalInput(f.paid_at), within_minutes: within,
      });
      onSaved();
    } catch (err) {
      const ie = toIpcError(err);
      if (ie.field === 'order_id' || ie.field === 'paid_at') setErrs({ [ie.field]: 'err.invalid_field' });
      else if (ie.field === 'within_minutes' || ie.field === 'within') setErrs({ within: 'ow.err.within' });
      else setError(ie);
      setBusy(false);
    }
  };
  const fe = (k: keyof typeof errs) =>
    errs[k] ? (
      <small class="field-error" role="alert" id={`ow-${k}-err`}>
        {t(errs[k]!)}
      </small>
    ) : null;
  return (
    <form class="inline-panel card" onSubmit={submit} aria-labelledby="ow-add-h" data-testid="ow-form"
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <h3 id="ow-add-h">{t('ow.addTitle')}</h3>
      <div class="grid">
        <div class={`field${errs.order_id ? ' has-error' : ''}`}>
          <label for="ow-order">{t('ow.order')}</label>
          <input id="ow-order" ref={first} type="text" value={f.order_id} data-testid="ow-order" aria-invalid={errs.order_id ? 'true' : undefined}
            aria-describedby={errs.order_id ? 'ow-order_id-err' : undefined} onInput={(e) => set({ order_id: (e.currentTarget as HTMLInputElement).value })} />
          {fe('order_id')}
        </div>
        <div class="field">
          <label for="ow-product">{t('ow.product')}</label>
          <input id="ow-product" type="text" value={f.product} data-testid="ow-product" onInput={(e) => set({ product: (e.currentTarget as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="ow-amount">{t('ow.amount')}</label>
          <input id="ow-amount" type="text" inputMode="decimal" value={f.amount} onInput={(e) => set({ amount: (e.currentTarget as HTMLInputElement).value })} />
        </div>
        <div class={`field${errs.paid_at ? ' has-error' : ''}`}>
          <label for="ow-paid">{t('ow.paidAt')}</label>
          <input id="ow-paid" type="datetime-local" value={f.paid_at} data-testid="ow-paid" onInput={(e) => set({ paid_at: (e.currentTarget as HTMLInputElement).value })} />
          {fe('paid_at')}
        </div>
        <div class={`field${errs.within ? ' has-error' : ''}`}>
          <label for="ow-within">{t('ow.within')}</label>
          <input id="ow-within" type="text" inputMode="numeric" value={f.within} data-testid="ow-within" aria-invalid={errs.within ? 'true' : undefined}
            onInput={(e) => set({ within: (e.currentTarget as HTMLInputElement).value })} />
          {fe('within')}
        </div>
      </div>
      <ErrorNote error={error} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="ow-save">{t('ow.save')}</button>
        <button type="button" class="btn" onClick={onClose}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
