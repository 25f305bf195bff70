import { useState } from 'preact/hooks';
import type { IpcError, MailAccountView } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { errorKey, type Key } from '../../i18n';
import { Badge, ErrorNote } from '../common';

/** How a mailbox's servers are reached, in words (`tls`, `starttls`, `plain`). */
export const securityKey = (code: string): Key => (['tls', 'starttls', 'plain'].includes(code) ? (`mail.security.${code}` as Key) : 'mail.security.tls');

/** One saved mailbox: address, servers, whether its password is saved, its last error, what it sent; change and remove (confirmed inline). */
export function MailAccountRow({ a, onEdit, onRemoved }: { a: MailAccountView; onEdit(): void; onRemoved(): void }) {
  const { api, t } = useApp();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const remove = async () => {
    try {
      await api.mailAccountRemove(a.name);
      onRemoved();
    } catch (e) {
      setError(toIpcError(e));
      setConfirm(false);
    }
  };
  return (
    <li class="hd-item mail-account" data-testid="mail-account" data-name={a.name}>
      <p>
        <strong>{a.name}</strong> <span class="path">{a.email}</span>{' '}
        {a.password_saved === true ? (
          <Badge kind="ok">{t('mail.pwSaved')}</Badge>
        ) : a.password_saved === false ? (
          <Badge kind="urgent">{t('mail.pwMissing')}</Badge>
        ) : (
          <Badge>{t('mail.pwUnknown')}</Badge>
        )}
      </p>
      <p class="hint path" data-testid="mail-account-servers">
        {t('mail.servers', { imap: `${a.imap_host}:${a.imap_port}`, smtp: `${a.smtp_host}:${a.smtp_port}`, security: t(securityKey(a.security)) })}
      </p>
      <p class="hint">{t('mail.sentCount', { n: a.sent })}</p>
      {a.last_error ? (
        <p class="error-text" data-testid="mail-account-error">
          {t('mail.lastError', { why: t(errorKey(a.last_error)) })}
        </p>
      ) : null}
      {confirm ? (
        <div class="confirm" role="group" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setConfirm(false))}>
          <p>{t('mail.removeConfirm', { name: a.name })}</p>
          <button type="button" class="btn btn-small btn-danger" onClick={remove} data-testid="mail-remove-yes">{t('mail.removeYes')}</button>{' '}
          <button type="button" class="btn btn-small" onClick={() => setConfirm(false)} autoFocus>{t('common.cancel')}</button>
        </div>
      ) : (
        <p class="button-row">
          <button type="button" class="btn btn-small" onClick={onEdit} data-testid="mail-edit">{t('common.edit')}</button>
          <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirm(true)} data-testid="mail-remove">{t('common.delete')}</button>
        </p>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
