// Settings → my mailbox: the user's own mailboxes, for sending a case's e-mail with its evidence and for
// the tracker to find the platform's answers. The list never shows a password (only whether the
// keychain has one); the form is always there, so adding a mailbox takes no extra click.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IpcError, MailAccountView } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFlash } from '../../hooks';
import { emptyMailDraft, type MailDraft } from '../../lib/mail';
import { ErrorNote, LiveNote } from '../common';
import { MailAccountForm } from './MailAccountForm';
import { MailAccountRow } from './MailAccountRow';

/** `focus`: bring the card into view and put the cursor in the address (arriving from a case). */
export function MailAccounts({ focus }: { focus?: boolean }) {
  const { api, t, trackerRev } = useApp();
  const [list, setList] = useState<MailAccountView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  // The form's starting values: empty, or a saved mailbox being changed (its password left empty).
  const [editing, setEditing] = useState<{ draft: MailDraft; saved: boolean; rev: number }>({ draft: emptyMailDraft(), saved: false, rev: 0 });
  const [note, flash] = useFlash(6000);
  const section = useRef<HTMLElement>(null);
  // After the screen's own focus on navigation (the App focuses <main> in the same flush).
  useEffect(() => {
    if (!focus) return;
    const id = setTimeout(() => {
      section.current?.scrollIntoView?.({ block: 'start' });
      section.current?.querySelector<HTMLInputElement>('#mail-email')?.focus();
    }, 0);
    return () => clearTimeout(id);
  }, [focus]);

  const load = () =>
    api.mailAccountList().then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e) => setError(toIpcError(e)),
    );
  // The tracker writes a mailbox's last error: show it when it changes.
  useEffect(() => {
    void load();
  }, [api, trackerRev]);

  const edit = (a: MailAccountView) =>
    setEditing((e) => ({
      draft: {
        name: a.name, email: a.email, imap_host: a.imap_host, imap_port: String(a.imap_port), smtp_host: a.smtp_host,
        smtp_port: String(a.smtp_port), security: a.security, password: '',
      },
      saved: a.password_saved === true,
      rev: e.rev + 1,
    }));
  const reset = () => setEditing((e) => ({ draft: emptyMailDraft(), saved: false, rev: e.rev + 1 }));

  return (
    <section ref={section} class="card mail-accounts" aria-labelledby="mail-h" data-testid="mail-accounts">
      <h2 id="mail-h">{t('mail.title')}</h2>
      <p class="hint">{t('mail.intro')}</p>
      <LiveNote msg={note} />
      <ErrorNote error={error} />
      {list && list.length ? (
        <ul class="hd-list" aria-label={t('mail.listLabel')}>
          {list.map((a) => (
            <MailAccountRow key={a.name} a={a} onEdit={() => edit(a)} onRemoved={() => (flash(t('mail.removed', { name: a.name })), load())} />
          ))}
        </ul>
      ) : list ? (
        <p data-testid="mail-empty">{t('mail.empty')}</p>
      ) : null}
      <MailAccountForm
        key={editing.rev}
        initial={editing.draft}
        passwordSaved={editing.saved}
        onCancel={editing.draft.name ? reset : undefined}
        onSaved={(a) => {
          flash(t('mail.saved', { name: a.name }));
          reset();
          void load();
        }}
      />
    </section>
  );
}
