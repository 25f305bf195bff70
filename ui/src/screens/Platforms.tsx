import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExportedProfile, IpcError, PlatformEntry } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash } from '../hooks';
import type { Key } from '../i18n';
import {
  fromFormState,
  platformFieldOf,
  toFormState,
  type PlatformErrors,
  type PlatformField,
  type PlatformFormState,
} from '../lib/platformForm';
import { CopyButton, ErrorNote, inputType, LiveNote, type TextInputType } from '../components/common';

export function Platforms() {
  const { api, t, vocab } = useApp();
  const [list, setList] = useState<PlatformEntry[] | null>(null);
  const [editing, setEditing] = useState<PlatformFormState | null>(null);
  const [confirmId, setConfirmId] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportedProfile | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, flash] = useFlash(5000);

  const reload = () => api.platformList().then(setList, (e) => setError(toIpcError(e)));
  useEffect(() => {
    reload();
  }, [api]);

  const add = async () => {
    try {
      const profile = await api.platformDefault();
      setEditing(toFormState({ id: null, profile: { ...profile, name: '' }, vip: false, verified: false }));
      setExported(null);
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const remove = async (p: PlatformEntry) => {
    if (!p.id) return;
    try {
      await api.platformDelete(p.id);
      setConfirmId(null);
      flash(t('pf.deleted'));
      reload();
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const doExport = async (p: PlatformEntry) => {
    if (!p.id) return;
    try {
      setExported(await api.platformExport(p.id));
    } catch (e) {
      setError(toIpcError(e));
    }
  };

  return (
    <div class="screen platforms" data-screen="platforms">
      <h1>{t('pf.title')}</h1>
      <p class="hint">{t('pf.intro')}</p>
      <LiveNote msg={note} />
      <ErrorNote error={error} />

      {editing ? null : <QuickAdd onAdded={(p) => (flash(t('pf.saved', { name: p.profile.name })), reload())} />}

      {editing ? (
        <PlatformEditor
          initial={editing}
          onClose={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            flash(t('pf.saved', { name: p.profile.name }));
            reload();
          }}
        />
      ) : (
        <p>
          <button type="button" class="btn btn-primary" onClick={add} data-testid="platform-add">
            {t('pf.add')}
          </button>
        </p>
      )}

      {list === null ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {list && list.length === 0 ? <p>{t('pf.empty')}</p> : null}
      {list && list.length ? (
        <ul class="platform-list">
          {list.map((p) => (
            <li key={p.id ?? p.profile.name} class="card" data-testid="platform-item">
              <h2 class="platform-name">{p.profile.name}</h2>
              <p class="case-meta">
                {p.profile.channels.map((c) => vocab.channels.find((x) => x.code === c)?.label ?? c).join(' · ')}
                {p.vip ? ` · ${t('pf.vip')}` : ''}
                {p.verified ? ` · ${t('pf.verified')}` : ''}
              </p>
              {confirmId === p.id ? (
                <div class="confirm" role="group" onKeyDown={(e) => e.key === 'Escape' && setConfirmId(null)}>
                  <p>{t('pf.deleteConfirm', { name: p.profile.name })}</p>
                  <button type="button" class="btn btn-danger" onClick={() => remove(p)}>
                    {t('common.delete')}
                  </button>{' '}
                  <button type="button" class="btn" onClick={() => setConfirmId(null)} autoFocus>
                    {t('common.cancel')}
                  </button>
                </div>
              ) : (
                <p class="button-row">
                  <button type="button" class="btn" onClick={() => (setEditing(toFormState(p)), setExported(null))}>
                    {t('common.edit')}
                  </button>
                  <button type="button" class="btn" onClick={() => doExport(p)}>
                    {t('pf.export')}
                  </button>
                  <button type="button" class="btn btn-danger-outline" onClick={() => setConfirmId(p.id)}>
                    {t('common.delete')}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      ) : null}

      {exported ? (
        <section class="card" aria-labelledby="exp-h">
          <h2 id="exp-h">{t('pf.export')}</h2>
          <p class="path">{t('pf.exported', { path: exported.path })}</p>
          <label for="exp-toml" class="visually-hidden">
            {t('pf.tomlText')}
          </label>
          <textarea id="exp-toml" readOnly rows={8} value={exported.toml} class="mono" />
          <p class="button-row">
            <CopyButton text={exported.toml} label={t('pf.copyToml')} />
            <button type="button" class="btn" onClick={() => setExported(null)}>
              {t('common.close')}
            </button>
          </p>
        </section>
      ) : null}

      <ImportBox
        onImported={(p) => {
          flash(t('pf.imported', { name: p.profile.name }));
          reload();
        }}
      />
    </div>
  );
}

function ImportBox({ onImported }: { onImported(p: PlatformEntry): void }) {
  const { api, t } = useApp();
  const [toml, setToml] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const readFile = (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const r = new FileReader();
    r.onload = () => setToml(String(r.result ?? ''));
    r.readAsText(file);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!toml.trim()) return;
    try {
      const p = await api.platformImport(toml);
      setToml('');
      setError(null);
      onImported(p);
    } catch (err) {
      setError(toIpcError(err));
    }
  };
  return (
    <form class="card import" onSubmit={submit} aria-labelledby="imp-h">
      <h2 id="imp-h">{t('pf.import')}</h2>
      <div class="field">
        <label for="imp-file">{t('pf.importFile')}</label>
        <input id="imp-file" type="file" accept=".toml,text/plain" onChange={readFile} />
      </div>
      <div class="field field-wide">
        <label for="imp-text">{t('pf.importPaste')}</label>
        <textarea id="imp-text" rows={5} class="mono" value={toml} onInput={(e) => setToml((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      <ErrorNote error={error} />
      <button type="submit" class="btn" disabled={!toml.trim()}>
        {t('pf.importDo')}
      </button>
    </form>
  );
}

function PlatformEditor({
  initial,
  onClose,
  onSaved,
}: {
  initial: PlatformFormState;
  onClose(): void;
  onSaved(p: PlatformEntry): void;
}) {
  const { api, t, vocab } = useApp();
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<PlatformErrors>({});
  const [serverError, setServerError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const set = (patch: Partial<PlatformFormState>) => setF({ ...f, ...patch });
  const submit = async (e: Event) => {
    e.preventDefault();
    const { entry, errors } = fromFormState(f);
    setErrors(errors);
    if (!entry) return;
    setBusy(true);
    try {
      onSaved(await api.platformSave(entry));
    } catch (err) {
      const ipc = toIpcError(err);
      const field = platformFieldOf(ipc.field);
      if (field) setErrors({ [field]: 'err.invalid_field' });
      setServerError(ipc);
      setBusy(false);
    }
  };

  const err = (k: PlatformField) =>
    errors[k] ? (
      <small class="field-error" id={`pf-${k}-err`} role="alert">
        {t(errors[k] as Key)}
      </small>
    ) : null;
  const text = (k: PlatformField & keyof PlatformFormState, type: TextInputType = 'text', hint?: Key, ref?: typeof nameRef) => (
    <div class={`field${errors[k] ? ' has-error' : ''}`}>
      <label for={`pf-${k}`}>{t(`pf.${k}` as Key)}</label>
      <input
        id={`pf-${k}`}
        ref={ref}
        type={inputType(type)}
        value={f[k] as string}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={[hint ? `pf-${k}-hint` : '', errors[k] ? `pf-${k}-err` : ''].filter(Boolean).join(' ') || undefined}
        onInput={(e) => set({ [k]: (e.currentTarget as HTMLInputElement).value } as Partial<PlatformFormState>)}
      />
      {hint ? (
        <small class="hint" id={`pf-${k}-hint`}>
          {t(hint)}
        </small>
      ) : null}
      {err(k)}
    </div>
  );
  const check = (k: 'business_days_only' | 'callback_service' | 'vip' | 'verified', label: Key) => (
    <label class="check">
      <input type="checkbox" checked={f[k]} onChange={(e) => set({ [k]: (e.currentTarget as HTMLInputElement).checked })} />{' '}
      {t(label)}
    </label>
  );

  return (
    <form
      class="card inline-panel platform-editor"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      aria-labelledby="pf-edit-h"
    >
      <h2 id="pf-edit-h">{f.id ? t('pf.editTitle', { name: initial.name }) : t('pf.newTitle')}</h2>
      {text('name', 'text', undefined, nameRef)}
      <fieldset class={`field field-wide${errors.channels ? ' has-error' : ''}`}>
        <legend>{t('pf.channels')}</legend>
        {vocab.channels.map((c) => (
          <label key={c.code} class="check">
            <input
              type="checkbox"
              checked={f.channels.includes(c.code)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                set({ channels: on ? [...f.channels, c.code] : f.channels.filter((x) => x !== c.code) });
              }}
            />{' '}
            {c.label}
          </label>
        ))}
        {err('channels')}
      </fieldset>
      <div class="grid">
        {text('chat_url', 'url')}
        {text('ticket_url', 'url')}
        {text('email', 'email')}
        {text('vip_contact')}
        {text('qq', 'text', 'pf.qq.hint')}
        {text('phone_number', 'tel')}
        {text('phone_hours', 'text', 'pf.phone_hours.hint')}
        {text('peaks', 'text', 'pf.peaks.hint')}
        {text('vip_threshold_cny', 'text')}
        {text('vip_callback_minutes', 'text')}
        {text('ticket_sla_business_days', 'text')}
        {text('recharge_window_hours', 'text')}
      </div>
      <div class="checks">
        {check('business_days_only', 'pf.business_days_only')}
        {check('callback_service', 'pf.callback_service')}
      </div>
      <fieldset class="checks">
        <legend>{t('pf.me')}</legend>
        {check('vip', 'pf.vip')}
        {check('verified', 'pf.verified')}
      </fieldset>
      {Object.keys(errors).length ? <p class="field-error">{t('pf.err.fix')}</p> : null}
      <ErrorNote error={serverError} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="platform-save">
          {t('common.save')}
        </button>
        <button type="button" class="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

/** Adding a platform takes one field: its name and whatever the user has; the rest can wait. */
function QuickAdd({ onAdded }: { onAdded(p: PlatformEntry): void }) {
  const { api, t } = useApp();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  // A WeChat / WeCom QR picture pasted into the contact box (kept as a data: URL, shown small).
  const [picture, setPicture] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const onPaste = (e: ClipboardEvent) => {
    const file = [...(e.clipboardData?.items ?? [])].find((i) => i.type.startsWith('image/'))?.getAsFile();
    if (!file) return;
    e.preventDefault();
    const reader = new FileReader();
    reader.onload = () => setPicture(String(reader.result));
    reader.readAsDataURL(file);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const p = await api.platformQuickAdd(name, picture ?? contact);
      setName('');
      setContact('');
      setPicture(null);
      setError(null);
      onAdded(p);
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card quick-add" onSubmit={submit} data-testid="pf-quick">
      <h2>{t('pf.quick.title')}</h2>
      <div class="grid">
        <p class="field">
          <label for="pf-quick-name">{t('pf.quick.name')}</label>
          <input id="pf-quick-name" value={name} data-testid="pf-quick-name" onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </p>
        <p class="field">
          <label for="pf-quick-contact">{t('pf.quick.contact')}</label>
          <input id="pf-quick-contact" value={contact} placeholder={t('pf.quick.contactHint')} data-testid="pf-quick-contact"
            onPaste={onPaste} onInput={(e) => setContact((e.currentTarget as HTMLInputElement).value)} />
          {picture ? (
            <span class="pasted-qr" data-testid="pf-quick-picture">
              <img src={picture} alt={t('pf.quick.pictureAlt')} width={64} height={64} />{' '}
              {t('pf.quick.picture')}{' '}
              <button type="button" class="btn btn-small btn-link" onClick={() => setPicture(null)}>
                {t('pf.quick.pictureRemove')}
              </button>
            </span>
          ) : null}
        </p>
      </div>
      <button type="submit" class="btn btn-primary" disabled={busy} data-testid="pf-quick-add">
        {t('pf.quick.add')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
