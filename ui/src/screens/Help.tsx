// The Help screen: the offline self-help knowledge base, searchable (the backend ranks: Chinese bigrams through the
// engine's normaliser), with how often self-help closed a case.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SelfHelpSearch } from '../ipc';
import { toIpcError, type IpcError } from '../ipc';
import { useApp } from '../context';
import { debounce } from '../lib/debounce';
import { ErrorNote } from '../components/common';
import { SelfHelpBody } from '../components/SelfHelp';

export function Help() {
  const { api, t, navigate } = useApp();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SelfHelpSearch | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  // Answers can arrive out of order while the user types: only the latest query's is shown.
  const search = useMemo(() => {
    let seq = 0;
    const run = (q: string) => {
      const mine = ++seq;
      api.selfhelpSearch(q).then(
        (r) => {
          if (mine !== seq) return;
          setResult(r);
          setError(null);
        },
        (e) => mine === seq && setError(toIpcError(e)),
      );
    };
    return Object.assign(debounce(run, 200), { now: run });
  }, [api]);
  useEffect(() => {
    search.now('');
    return () => search.cancel();
  }, [search]);

  const searching = query.trim() !== '';
  return (
    <div class="screen help" data-screen="help">
      <h1>{t('help.title')}</h1>
      <p class="hint">{t('help.intro')}</p>
      {result ? (
        <p class="selfhelp-count" data-testid="help-resolved-count">
          {t('help.resolvedCount', { n: result.resolved_count })}
        </p>
      ) : null}
      <p>
        <label for="help-search">{t('help.searchLabel')}</label>{' '}
        <input
          id="help-search"
          type="search"
          value={query}
          placeholder={t('help.searchPlaceholder')}
          data-testid="help-search"
          onInput={(e) => {
            const q = (e.currentTarget as HTMLInputElement).value;
            setQuery(q);
            search(q);
          }}
        />
      </p>
      <ErrorNote error={error} />
      {result && searching && result.entries.length === 0 ? (
        <p role="status" data-testid="help-none">
          {t('help.none')}
        </p>
      ) : null}
      <ul class="selfhelp-list" data-testid="help-results" aria-live="polite">
        {(result?.entries ?? []).map((e, i) => (
          <li key={e.problem_type.code} data-testid="help-entry" data-type={e.problem_type.code}>
            <details class="card" open={searching && i === 0}>
              <summary>
                <strong>{e.title}</strong>
              </summary>
              <SelfHelpBody entry={e} />
            </details>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" class="btn btn-primary" onClick={() => navigate({ name: 'new' })} data-testid="help-new-case">
          {t('help.newCase')}
        </button>
      </p>
    </div>
  );
}
