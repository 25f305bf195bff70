import { useEffect, useState } from 'preact/hooks';
import { toIpcError, type IpcError, type TimelineEntry } from '../ipc';
import { useApp } from '../context';
import { formatLocal } from '../lib/time';
import { ErrorNote } from './common';

/** Entries drawn at first; each "show earlier" adds five times as many. */
export const TIMELINE_PAGE = 100;

/**
 * A case's history, oldest first, drawing only the newest entries at first. A case of years has
 * thousands: the case page brings the newest (`entries`, of `total`), and "show earlier" asks
 * the backend for the ones before them, so the page opens quickly and nothing is out of reach.
 */
export function Timeline({ caseId, entries, total }: { caseId: string; entries: TimelineEntry[]; total: number }) {
  const { api, t, lang } = useApp();
  const [earlier, setEarlier] = useState<TimelineEntry[]>([]);
  const [shown, setShown] = useState(TIMELINE_PAGE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  // A reloaded case starts from its newest entries again: an entry added since would shift the
  // earlier pages by one.
  useEffect(() => {
    setEarlier([]);
    setShown(TIMELINE_PAGE);
    setError(null);
  }, [entries]);

  const loaded = [...earlier, ...entries];
  if (!loaded.length) return <p data-testid="timeline">{t('case.timelineEmpty')}</p>;
  const drawn = loaded.slice(-shown);
  // The count of entries at hand if the backend ever reports fewer.
  const hidden = Math.max(total, loaded.length) - drawn.length;

  const showEarlier = async () => {
    const want = shown + TIMELINE_PAGE * 5;
    setBusy(true);
    try {
      if (want > loaded.length && loaded.length < total) {
        const more = await api.caseTimeline(caseId, loaded.length, want - loaded.length);
        setEarlier((prev) => [...more, ...prev]);
      }
      setShown(want);
      setError(null);
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {hidden > 0 ? (
        <p>
          <button type="button" class="btn btn-small" data-testid="timeline-earlier" disabled={busy} onClick={showEarlier}>
            {t('case.timelineEarlier', { n: hidden })}
          </button>
        </p>
      ) : null}
      <ErrorNote error={error} />
      <ol class="timeline" data-testid="timeline" start={hidden + 1}>
        {drawn.map((e, i) => (
          <li key={hidden + i} class={`tl-${e.kind}`}>
            <time dateTime={e.at}>{formatLocal(e.at, lang)}</time> <span>{e.text}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
