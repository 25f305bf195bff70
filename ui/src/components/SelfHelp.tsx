// Self-help before contact: one entry of the offline knowledge base ("try these steps first", then the
// rules with their sources), and the wizard's and case page's panel with "that solved it".
import { useEffect, useState } from 'preact/hooks';
import type { SelfHelpEntry } from '../ipc';
import { toIpcError, type IpcError } from '../ipc';
import { useApp } from '../context';
import { ErrorNote } from './common';

/** The steps in order, then the rules, each with where it comes from. */
export function SelfHelpBody({ entry }: { entry: SelfHelpEntry }) {
  const { t } = useApp();
  return (
    <>
      <ol class="selfhelp-steps" data-testid="selfhelp-steps">
        {entry.steps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
      {entry.rules.length ? (
        <details class="selfhelp-rules">
          <summary>{t('selfhelp.rules')}</summary>
          <ul>
            {entry.rules.map((r, i) => (
              <li key={i}>
                {r.text} <cite class="hint">{t('selfhelp.source', { source: r.source })}</cite>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/**
 * The entry of a known problem type, shown before any contact is suggested, with "that solved it".
 * `onResolve` does the closing (the wizard saves the case as resolved, the case page resolves it).
 */
export function SelfHelpPanel({
  problemType,
  onResolve,
  resolved = false,
}: {
  problemType: string;
  onResolve(): Promise<void>;
  resolved?: boolean;
}) {
  const { api, t } = useApp();
  const [entry, setEntry] = useState<SelfHelpEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let alive = true;
    setEntry(null);
    api.selfhelpGet(problemType).then(
      (e) => alive && setEntry(e),
      (e) => alive && setError(toIpcError(e)),
    );
    return () => {
      alive = false;
    };
  }, [api, problemType]);

  const resolve = async () => {
    setBusy(true);
    setError(null);
    try {
      await onResolve();
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  if (!entry) return error ? <ErrorNote error={error} /> : null;
  return (
    <section class="card selfhelp-panel" data-testid="selfhelp-panel" aria-labelledby="selfhelp-heading">
      <h3 id="selfhelp-heading">{t('selfhelp.tryFirst')}</h3>
      <p class="hint">{t('selfhelp.intro', { type: entry.problem_type.label })}</p>
      <SelfHelpBody entry={entry} />
      {resolved ? (
        <p class="hint" data-testid="selfhelp-done">
          {t('selfhelp.done')}
        </p>
      ) : (
        <p class="button-row">
          <button type="button" class="btn" onClick={resolve} disabled={busy} data-testid="selfhelp-resolved">
            {busy ? t('selfhelp.resolving') : t('selfhelp.resolved')}
          </button>
          <span class="hint">{t('selfhelp.resolvedHint')}</span>
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
