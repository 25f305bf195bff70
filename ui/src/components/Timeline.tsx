import { useState } from 'preact/hooks';
import type { TimelineEntry } from '../ipc';
import { useApp } from '../context';
import { formatLocal } from '../lib/time';

/** Entries drawn at first, and added by each "show earlier". */
export const TIMELINE_PAGE = 100;

/**
 * A case's history, oldest first, drawing only the newest entries at first: a case of years can
 * have thousands, and drawing them all made the case page slow to open; "show earlier" adds more.
 */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, lang } = useApp();
  const [shown, setShown] = useState(TIMELINE_PAGE);
  if (!entries.length) return <p data-testid="timeline">{t('case.timelineEmpty')}</p>;
  const hidden = Math.max(0, entries.length - shown);
  return (
    <>
      {hidden > 0 ? (
        <p>
          <button type="button" class="btn btn-small" data-testid="timeline-earlier" onClick={() => setShown((n) => n + TIMELINE_PAGE * 5)}>
            {t('case.timelineEarlier', { n: hidden })}
          </button>
        </p>
      ) : null}
      <ol class="timeline" data-testid="timeline" start={hidden + 1}>
        {entries.slice(hidden).map((e, i) => (
          <li key={hidden + i} class={`tl-${e.kind}`}>
            <time dateTime={e.at}>{formatLocal(e.at, lang)}</time> <span>{e.text}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
