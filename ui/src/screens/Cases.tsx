import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CaseSummary, IpcError, Nudge } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { formatLocal } from '../lib/time';
import { debounce } from '../lib/debounce';
import { Badge, ErrorNote } from '../components/common';
import { AwaitCall } from '../components/AwaitCall';
import { OrderWatches } from '../components/OrderWatches';
import { SimpleOffer } from './Simple';

/** Cases shown at first, and added by each "show more". */
export const PAGE = 50;

/** My cases: the start screen. */
export function Cases() {
  const { api, t, lang, navigate, unread } = useApp();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const [nudges, setNudges] = useState<Nudge[]>([]);
  // A page at a time (one more than shown, to know whether there are more): each case's next step
  // is worked out when it is listed, and years of cases should not be at once.
  const [more, setMore] = useState(false);
  // The search box: every word must appear in the case (order number, product, story, platform,
  // ticket number). Answers can come back out of order while the user types: only the latest counts.
  const [query, setQuery] = useState('');
  const searched = useRef('');
  const seq = useRef(0);
  const loadPage = (offset: number, q = searched.current) => {
    const mine = ++seq.current;
    return api.caseList({ offset, limit: PAGE + 1, ...(q.trim() ? { query: q } : {}) }).then(
      (page) => {
        if (mine !== seq.current) return;
        searched.current = q;
        setMore(page.length > PAGE);
        setError(null);
        setCases((shown) => [...(offset > 0 && shown ? shown : []), ...page.slice(0, PAGE)]);
      },
      (e) => mine === seq.current && setError(toIpcError(e)),
    );
  };
  const search = useMemo(() => debounce((q: string) => loadPage(0, q), 250), [api]);
  useEffect(() => {
    loadPage(0);
    api.homeNudges().then(setNudges, () => undefined);
    return () => search.cancel();
  }, [api]);
  const onQuery = (q: string) => {
    setQuery(q);
    search(q);
  };
  const clear = () => {
    search.cancel();
    setQuery('');
    loadPage(0, '');
  };
  // A search is shown as one; "no cases yet" is only for an empty list without one.
  const searching = searched.current.trim() !== '';

  return (
    <div class="screen cases" data-screen="cases">
      <h1>{t('cases.title')}</h1>
      <SimpleOffer />
      {unread > 0 ? (
        <p class="banner banner-info ntf-home" data-testid="home-unread">
          <span>{t('ntf.home', { n: unread })}</span>{' '}
          <button type="button" class="btn btn-small btn-primary" onClick={() => navigate({ name: 'notifications' })}>
            {t('ntf.homeOpen')}
          </button>
        </p>
      ) : null}
      {nudges.map((n) => (
        <p key={n.case_id} class="banner banner-warn" role="status" data-testid="home-nudge">
          <span>{n.text}</span>{' '}
          <button type="button" class="btn btn-small btn-primary" onClick={() => navigate({ name: 'case', id: n.case_id })}>
            {t('nudge.open')}
          </button>
        </p>
      ))}
      <ErrorNote error={error} />
      {cases === null && !error ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {cases && (cases.length > 0 || searching || query) ? (
        <p class="case-search">
          <label for="case-search">{t('cases.search')}</label>
          <input
            id="case-search"
            type="search"
            data-testid="case-search"
            value={query}
            placeholder={t('cases.searchHint')}
            onInput={(e) => onQuery((e.target as HTMLInputElement).value)}
          />
          {query ? (
            <button type="button" class="btn btn-small" data-testid="case-search-clear" onClick={clear}>
              {t('cases.searchClear')}
            </button>
          ) : null}
        </p>
      ) : null}
      {cases && cases.length === 0 && searching ? (
        <p class="empty" role="status" data-testid="case-search-none">
          {t('cases.searchNone', { query: searched.current.trim() })}
        </p>
      ) : null}
      {cases && cases.length === 0 && !searching ? (
        <div class="empty card">
          <h2>{t('cases.emptyTitle')}</h2>
          <p>{t('cases.emptyText')}</p>
          <button type="button" class="btn btn-primary btn-huge" onClick={() => navigate({ name: 'new' })}>
            {t('cases.new')}
          </button>
        </div>
      ) : null}
      {cases && cases.length > 0 ? (
        <>
          <p>
            <button type="button" class="btn btn-primary" onClick={() => navigate({ name: 'new' })}>
              {t('cases.new')}
            </button>
          </p>
          <ul class="case-list" data-testid="case-list">
            {cases.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  class={`case-item card${c.urgent ? ' is-urgent' : ''}`}
                  data-testid="case-item"
                  onClick={() => navigate({ name: 'case', id: c.id })}
                >
                  <span class="case-head">
                    <span class="case-title" data-testid="case-title">
                      {c.title}
                    </span>
                    {c.urgent ? <Badge kind="urgent">{t('cases.urgent')}</Badge> : null}
                    <Badge>{c.status.label}</Badge>
                  </span>
                  <span class="case-meta">
                    {c.problem_type.label} · {c.platform_name || t('cases.platformDefault')}
                    {c.contacts ? ` · ${t('cases.contacts', { n: c.contacts })}` : ''}
                  </span>
                  {c.next_step ? <span class="case-next">{t('cases.next', { step: c.next_step })}</span> : null}
                  <span class="case-time">{t('cases.updated', { time: formatLocal(c.updated_at, lang) })}</span>
                </button>
              </li>
            ))}
          </ul>
          {more ? (
            <p>
              <button type="button" class="btn" data-testid="cases-more" onClick={() => loadPage(cases.length)}>
                {t('cases.more')}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
      <div class="home-waits">
        <AwaitCall />
        <OrderWatches />
      </div>
    </div>
  );
}
