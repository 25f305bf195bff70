// Settings for tracking: which kinds of notification reach the desktop (all are kept in the in-app list),
// and the helpdesks tickets are submitted to and synced from. A helpdesk's token is typed in a
// password field, sent once to the shell, which keeps it in the OS keychain only; the field is emptied
// as soon as it is saved and no token is ever shown again.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HelpdeskView, IpcError, NotifyPrefs } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash } from '../hooks';
import type { Key } from '../i18n';
import { HELPDESK_KINDS, helpdeskErrors, type HelpdeskDraft } from '../lib/tracking';
import { kindLabel } from '../screens/Notifications';
import { Badge, ErrorNote, LiveNote } from './common';

export function NotifyPrefsSection() {
  const { api, t } = useApp();
  const [prefs, setPrefs] = useState<NotifyPrefs | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, flash] = useFlash();
  useEffect(() => {
    api.notifyPrefsGet().then(setPrefs, (e) => setError(toIpcError(e)));
  }, [api]);
  const toggle = async (code: string, on: boolean) => {
    if (!prefs) return;
    const kinds = prefs.kinds.filter((k) => (k.code === code ? on : k.enabled)).map((k) => k.code);
    try {
      setPrefs(await api.notifyPrefsSave(kinds));
      setError(null);
      flash(t('common.saved'));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  return (
    <section class="card" aria-labelledby="set-notify-h" data-testid="settings-notify">
      <fieldset>
        <legend id="set-notify-h">
          <h2>{t('set.notify')}</h2>
        </legend>
        <p class="hint">{t('set.notifyHint')}</p>
        {prefs ? (
          <div class="checks">
            {prefs.kinds.map((k) => (
              <label key={k.code} class="check">
                <input type="checkbox" checked={k.enabled} data-testid={`notify-${k.code}`}
                  onChange={(e) => toggle(k.code, (e.currentTarget as HTMLInputElement).checked)} />{' '}
                {kindLabel(k, t)}
              </label>
            ))}
          </div>
        ) : error ? null : (
          <p aria-busy="true">{t('common.loading')}</p>
        )}
      </fieldset>
      <LiveNote msg={note} />
      <ErrorNote error={error} />
    </section>
  );
}

const emptyDraft = (): HelpdeskDraft => ({ name: '', kind: 'rt', url: '', queue: '', email: '', token: '' });

/** `focus`: open the form for that helpdesk (its token to be typed again); `''`: the empty form. */
export function HelpdesksSection({ focus }: { focus?: string }) {
  const { api, t } = useApp();
  const [list, setList] = useState<HelpdeskView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [draft, setDraft] = useState<HelpdeskDraft | null>(null);
  const [note, flash] = useFlash(6000);
  const section = useRef<HTMLElement>(null);

  const load = () => api.helpdeskList().then(setList, (e) => setError(toIpcError(e)));
  useEffect(() => {
    void load().then(() => undefined);
  }, [api]);
  // Arriving from a ticket's "enter the login again": open that helpdesk's form.
  useEffect(() => {
    if (focus === undefined || !list) return;
    const h = list.find((x) => x.name === focus);
    setDraft(h ? { name: h.name, kind: h.kind.code, url: h.url, queue: h.queue ?? '', email: h.email ?? '', token: '' } : emptyDraft());
    section.current?.scrollIntoView?.();
  }, [focus, list === null]);

  return (
    <section class="card" aria-labelledby="set-hd-h" data-testid="settings-helpdesks" ref={section}>
      <h2 id="set-hd-h">{t('hd.title')}</h2>
      <p class="hint">{t('hd.intro')}</p>
      <LiveNote msg={note} />
      <ErrorNote error={error} />
      {list && list.length ? (
        <ul class="hd-list">
          {list.map((h) => (
            <Helpdesk key={h.name} h={h} onEdit={() => setDraft({ name: h.name, kind: h.kind.code, url: h.url, queue: h.queue ?? '', email: h.email ?? '', token: '' })}
              onRemoved={() => (flash(t('hd.removed')), load())} />
          ))}
        </ul>
      ) : list ? (
        <p data-testid="hd-empty">{t('hd.empty')}</p>
      ) : null}
      {draft ? (
        <HelpdeskFormView
          key={draft.name || 'new'}
          initial={draft}
          tokenSaved={!!list?.find((x) => x.name === draft.name)?.token_saved}
          onClose={() => setDraft(null)}
          onSaved={(h) => {
            flash(t('hd.saved', { name: h.name }));
            void load();
          }}
        />
      ) : (
        <button type="button" class="btn btn-primary" onClick={() => setDraft(emptyDraft())} data-testid="hd-add">
          {t('hd.add')}
        </button>
      )}
    </section>
  );
}

function Helpdesk({ h, onEdit, onRemoved }: { h: HelpdeskView; onEdit(): void; onRemoved(): void }) {
  const { api, t } = useApp();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const remove = async () => {
    try {
      await api.helpdeskRemove(h.name);
      onRemoved();
    } catch (e) {
      setError(toIpcError(e));
      setConfirm(false);
    }
  };
  return (
    <li class="hd-item" data-testid="hd-item" data-name={h.name}>
      <p>
        <strong>{h.name}</strong> <Badge>{h.kind.label}</Badge>{' '}
        {h.needs_token ? (
          h.token_saved ? <Badge kind="ok">{t('hd.tokenStored')}</Badge> : <Badge kind="urgent">{t('hd.tokenMissing')}</Badge>
        ) : null}
      </p>
      {h.url ? <p class="hint path">{h.url}{h.queue ? ` · ${h.queue}` : ''}{h.email ? ` · ${h.email}` : ''}</p> : null}
      {confirm ? (
        <div class="confirm" role="group" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setConfirm(false))}>
          <p>{t('hd.removeConfirm', { name: h.name })}</p>
          <button type="button" class="btn btn-small btn-danger" onClick={remove} data-testid="hd-remove-yes">{t('hd.removeYes')}</button>{' '}
          <button type="button" class="btn btn-small" onClick={() => setConfirm(false)} autoFocus>{t('common.cancel')}</button>
        </div>
      ) : (
        <p class="button-row">
          {h.needs_token ? (
            <button type="button" class="btn btn-small" onClick={onEdit} data-testid="hd-retoken">{t('hd.retoken')}</button>
          ) : null}
          <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirm(true)} disabled={h.tickets > 0} data-testid="hd-remove">
            {t('hd.remove')}
          </button>
          {h.tickets > 0 ? <small class="hint">{t('hd.inUse', { n: h.tickets })}</small> : null}
        </p>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

function HelpdeskFormView({ initial, tokenSaved, onClose, onSaved }: { initial: HelpdeskDraft; tokenSaved: boolean; onClose(): void; onSaved(h: HelpdeskView): void }) {
  const { api, t } = useApp();
  const [f, setF] = useState<HelpdeskDraft>(initial);
  const [errs, setErrs] = useState<Partial<Record<keyof HelpdeskDraft, Key>>>({});
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const token = useRef<HTMLInputElement>(null);
  // After the screen's own focus on navigation (the App focuses <main> in the same flush).
  useEffect(() => {
    const id = setTimeout(() => (initial.name ? token.current : first.current)?.focus(), 0);
    return () => clearTimeout(id);
  }, []);
  const set = (patch: Partial<HelpdeskDraft>) => setF({ ...f, ...patch });
  const submit = async (e: Event) => {
    e.preventDefault();
    const same = f.name === initial.name;
    const found = helpdeskErrors(f, tokenSaved && same, same && initial.url ? initial.url : undefined);
    setErrs(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const manual = f.kind === 'manual';
      const saved = await api.helpdeskAdd({
        name: f.name.trim(), kind: f.kind, url: f.url.trim(), queue: !manual && f.queue.trim() ? f.queue.trim() : null,
        email: !manual && f.email.trim() ? f.email.trim() : null, token: !manual && f.token ? f.token : null,
      });
      // The token now lives in the keychain only: forget it here, and start a fresh form.
      setF(emptyDraft());
      setErrs({});
      onSaved(saved);
    } catch (err) {
      const ie = toIpcError(err);
      if (ie.field && ie.field in f) setErrs({ [ie.field]: 'err.invalid_field' } as typeof errs);
      setError(ie);
    }
    setBusy(false);
  };
  const field = (k: keyof HelpdeskDraft, label: Key, input: preact.JSX.Element) => (
    <div class={`field${errs[k] ? ' has-error' : ''}`}>
      <label for={`hd-${k}`}>{t(label)}</label>
      {input}
      {errs[k] ? <small class="field-error" role="alert" id={`hd-${k}-err`}>{t(errs[k]!)}</small> : null}
    </div>
  );
  const aria = (k: keyof HelpdeskDraft) => ({ 'aria-invalid': errs[k] ? ('true' as const) : undefined, 'aria-describedby': errs[k] ? `hd-${k}-err` : undefined });
  const manual = f.kind === 'manual';
  return (
    <form class="inline-panel card" onSubmit={submit} aria-labelledby="hd-form-h" data-testid="hd-form"
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <h3 id="hd-form-h">{t('hd.add')}</h3>
      <div class="grid">
        {field('name', 'hd.name', <input id="hd-name" ref={first} type="text" value={f.name} data-testid="hd-name" {...aria('name')}
          onInput={(e) => set({ name: (e.currentTarget as HTMLInputElement).value })} />)}
        <div class="field">
          <label for="hd-kind">{t('hd.kind')}</label>
          <select id="hd-kind" value={f.kind} data-testid="hd-kind" onChange={(e) => set({ kind: (e.currentTarget as HTMLSelectElement).value })}>
            {HELPDESK_KINDS.map((k) => (
              <option key={k} value={k}>{t(`hd.kind.${k}` as Key)}</option>
            ))}
          </select>
        </div>
        {field('url', 'hd.url', <input id="hd-url" type="url" value={f.url} placeholder="https://" data-testid="hd-url" {...aria('url')}
          onInput={(e) => set({ url: (e.currentTarget as HTMLInputElement).value })} />)}
        {f.kind === 'rt' ? field('queue', 'hd.queue', <input id="hd-queue" type="text" value={f.queue} data-testid="hd-queue" {...aria('queue')}
          onInput={(e) => set({ queue: (e.currentTarget as HTMLInputElement).value })} />) : null}
        {manual ? null : field('email', 'hd.email', <input id="hd-email" type="email" value={f.email} data-testid="hd-email" {...aria('email')}
          onInput={(e) => set({ email: (e.currentTarget as HTMLInputElement).value })} />)}
        {manual ? null : field('token', 'hd.token', <input id="hd-token" ref={token} type="password" autocomplete="new-password" spellcheck={false}
          value={f.token} data-testid="hd-token" {...aria('token')} onInput={(e) => set({ token: (e.currentTarget as HTMLInputElement).value })} />)}
      </div>
      {manual ? null : <p class="hint" data-testid="hd-token-note">{t('hd.tokenNote')}</p>}
      {f.kind === 'zendesk' ? <p class="hint" data-testid="hd-zendesk-note">{t('hd.zendeskNote')}</p> : null}
      <ErrorNote error={error} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="hd-save">{t('hd.save')}</button>
        <button type="button" class="btn" onClick={onClose}>{t('common.close')}</button>
      </p>
    </form>
  );
}
