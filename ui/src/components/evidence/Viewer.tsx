import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceView, IpcError } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { ErrorNote } from '../common';

/** The original picture, full size, from a blob URL that is released on close. */
export function Viewer({ item, onClose }: { item: EvidenceView; onClose(): void }) {
  const { api, t } = useApp();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    let made: string | null = null;
    let gone = false;
    api.evidenceImage(item.id, item.media_type).then(
      (blob) => {
        if (gone) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      (e) => setError(toIpcError(e)),
    );
    close.current?.focus();
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, item.id]);
  return (
    <div class="viewer-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="viewer" role="dialog" aria-modal="true" aria-labelledby="viewer-h" data-testid="evidence-viewer"
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
        <header>
          <h2 id="viewer-h">{item.kind.label}:{item.original_name}</h2>
          <button type="button" class="btn" ref={close} onClick={onClose} data-testid="viewer-close">{t('common.close')}</button>
        </header>
        <ErrorNote error={error} />
        {url ? <img src={url} alt={t('ev.imgAlt', { kind: item.kind.label, name: item.original_name })} data-testid="viewer-img" /> : error ? null : <p aria-busy="true">{t('ev.viewerLoading')}</p>}
        {item.caption ? <p>{item.caption}</p> : null}
      </div>
    </div>
  );
}
