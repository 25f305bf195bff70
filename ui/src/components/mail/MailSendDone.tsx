import type { MailSendResult } from '../../ipc';
import { useApp } from '../../context';
import { errorKey } from '../../i18n';

/** What sending did: to whom, the files attached (zipped or not, location removed), what was left
 *  out and why (as text), whether a copy is in the Sent folder, or that an earlier send was found there. */
export function MailSendDone({ r, onClose }: { r: MailSendResult; onClose(): void }) {
  const { t } = useApp();
  return (
    <div class="ok-note mail-send-result" role="status" data-testid="mail-send-result" data-recovered={String(r.recovered)}>
      <p>
        <strong>{r.recovered ? t('mail.done.recovered', { to: r.sent.to }) : t('mail.done.sent', { to: r.sent.to })}</strong>
      </p>
      {r.recovered ? null : (
        <p data-testid="mail-send-attached">
          {r.attached.length ? t('mail.done.attached', { names: r.attached.join(', ') }) : t('mail.done.noAttachment')}
        </p>
      )}
      {r.zipped ? <p data-testid="mail-send-zipped">{t('mail.done.zipped')}</p> : null}
      {r.location_removed.length ? (
        <p data-testid="mail-send-location">{t('ev.locationRemoved', { names: r.location_removed.join(', ') })}</p>
      ) : null}
      {r.skipped.length ? (
        <div class="error-note" data-testid="mail-send-skipped">
          <p>{t('mail.done.skipped')}</p>
          <ul>
            {r.skipped.map((x, i) => (
              <li key={i}>
                {x.name ? <strong>{x.name}: </strong> : null}
                {x.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p data-testid="mail-send-filed">
        {r.filed_in
          ? t('mail.done.filed', { folder: r.filed_in })
          : r.filed_error
            ? t('mail.done.notFiled', { why: t(errorKey(r.filed_error)) })
            : t('mail.done.serverFiles')}
      </p>
      <p class="hint">{t('mail.done.next')}</p>
      <button type="button" class="btn btn-small" onClick={onClose}>{t('common.close')}</button>
    </div>
  );
}
