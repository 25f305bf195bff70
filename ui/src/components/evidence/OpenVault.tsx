import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceView, Gallery, IpcError, VaultStatus } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { useFlash } from '../../hooks';
import { errorKey } from '../../i18n';
import { baseName, outcomeRow, pastedImage, pastedName, pasteKeys, suggestedKind, type ImportRow } from '../../lib/evidence';
import { ErrorNote, LiveNote } from '../common';
import { Checklist } from './Checklist';
import { EvidenceItem } from './EvidenceItem';
import { ImportProgress } from './ImportProgress';
import { VerifyAndExport } from './VerifyAndExport';
import { Viewer } from './Viewer';

/** The open vault: what is missing, the checklist, adding, the gallery, verify and export. */
export function OpenVault({ caseId, status, gallery, onChange, onEvidence }: { caseId: string; status: VaultStatus; gallery: Gallery; onChange(g: Gallery): void; onEvidence(): void }) {
  const { api, t, lang } = useApp();
  const [kind, setKind] = useState(() => suggestedKind(gallery.checklist));
  const [caption, setCaption] = useState('');
  const [rows, setRows] = useState<ImportRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [note, flash] = useFlash(6000);
  const [error, setError] = useState<IpcError | null>(null);
  const [viewing, setViewing] = useState<EvidenceView | null>(null);
  const missing = status.missing.filter((m) => m.case_id === caseId);

  const reload = async () => {
    onChange(await api.evidenceList(caseId));
    onEvidence();
  };

  // One import at a time (a ref, not state: two drops can arrive before a re-render). What arrives while
  // one runs (a drop, a paste) waits in the queue and runs right after, with its own lines below.
  const running = useRef(false);
  const queue = useRef<Array<() => Promise<number>>>([]);
  const shownRows = useRef<ImportRow[]>([]);
  const showRows = () => setRows([...shownRows.current]);
  const run = async (job: () => Promise<number>) => {
    if (running.current) {
      queue.current.push(job);
      flash(t('ev.queued'));
      return;
    }
    running.current = true;
    setBusy(true);
    setError(null);
    shownRows.current = [];
    let added = 0;
    try {
      for (let next: (() => Promise<number>) | undefined = job; next; next = queue.current.shift()) {
        added += await next();
      }
    } finally {
      await finish(added);
      running.current = false;
      setBusy(false);
    }
  };

  // One file at a time, so each gets its own line with progress and, if refused, the reason.
  const importPaths = (paths: string[]) => {
    if (!paths.length) return Promise.resolve();
    return run(async () => {
      const start = shownRows.current.length;
      shownRows.current.push(...paths.map((p): ImportRow => ({ name: baseName(p), state: 'waiting' })));
      const list = shownRows.current;
      let added = 0;
      for (let i = 0; i < paths.length; i++) {
        const at = start + i;
        list[at] = { ...list[at], state: 'working' };
        showRows();
        try {
          const [o] = await api.evidenceImportPaths(caseId, [paths[i]], kind, caption);
          list[at] = outcomeRow(o, t);
          if (list[at].state === 'added') added++;
        } catch (e) {
          list[at] = { name: list[at].name, state: 'failed', reason: t(errorKey(toIpcError(e).code)) };
        }
        showRows();
      }
      return added;
    });
  };
  const importBytes = async (file: File) => {
    const name = pastedName(new Date(), file.type, lang);
    // Read now: the clipboard's file need not outlive the paste event if this one has to wait.
    const bytes = new Uint8Array(await file.arrayBuffer());
    return run(async () => {
      const at = shownRows.current.length;
      shownRows.current.push({ name, state: 'working' });
      showRows();
      let added = 0;
      try {
        const o = await api.evidenceImportBytes(caseId, name, bytes, kind, caption);
        shownRows.current[at] = outcomeRow(o, t);
        if (shownRows.current[at].state === 'added') added++;
      } catch (e) {
        shownRows.current[at] = { name, state: 'failed', reason: t('err.unknown') };
        setError(toIpcError(e));
      }
      showRows();
      return added;
    });
  };
  const finish = async (added: number) => {
    try {
      await reload();
    } catch (e) {
      setError(toIpcError(e));
    }
    if (added) {
      flash(t('ev.imported', { n: added }));
      setCaption('');
    }
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
      setError(toIpcError(e));
    }
  };

  return (
    <div class="evidence-body">
      <p class="hint">{t('ev.intro')}</p>
      {status.cleaned ? <p class="hint">{t('ev.cleaned')}</p> : null}
      {missing.length ? (
        <p class="error-note" role="alert" data-testid="evidence-missing">
          {t('ev.missing', { names: missing.map((m) => m.name).join('、') })}
        </p>
      ) : null}

      <Checklist gallery={gallery} />

      <div class={`drop-zone${dragging ? ' is-over' : ''}`} data-testid="evidence-drop">
        <div class="grid">
          <div class="field">
            <label for="ev-kind">{t('ev.newKind')}</label>
            <select id="ev-kind" value={kind} data-testid="evidence-kind" onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
              {gallery.kinds.map((k) => (
                <option key={k.code} value={k.code}>{k.label}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="ev-caption">{t('ev.newCaption')}</label>
            <input id="ev-caption" type="text" value={caption} data-testid="evidence-caption" onInput={(e) => setCaption((e.currentTarget as HTMLInputElement).value)} />
          </div>
        </div>
        <p class="button-row">
          <button type="button" class="btn btn-primary" onClick={add} disabled={busy} data-testid="evidence-add">
            {t('ev.add')}
          </button>
        </p>
        <p class="hint">{dragging ? t('ev.dropNow') : t('ev.drop')} · {t('ev.pasteHint', { keys: pasteKeys(navigator.platform ?? '') })}</p>
      </div>

      {rows.length ? <ImportProgress rows={rows} onDismiss={() => setRows([])} busy={busy} /> : null}
      <LiveNote msg={note} />
      <ErrorNote error={error} />

      {gallery.items.length ? (
        <ul class="gallery" data-testid="evidence-gallery">
          {gallery.items.map((item) => (
            <EvidenceItem key={item.id} item={item} gallery={gallery} onView={() => setViewing(item)} onChanged={reload} onFlash={flash} />
          ))}
        </ul>
      ) : (
        <p data-testid="evidence-empty">{t('ev.empty')}</p>
      )}

      <VerifyAndExport caseId={caseId} />
      {viewing ? <Viewer item={viewing} onClose={() => setViewing(null)} /> : null}
    </div>
  );
}
