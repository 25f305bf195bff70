// The mailbox form. Typing the address asks the backend for its preset: QQ/163/126/Gmail fill the
// servers and say what to enter as the password (an authorization code / app password); an
// Outlook/Hotmail address is refused at once with the reason (Microsoft lets other programs in only
// through its own sign-in), before anyone types a password; any other address opens the servers to be
// typed by hand.
// The password field is never filled back: on a change, empty keeps the saved one.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { IpcError, MailPresetView, MailTestResult } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { debounce } from '../../lib/debounce';
import { emptyMailDraft, failedStep, TEST_STEPS, toForm, withPreset, type MailDraft } from '../../lib/mail';
import { errorField } from '../../lib/missing';
import { errorKey, type Key } from '../../i18n';
import { ErrorNote, inputType, type TextInputType } from '../common';
import { securityKey } from './MailAccountRow';

type Field = keyof MailDraft;
/** The fields the backend may name, and the input each is shown at. */
const SERVER_FIELDS: Field[] = ['imap_host', 'imap_port', 'smtp_host', 'smtp_port', 'security'];

type Tested = { ok: MailTestResult } | { fail: IpcError };

export function MailAccountForm({ initial, passwordSaved, onSaved, onCancel }: {
  initial: MailDraft;
  /** Changing a saved mailbox whose password is in the keychain: an empty password keeps it. */
  passwordSaved: boolean;
  onSaved(a: { name: string }): void;
  onCancel?: () => void;
}) {
  const { api, t } = useApp();
  const [d, setD] = useState<MailDraft>(initial);
  const [preset, setPreset] = useState<MailPresetView | null>(null);
  const [oauth, setOauth] = useState(false);
  const [manual, setManual] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  // The field the last test's failure named (its sentence is in the test's result, not repeated).
  const [badField, setBadField] = useState<string | null>(null);
  const [tested, setTested] = useState<Tested | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  // The preset whose servers are in the form: a later lookup of the same provider leaves hand edits alone.
  const applied = useRef<string | null>(null);
  // Servers typed by hand since the address last changed: a preset arriving late does not overwrite them.
  const handTyped = useRef(false);
  const seq = useRef(0);

  const lookup = useMemo(
    () =>
      debounce((email: string, fill: boolean) => {
        const n = ++seq.current;
        api.mailPresetFor(email).then(
          (p) => {
            if (n !== seq.current) return;
            setOauth(false);
            setPreset(p);
            if (p && applied.current !== p.id) {
              applied.current = p.id;
              if (fill && !handTyped.current) setD((x) => withPreset(x, p));
            }
            if (!p && fill && applied.current && !handTyped.current) {
              // Another provider's servers are still in the form (qq.com, then example.org): clear them.
              applied.current = null;
              setD((x) => ({ ...emptyMailDraft(), name: x.name, email: x.email, password: x.password }));
            }
            // No preset for a complete address: its servers are to be typed by hand.
            if (!p && /@[^@\s]+$/.test(email.trim())) setManual(true);
          },
          (e) => {
            if (n !== seq.current) return;
            setPreset(null);
            // A half-typed address is not an error yet; only "this provider cannot work" is said now.
            setOauth(toIpcError(e).code === 'mail_oauth_only');
          },
        );
      }, 250),
    [api],
  );
  useEffect(() => {
    // A saved mailbox: show its preset's help, keep its own servers.
    if (initial.email) lookup(initial.email, false);
    return () => lookup.cancel();
  }, [lookup]);

  const set = (patch: Partial<MailDraft>) => {
    setD((x) => ({ ...x, ...patch }));
    setTested(null);
  };
  const setEmail = (email: string) => {
    set({ email });
    handTyped.current = false;
    if (email.includes('@')) lookup(email, true);
    else {
      lookup.cancel();
      seq.current++;
      setPreset(null);
      setOauth(false);
    }
  };
  /** What a refusal changes in the form: the Outlook state, the servers opened when one is at fault. */
  const refused = (ie: IpcError) => {
    if (ie.code === 'mail_oauth_only') setOauth(true);
    const f = errorField(ie);
    if (f && SERVER_FIELDS.includes(f as Field)) setManual(true);
    return f;
  };
  const test = async () => {
    setBusy('test');
    setError(null);
    setBadField(null);
    setTested(null);
    try {
      setTested({ ok: await api.mailTest(toForm(d)) });
    } catch (e) {
      // Every failure of the test is its result (a step's, or a field to fix, which is also marked).
      const ie = toIpcError(e);
      setBadField(refused(ie));
      setTested({ fail: ie });
    }
    setBusy(null);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (oauth) return;
    setBusy('save');
    setError(null);
    setBadField(null);
    try {
      const saved = await api.mailAccountSave(toForm(d));
      // The password now lives in the keychain only: forget it here.
      setD((x) => ({ ...x, password: '' }));
      onSaved(saved);
    } catch (err) {
      const ie = toIpcError(err);
      refused(ie);
      setError(ie);
    }
    setBusy(null);
  };

  const bad = errorField(error) ?? badField;
  const editing = !!initial.name;
  const field = (k: Field, label: Key, type: TextInputType | 'password', extra: Record<string, unknown> = {}) => (
    <div class={`field${bad === k ? ' has-error' : ''}`}>
      <label for={`mail-${k}`}>{t(label)}</label>
      <input
        id={`mail-${k}`}
        type={type === 'password' ? (type as 'text') : inputType(type)}
        value={d[k]}
        data-testid={`mail-${k.replace('_', '-')}`}
        aria-invalid={bad === k ? 'true' : undefined}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLInputElement).value;
          if (k === 'email') return setEmail(v);
          if (SERVER_FIELDS.includes(k)) handTyped.current = true;
          set({ [k]: v });
        }}
        {...extra}
      />
    </div>
  );

  return (
    <form class="mail-form" onSubmit={save} aria-labelledby="mail-form-h" data-testid="mail-form"
      onKeyDown={(e) => onCancel && e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <h3 id="mail-form-h">{editing ? t('mail.formEdit', { name: initial.name }) : t('mail.formAdd')}</h3>
      <div class="grid">
        {field('email', 'mail.email', 'email', { autocomplete: 'email', spellcheck: false, 'aria-describedby': 'mail-email-note' })}
        {/* The name is the mailbox's key (its password is kept under it): fixed once saved. */}
        {field('name', 'mail.name', 'text', { placeholder: t('mail.namePlaceholder'), readOnly: editing })}
      </div>
      <div id="mail-email-note" aria-live="polite">
        {oauth ? (
          <p class="error-note" data-testid="mail-oauth">{t('mail.oauthOnly')}</p>
        ) : preset ? (
          <p class="ok-note" data-testid="mail-preset">{t('mail.presetFound', { name: preset.name })}</p>
        ) : null}
      </div>
      <div class="grid">
        {field('password', 'mail.password', 'password', {
          autocomplete: 'new-password', spellcheck: false, disabled: oauth, 'aria-describedby': 'mail-password-help',
        })}
      </div>
      <p class="hint mail-help" id="mail-password-help" data-testid="mail-password-help">
        {preset ? preset.password_help : t('mail.passwordHint')}
        {passwordSaved ? ` ${t('mail.passwordKeep')}` : ''}
      </p>

      <h4 class="mail-servers-h">
        <button type="button" class="btn btn-link disclosure" aria-expanded={manual} aria-controls="mail-servers"
          onClick={() => setManual(!manual)} data-testid="mail-manual">
          {t('mail.manual')}
        </button>
      </h4>
      {!manual && d.imap_host && d.smtp_host ? (
        <p class="hint path" data-testid="mail-servers-summary">
          {t('mail.servers', { imap: `${d.imap_host}:${d.imap_port}`, smtp: `${d.smtp_host}:${d.smtp_port}`, security: t(securityKey(d.security)) })}
        </p>
      ) : null}
      {/* Always in the page (hidden when closed), so a preset's values are what gets saved. */}
      <div id="mail-servers" class="grid" hidden={!manual}>
        {field('imap_host', 'mail.imapHost', 'text', { spellcheck: false, placeholder: 'imap.example.com' })}
        {field('imap_port', 'mail.imapPort', 'text', { inputMode: 'numeric', maxLength: 5 })}
        {field('smtp_host', 'mail.smtpHost', 'text', { spellcheck: false, placeholder: 'smtp.example.com' })}
        {field('smtp_port', 'mail.smtpPort', 'text', { inputMode: 'numeric', maxLength: 5 })}
        <div class={`field${bad === 'security' ? ' has-error' : ''}`}>
          <label for="mail-security">{t('mail.security')}</label>
          <select id="mail-security" value={d.security} data-testid="mail-security" aria-invalid={bad === 'security' ? 'true' : undefined}
            onChange={(e) => ((handTyped.current = true), set({ security: (e.currentTarget as HTMLSelectElement).value }))}>
            {['tls', 'starttls', 'plain'].map((s) => (
              <option key={s} value={s}>{t(securityKey(s))}</option>
            ))}
          </select>
        </div>
      </div>

      <ErrorNote error={error} />
      <div aria-live="polite">{tested ? <TestResult r={tested} /> : null}</div>
      <p class="button-row">
        <button type="button" class="btn" onClick={test} disabled={oauth || busy !== null} data-testid="mail-test">
          {busy === 'test' ? t('mail.testing') : t('mail.test')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={oauth || busy !== null} data-testid="mail-save">
          {t('common.save')}
        </button>
        {onCancel ? <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button> : null}
      </p>
    </form>
  );
}

/** What "test connection" found: the inbox and the Sent folder, or the steps up to the one that failed. */
function TestResult({ r }: { r: Tested }) {
  const { t } = useApp();
  if ('ok' in r) {
    return (
      <div class="ok-note" data-testid="mail-test-result" data-ok="true">
        <p>{t('mail.testOk', { n: r.ok.inbox_messages })}</p>
        <p>{r.ok.sent_folder ? t('mail.testSent', { folder: r.ok.sent_folder }) : t('mail.testNoSent')}</p>
      </div>
    );
  }
  const step = failedStep(r.fail.code);
  const at = step ? TEST_STEPS.indexOf(step) : -1;
  return (
    <div class="error-note" role="alert" data-testid="mail-test-result" data-ok="false" data-step={step ?? undefined}>
      <p>{t(errorKey(r.fail.code))}</p>
      {step ? (
        <ol class="mail-steps">
          {TEST_STEPS.map((s, i) => (
            <li key={s} data-state={i < at ? 'ok' : i === at ? 'failed' : 'skipped'}>
              {t(i < at ? 'mail.stepOk' : i === at ? 'mail.stepFailed' : 'mail.stepSkipped', { step: t(`mail.step.${s}` as Key) })}
            </li>
          ))}
        </ol>
      ) : null}
      {r.fail.message ? <small class="error-detail">{t('err.detail', { message: r.fail.message })}</small> : null}
    </div>
  );
}
