import { useState } from 'preact/hooks';
import type { EvidenceView, Gallery, IpcError } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { formatSize } from '../../lib/evidence';
import { formatLocal } from '../../lib/time';
import { Badge, ErrorNote } from '../common';

/** One piece of evidence in the gallery: its picture and details, edited or removed in place. */
export function EvidenceItem({ item, gallery, onView, onChanged, onFlash }: { item: EvidenceView; gallery: Gallery; onView(): void; onChanged(): Promise<void>; onFlash(m: string): void }) {
  const { api, t, lang } = useApp();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [kind, setKind] = useState(item.kind.code);
  const [caption, setCaption] = useState(item.caption);
  const [error, setError] = useState<IpcError | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api.evidenceUpdate(item.id, kind, caption);
      setEditing(false);
      onFlash(t('ev.saved'));
      await onChanged();
    } catch (err) {
      setError(toIpcError(err));
    }
  };
  const remove = async () => {
    try {
      await api.evidenceRemove(item.id);
      onFlash(t('ev.removed'));
      await onChanged();
    } catch (err) {
      setError(toIpcError(err));
    }
  };
  const alt = t('ev.imgAlt', { kind: item.kind.label, name: item.original_name });
  return (
    <li class="ev-item" data-testid="evidence-item" data-id={item.id}>
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
      {editing ? (
        <form class="ev-edit" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setEditing(false))}>
          <label>
            {t('ev.kind')}{' '}
            <select value={kind} data-testid="evidence-edit-kind" onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
              {gallery.kinds.map((k) => (
                <option key={k.code} value={k.code}>{k.label}</option>
              ))}
            </select>
          </label>
          <label>
            {t('ev.caption')}{' '}
            <input type="text" value={caption} data-testid="evidence-edit-caption" onInput={(e) => setCaption((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="btn btn-small btn-primary" data-testid="evidence-edit-save">{t('common.save')}</button>{' '}
          <button type="button" class="btn btn-small" onClick={() => setEditing(false)}>{t('common.cancel')}</button>
        </form>
      ) : confirm ? (
        <div class="confirm" role="group" onKeyDown={(e) => e.key === 'Escape' && setConfirm(false)}>
          <p>{t('ev.removeConfirm', { name: item.original_name })}</p>
          <button type="button" class="btn btn-small btn-danger" onClick={remove} data-testid="evidence-remove-yes">{t('ev.removeYes')}</button>{' '}
          <button type="button" class="btn btn-small" onClick={() => setConfirm(false)} autoFocus>{t('common.cancel')}</button>
        </div>
      ) : (
        <p class="button-row">
          {item.viewable ? (
            <button type="button" class="btn btn-small" onClick={onView}>{t('ev.open')}</button>
          ) : null}
          <button type="button" class="btn btn-small" onClick={() => setEditing(true)} data-testid="evidence-edit">{t('ev.edit')}</button>
          <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirm(true)} data-testid="evidence-remove">{t('ev.remove')}</button>
        </p>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
