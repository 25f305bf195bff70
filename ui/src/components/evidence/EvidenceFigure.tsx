import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceView } from '../../ipc';
import { useApp } from '../../context';
import { formatSize } from '../../lib/evidence';
import { formatLocal } from '../../lib/time';
import { Badge } from '../common';

/**
 * The thumbnail of an item the gallery did not send inline (`thumbnail_later`: past the first few
 * dozen of a large gallery), asked for once its place comes near the screen, so a case with
 * thousands of pictures decrypts and holds only those the user scrolls to. Without an
 * IntersectionObserver it is asked for at once.
 */
function useLaterThumbnail(item: EvidenceView) {
  const { api } = useApp();
  const place = useRef<HTMLDivElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const later = !item.thumbnail && item.thumbnail_later;
  useEffect(() => {
    if (!later) return;
    let live = true;
    const load = () =>
      api.evidenceThumbnail(item.id).then(
        (url) => live && (url ? setSrc(url) : setGone(true)),
        () => live && setGone(true),
      );
    const el = place.current;
    if (typeof IntersectionObserver === 'undefined' || !el) {
      load();
      return () => void (live = false);
    }
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          seen.disconnect();
          load();
        }
      },
      { rootMargin: '600px 0px' },
    );
    seen.observe(el);
    return () => {
      live = false;
      seen.disconnect();
    };
  }, [api, item.id, later]);
  return { src: item.thumbnail ?? src, waiting: later && !src && !gone, place };
}

/** A piece of evidence: its picture (opening full size where it can be shown) and what is known of it. */
export function EvidenceFigure({ item, onView }: { item: EvidenceView; onView(): void }) {
  const { t, lang } = useApp();
  const alt = t('ev.imgAlt', { kind: item.kind.label, name: item.original_name });
  const thumb = useLaterThumbnail(item);
  return (
    <figure>
      {thumb.src ? (
        item.viewable ? (
          <button type="button" class="thumb-btn" onClick={onView} title={t('ev.open')} data-testid="evidence-open">
            <img src={thumb.src} alt={alt} data-testid="evidence-thumb" />
          </button>
        ) : (
          <img src={thumb.src} alt={alt} data-testid="evidence-thumb" />
        )
      ) : thumb.waiting ? (
        <div class="thumb-file" ref={thumb.place} aria-label={alt} aria-busy="true" data-testid="evidence-thumb-later">
          {t('common.loading')}
        </div>
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
