import type { EvidenceView } from '../../ipc';
import { useApp } from '../../context';
import { formatSize } from '../../lib/evidence';
import { formatLocal } from '../../lib/time';
import { Badge } from '../common';

/** A piece of evidence: its picture (opening full size where it can be shown) and what is known of it. */
export function EvidenceFigure({ item, onView }: { item: EvidenceView; onView(): void }) {
  const { t, lang } = useApp();
  const alt = t('ev.imgAlt', { kind: item.kind.label, name: item.original_name });
  return (
    <figure>
      {item.thumbnail ? (
        item.viewable ? (
          <button type="button" class="thumb-btn" onClick={onView} title={t('ev.open')} data-testid="evidence-open">
            <img src={item.thumbnail} alt={alt} data-testid="evidence-thumb" />
          </button>
        ) : (
          <img src={item.thumbnail} alt={alt} data-testid="evidence-thumb" />
        )
      ) : (
        <div class="thumb-file" aria-label={alt}>
          {t('ev.noPicture')}
        </div>
      )}
      <figcaption>
        <Badge>{item.kind.label}</Badge> {item.caption ? <span class="ev-caption">{item.caption}</span> : null}
        <small class="ev-meta">
          {item.original_name} · {formatSize(item.size, lang)}
          {item.width && item.height ? ` · ${item.width}×${item.height}` : ''}
          {item.taken_at ? (
            <>
              <br />
              {t('ev.taken')}: {t('ev.takenFrom', { time: formatLocal(item.taken_at, lang), source: item.taken_source.label })}
            </>
          ) : null}
        </small>
      </figcaption>
    </figure>
  );
}
