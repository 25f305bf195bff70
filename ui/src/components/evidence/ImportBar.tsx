import { useEffect, useRef, useState } from 'preact/hooks';
import type { Gallery, IpcError } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFields } from '../../hooks';
import { errorKey } from '../../i18n';
import { baseName, outcomeRow, pastedImage, pastedName, pasteKeys, suggestedKind, type ImportRow } from '../../lib/evidence';
import { ImportProgress } from './ImportProgress';
import { useImportQueue } from './useImportQueue';

/**
 * Adding evidence: the kind and caption the next files get, the file dialog, a drop on the window and
 * Ctrl/Cmd+V, then one line a file. `onImported` reloads the gallery; messages and errors are the
 * section's (`onFlash`, `onError`).
 */
export function ImportBar({ caseId, gallery, onImported, onFlash, onError }: {
  caseId: string;
  gallery: Gallery;
  onImported(): Promise<void>;
  onFlash(msg: string): void;
  onError(e: IpcError | null): void;
}) {
  const { api, t, lang } = useApp();
  const [next, set] = useFields<{ kind: string; caption: string }>(() => ({ kind: suggestedKind(gallery.checklist), caption: '' }));
  const { kind, caption } = next;
  const [dragging, setDragging] = useState(false);

  const finish = async (added: number) => {
    try {
      await onImported();
    } catch (e) {
      onError(toIpcError(e));
    }
    if (added) {
      onFlash(t('ev.imported', { n: added }));
      set('caption', '');
    }
  };
  const { rows, busy, dismiss, lines, show, run } = useImportQueue({ queued: () => onFlash(t('ev.queued')), start: () => onError(null), done: finish });

  // One file at a time, so each gets its own line with progress and, if refused, the reason.
  const importPaths = (paths: string[]) => {
    if (!paths.length) return Promise.resolve();
    return run(async () => {
      const start = lines.current.length;
      lines.current.push(...paths.map((p): ImportRow => ({ name: baseName(p), state: 'waiting' })));
      const list = lines.current;
      let added = 0;
      for (let i = 0; i < paths.length; i++) {
        const at = start + i;
        list[at] = { ...list[at], state: 'working' };
        show();
        try {
          const [o] = await api.evidenceImportPaths(caseId, [paths[i]], kind, caption);
          list[at] = outcomeRow(o, t);
          if (list[at].state === 'added') added++;
        } catch (e) {
          list[at] = { name: list[at].name, state: 'failed', reason: t(errorKey(toIpcError(e).code)) };
        }
        show();
      }
      return added;
    });
  };
  const importBytes = async (file: File) => {
    const name = pastedName(new Date(), file.type, lang);
    // Read now: the clipboard's file need not outlive the paste event if this one has to wait.
    const bytes = new Uint8Array(await file.arrayBuffer());
    return run(async () => {
      const at = lines.current.length;
      lines.current.push({ name, state: 'working' });
      show();
      let added = 0;
      try {
        const o = await api.evidenceImportBytes(caseId, name, bytes, kind, caption);
        lines.current[at] = outcomeRow(o, t);
        if (lines.current[at].state === 'added') added++;
      } catch (e) {
        lines.current[at] = { name, state: 'failed', reason: t('err.unknown') };
        onError(toIpcError(e));
      }
      show();
      return added;
    });
  };

  // Latest handlers for the window-level listeners below.
  const handlers = useRef({ importPaths, importBytes });
  handlers.current = { importPaths, importBytes };

  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    api
      .onFileDrop((e) => {
        if (e.type === 'over') setDragging(true);
        else setDragging(false);
        if (e.type === 'drop') void handlers.current.importPaths(e.paths);
      })
      .then((un) => (gone ? un() : (stop = un)), () => undefined);
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA)$/.test(target.tagName)) return; // text paste into a field
      const file = pastedImage(e.clipboardData);
      if (!file) return;
      e.preventDefault();
      void handlers.current.importBytes(file);
    };
    document.addEventListener('paste', onPaste);
    return () => {
      gone = true;
      stop?.();
      document.removeEventListener('paste', onPaste);
    };
  }, [api, caseId]);

  const add = async () => {
    try {
      const paths = await api.pickFiles(t('ev.dialogTitle'), t('ev.images'), t('ev.allFiles'));
      await importPaths(paths);
    } catch (e) {
      onError(toIpcError(e));
    }
  };

  return (
    <>
      <div class={`drop-zone${dragging ? ' is-over' : ''}`} data-testid="evidence-drop">
        <div class="grid">
          <div class="field">
            <label for="ev-kind">{t('ev.newKind')}</label>
            <select id="ev-kind" value={kind} data-testid="evidence-kind" onChange={(e) => set('kind', (e.currentTarget as HTMLSelectElement).value)}>
              {gallery.kinds.map((k) => (
                <option key={k.code} value={k.code}>{k.label}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="ev-caption">{t('ev.newCaption')}</label>
            <input id="ev-caption" type="text" value={caption} data-testid="evidence-caption" onInput={(e) => set('caption', (e.currentTarget as HTMLInputElement).value)} />
          </div>
        </div>
        <p class="button-row">
          <button type="button" class="btn btn-primary" onClick={add} disabled={busy} data-testid="evidence-add">
            {t('ev.add')}
          </button>
        </p>
        <p class="hint">{dragging ? t('ev.dropNow') : t('ev.drop')} · {t('ev.pasteHint', { keys: pasteKeys(navigator.platform ?? '') })}</p>
      </div>

      {rows.length ? <ImportProgress rows={rows} onDismiss={dismiss} busy={busy} /> : null}
    </>
  );
}
