import type { ComponentChildren } from 'preact';
import { useApp } from '../context';
import { useFlash } from '../hooks';
import type { IpcError } from '../ipc';
import { errorKey } from '../i18n';

/** A polite live region (copy confirmations, "advice updated"). Always rendered so readers pick it up. */
export function LiveNote({ msg, id }: { msg: string; id?: string }) {
  return (
    <span class="live-note" role="status" aria-live="polite" id={id}>
      {msg}
    </span>
  );
}

/** An IPC error in the user's language; the technical detail stays small. `children`: what to do about it. */
export function ErrorNote({ error, id, children }: { error: IpcError | null; id?: string; children?: ComponentChildren }) {
  const { t } = useApp();
  if (!error) return null;
  return (
    <p class="error-note" role="alert" id={id}>
      {t(errorKey(error.code))}
      {error.message ? <small class="error-detail">{t('err.detail', { message: error.message })}</small> : null}
      {children ? <span class="error-fix">{children}</span> : null}
    </p>
  );
}

/** Copies `text` and confirms with "copied" (common.copied) in a live region. */
export function CopyButton({
  text,
  label,
  class: cls = 'btn',
  testid,
}: {
  text: string;
  label: string;
  class?: string;
  testid?: string;
}) {
  const { api, t } = useApp();
  const [msg, flash] = useFlash();
  const copy = async () => {
    try {
      await api.copyText(text);
      flash(t('common.copied'));
    } catch {
      flash(t('common.copyFailed'));
    }
  };
  return (
    <span class="copy-wrap">
      <button type="button" class={cls} onClick={copy} data-testid={testid}>
        {label}
      </button>
      <LiveNote msg={msg} />
    </span>
  );
}

export function Badge({ children, kind = 'info' }: { children: ComponentChildren; kind?: 'info' | 'urgent' | 'ok' }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

/** The text-like input types the forms use. */
export type TextInputType = 'text' | 'tel' | 'email' | 'url' | 'datetime-local';

/**
 * Preact 11 types `<input>` as a union keyed on a literal `type`, which a type chosen at run time cannot
 * satisfy; every type listed above takes the same attributes, so this one place narrows it for the checker.
 */
export const inputType = (type: TextInputType) => type as 'text';
