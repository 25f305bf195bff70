import type { EvidenceView, Gallery } from '../../ipc';
import { useApp } from '../../context';
import { EvidenceItem } from './EvidenceItem';

/** The case's evidence, or the line that says there is none yet. */
export function EvidenceGallery({ gallery, onView, onChanged, onFlash }: { gallery: Gallery; onView(item: EvidenceView): void; onChanged(): Promise<void>; onFlash(m: string): void }) {
  const { t } = useApp();
  return gallery.items.length ? (
    <ul class="gallery" data-testid="evidence-gallery">
      {gallery.items.map((item) => (
        <EvidenceItem key={item.id} item={item} gallery={gallery} onView={() => onView(item)} onChanged={onChanged} onFlash={onFlash} />
      ))}
    </ul>
  ) : (
    <p data-testid="evidence-empty">{t('ev.empty')}</p>
  );
}
