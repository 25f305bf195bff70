import { useEffect, useState } from 'preact/hooks';
import type { ReminderView } from '../ipc';
import { useApp } from '../context';
import type { T } from '../i18n';
import { formatLocal, parseTime } from '../lib/time';

/** What a reminder says: a known kind in the user's language, else the stored message. */
export function reminderText(r: ReminderView, t: T): string {
  return r.kind === 'phone_opening' ? t('rem.phoneOpening') : r.message;
}

/** Reminders that are due now, shown at the top; polled every 30 s. */
export function dueReminders(list: ReminderView[], now: Date): ReminderView[] {
  return list.filter((r) => {
    if (r.done) return false;
    const d = parseTime(r.due_at);
    return !!d && d.getTime() <= now.getTime();
  });
}

export function ReminderBanner() {
  const { api, t, lang, navigate, remindersRev, refreshReminders } = useApp();
  const [due, setDue] = useState<ReminderView[]>([]);
  const poll = () =>
    api.remindersPending().then(
      (l) => setDue(dueReminders(l, new Date())),
      () => undefined,
    );
  useEffect(() => {
    poll();
    const id = setInterval(poll, 30_000);
    return () => clearInterval(id);
  }, [api, remindersRev]);
  if (!due.length) return null;
  const done = async (id: number) => {
    await api.reminderDone(id).catch(() => undefined);
    setDue(due.filter((r) => r.id !== id));
    refreshReminders(); // the case page shows it done
  };
  return (
    <div class="banner banner-reminder" role="region" aria-label={t('rem.banner')} aria-live="polite">
      <ul>
        {due.map((r) => (
          <li key={r.id}>
            <strong>{t('rem.banner')}</strong>{' '}
            <span>{reminderText(r, t)}</span>{' '}
            <small>{t('rem.due', { time: formatLocal(r.due_at, lang) })}</small>{' '}
            <button type="button" class="btn btn-small" onClick={() => navigate({ name: 'case', id: r.case_id })}>
              {t('rem.open')}
            </button>{' '}
            <button type="button" class="btn btn-small btn-primary" onClick={() => done(r.id)}>
              {t('rem.done')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
