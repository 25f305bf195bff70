// Every notification the tracker raised, kept here because desktop notifications vanish: newest first,
// unread marked, a click opens the case (and marks it read), "mark all as read". Titles and bodies come
// from the tracker (server texts among them) and are rendered as text, never as HTML.
import { useEffect, useState } from 'preact/hooks';
import type { IpcError, NotificationView } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash } from '../hooks';
import type { Key } from '../i18n';
import { newestFirst, unreadCount } from '../lib/tracking';
import { formatLocal } from '../lib/time';
import { Badge, ErrorNote, LiveNote } from '../components/common';

/** A kind's label in the user's language (our table), else the tracker's own label. */
export function kindLabel(kind: { code: string; label: string }, t: (k: Key) => string): string {
  const k = `ntf.kind.${kind.code}` as Key;
  const s = t(k);
  return s === k ? kind.label : s;
}

export function Notifications() {
  const { api, t, lang, navigate, trackerRev, refreshUnread } = useApp();
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, flash] = useFlash();

  const load = () =>
    api.notificationList().then(
      (l) => {
        setItems(newestFirst(l.items));
        refreshUnread(l.unread);
      },
      (e) => setError(toIpcError(e)),
    );
  useEffect(() => {
    void load();
  }, [api, trackerRev]);

  const markRead = async (n: NotificationView) => {
    if (n.read) return;
    try {
      refreshUnread(await api.notificationRead(n.id));
      setItems((list) => (list ?? []).map((x) => (x.id === n.id ? { ...x, read: true } : x)));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const open = async (n: NotificationView) => {
    await markRead(n);
    navigate(n.case_id ? { name: 'case', id: n.case_id } : { name: 'cases' });
  };
  const readAll = async () => {
    try {
      refreshUnread(await api.notificationReadAll());
      setItems((list) => (list ?? []).map((x) => ({ ...x, read: true })));
      flash(t('ntf.readAllDone'));
    } catch (e) {
      setError(toIpcError(e));
    }
  };

  const unread = items ? unreadCount(items) : 0;
  return (
    <div class="screen notifications" data-screen="notifications">
      <h1>{t('ntf.title')}</h1>
      <p class="hint">{t('ntf.intro')}</p>
      <LiveNote msg={note} />
      <ErrorNote error={error} />
      {items === null && !error ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {items && items.length === 0 ? <p data-testid="ntf-empty">{t('ntf.empty')}</p> : null}
      {items && items.length > 0 ? (
        <>
          <p class="button-row">
            <span data-testid="ntf-count">{t('ntf.count', { n: unread })}</span>
            <button type="button" class="btn" onClick={readAll} disabled={unread === 0} data-testid="ntf-read-all">
              {t('ntf.readAll')}
            </button>
          </p>
          <ul class="ntf-list" data-testid="ntf-list">
            {items.map((n) => (
              <li key={n.id} class={`card ntf-item${n.read ? ' is-read' : ' is-unread'}`} data-testid="ntf-item" data-read={String(n.read)}>
                <p class="ntf-head">
                  {n.read ? null : <Badge kind="urgent">{t('ntf.unread')}</Badge>} <Badge>{kindLabel(n.kind, t)}</Badge>{' '}
                  <time dateTime={n.at} class="ntf-time">{formatLocal(n.at, lang)}</time>
                </p>
                <h2 class="ntf-title">{n.title}</h2>
                <p class="ntf-body" data-testid="ntf-body">{n.body}</p>
                <p class="button-row">
                  {n.case_id || n.order_watch_id ? (
                    <button type="button" class="btn btn-primary btn-small" onClick={() => open(n)} data-testid="ntf-open">
                      {t('ntf.open')}
                    </button>
                  ) : null}
                  {n.read ? null : (
                    <button type="button" class="btn btn-small" onClick={() => markRead(n)} data-testid="ntf-mark-read">
                      {t('ntf.markRead')}
                    </button>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
