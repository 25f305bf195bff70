// The evidence section of a case page: the vault's state (with a passphrase when there is no keychain),
// what the recommended channel needs, the gallery, adding (dialog, drop on the window, Ctrl/Cmd+V),
// editing, removing, the full-size viewer, verify and export.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceView, ExportResult, Gallery, IpcError, VaultStatus, VerifyReport } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash } from '../hooks';
import { errorKey } from '../i18n';
import { baseName, formatSize, lockedKey, outcomeRow, pastedImage, pastedName, pasteKeys, suggestedKind, type ImportRow } from '../lib/evidence';
import { formatLocal } from '../lib/time';
import { Badge, ErrorNote, LiveNote } from './common';

/** `rev` changes when the case changes (its checklist may follow); `onEvidence` after any change here (the timeline). */
export function EvidenceSection({ caseId, rev, onEvidence }: { caseId: string; rev: string; onEvidence(): void }) {
  const { api, t } = useApp();
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [gallery, setGallery] = useState<Gallery | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const load = async () => {
    try {
      const s = await api.vaultStatus();
      setStatus(s);
      if (s.open) setGallery(await api.evidenceList(caseId));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  useEffect(() => {
    void load();
  }, [api, caseId, rev]);

  return (
    <section class="card evidence" aria-labelledby="ev-h" data-testid="evidence">
      <h2 id="ev-h">{t('ev.title')}</h2>
      <ErrorNote error={error} />
      {!status ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : status.open ? (
        gallery ? (
          <OpenVault caseId={caseId} status={status} gallery={gallery} onChange={setGallery} onEvidence={onEvidence} />
        ) : null
      ) : (
        <Locked status={status} onOpened={(s) => (setStatus(s), load())} />
      )}
    </section>
  );
}

function Locked({ status, onOpened }: { status: VaultStatus; onOpened(s: VaultStatus): void }) {
  const { api, t } = useApp();
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(status);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pass) return;
    setBusy(true);
    try {
      const s = await api.vaultUnlock(pass);
      setShown(s);
      if (s.open) onOpened(s);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="vault-locked" data-testid="vault-locked">
      <h3>{t('ev.lockedTitle')}</h3>
      <p role="alert">{t(lockedKey(shown.error_code))}</p>
      {shown.error ? <small class="error-detail">{t('err.detail', { message: shown.error })}</small> : null}
      {shown.passphrase_helps ? (
        <form class="field inline" onSubmit={submit}>
          <label for="ev-pass">{t('ev.passphrase')}</label>{' '}
          <input id="ev-pass" type="password" autocomplete="current-password" value={pass} data-testid="vault-passphrase"
            onInput={(e) => setPass((e.currentTarget as HTMLInputElement).value)} />{' '}
          <button type="submit" class="btn btn-primary" disabled={busy || !pass} data-testid="vault-unlock">
            {busy ? t('ev.unlocking') : t('ev.unlock')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

function OpenVault({ caseId, status, gallery, onChange, onEvidence }: { caseId: string; status: VaultStatus; gallery: Gallery; onChange(g: Gallery): void; onEvidence(): void }) {
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

  // One file at a time, so each gets its own line with progress and, if refused, the reason.
  const importPaths = async (paths: string[]) => {
    if (!paths.length || busy) return;
    setBusy(true);
    setError(null);
    const list: ImportRow[] = paths.map((p) => ({ name: baseName(p), state: 'waiting' }));
    setRows([...list]);
    let added = 0;
    for (let i = 0; i < paths.length; i++) {
      list[i] = { ...list[i], state: 'working' };
      setRows([...list]);
      try {
        const [o] = await api.evidenceImportPaths(caseId, [paths[i]], kind, caption);
        list[i] = outcomeRow(o, t);
        if (list[i].state === 'added') added++;
      } catch (e) {
        list[i] = { name: list[i].name, state: 'failed', reason: t(errorKey(toIpcError(e).code)) };
      }
      setRows([...list]);
    }
    await finish(added);
  };
  const importBytes = async (file: File) => {
    if (busy) return;
    setBusy(true);
    const name = pastedName(new Date(), file.type, lang);
    setRows([{ name, state: 'working' }]);
    let added = 0;
    try {
      const o = await api.evidenceImportBytes(caseId, name, new Uint8Array(await file.arrayBuffer()), kind, caption);
      const row = outcomeRow(o, t);
      if (row.state === 'added') added++;
      setRows([row]);
    } catch (e) {
      setRows([{ name, state: 'failed', reason: t('err.unknown') }]);
      setError(toIpcError(e));
    }
    await finish(added);
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
    setBusy(false);
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

      <ChecklistView gallery={gallery} />

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

      {rows.length ? <Progress rows={rows} onDismiss={() => setRows([])} busy={busy} /> : null}
      <LiveNote msg={note} />
      <ErrorNote error={error} />

      {gallery.items.length ? (
        <ul class="gallery" data-testid="evidence-gallery">
          {gallery.items.map((item) => (
            <Item key={item.id} item={item} gallery={gallery} onView={() => setViewing(item)} onChanged={reload} onFlash={flash} />
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

function ChecklistView({ gallery }: { gallery: Gallery }) {
  const { t } = useApp();
  const c = gallery.checklist;
  return (
    <div class="checklist" data-testid="evidence-checklist">
      <h3>
        {t('ev.checklist', { channel: c.channel.label })} <Badge kind={c.covered === c.total ? 'ok' : 'info'}>{t('ev.checkCount', { covered: c.covered, total: c.total })}</Badge>
      </h3>
      <ul>
        {c.items.map((i) => (
          <li key={i.code} class={i.covered ? 'is-done' : 'is-todo'} data-testid="check-item" data-covered={String(i.covered)}>
            <span aria-hidden="true" class="tick">{i.covered ? '✓' : '○'}</span>{' '}
            <span class="visually-hidden">{i.covered ? t('ev.checkDone') : t('ev.checkTodo')}:</span>
            {i.label}
            {i.covered ? null : <small class="hint"> — {i.hint}</small>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Progress({ rows, busy, onDismiss }: { rows: ImportRow[]; busy: boolean; onDismiss(): void }) {
  const { t } = useApp();
  const total = rows.length;
  const working = rows.findIndex((r) => r.state === 'working');
  return (
    <div class="import-progress" role="status" aria-live="polite" data-testid="evidence-progress">
      <h3 class="visually-hidden">{t('ev.progress')}</h3>
      {working >= 0 ? <p>{t('ev.importing', { n: working + 1, total, name: rows[working].name })}</p> : null}
      <ul>
        {rows.map((r, i) => (
          <li key={i} class={`ir-${r.state}`} data-testid="import-row" data-state={r.state}>
            <strong>{r.name}</strong>{' '}
            {r.state === 'added' ? <Badge kind="ok">{t('ev.added')}</Badge> : null}
            {r.state === 'duplicate' ? <span>{t('ev.duplicate')}</span> : null}
            {r.state === 'failed' ? (
              <span class="error-text">
                {t('ev.failed')}:{r.reason}
              </span>
            ) : null}
            {r.state === 'working' ? <span aria-busy="true">…</span> : null}
          </li>
        ))}
      </ul>
      {busy ? null : (
        <button type="button" class="btn btn-small" onClick={onDismiss}>
          {t('ev.dismiss')}
        </button>
      )}
    </div>
  );
}

function Item({ item, gallery, onView, onChanged, onFlash }: { item: EvidenceView; gallery: Gallery; onView(): void; onChanged(): Promise<void>; onFlash(m: string): void }) {
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

/** The original picture, full size, from a blob URL that is released on close. */
function Viewer({ item, onClose }: { item: EvidenceView; onClose(): void }) {
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

function VerifyAndExport({ caseId }: { caseId: string }) {
  const { api, t } = useApp();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const [keepLocation, setKeepLocation] = useState(false);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const verify = async () => {
    setBusy('verify');
    setError(null);
    try {
      setReport(await api.evidenceVerify(caseId));
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(null);
  };
  const doExport = async () => {
    setBusy('export');
    setError(null);
    try {
      setExported(await api.evidenceExport(caseId, keepLocation));
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(null);
  };
  return (
    <div class="ev-actions">
      <p class="button-row">
        <button type="button" class="btn" onClick={verify} disabled={busy !== null} data-testid="evidence-verify">
          {busy === 'verify' ? t('ev.verifying') : t('ev.verify')}
        </button>
        <button type="button" class="btn btn-primary" onClick={doExport} disabled={busy !== null} data-testid="evidence-export">
          {busy === 'export' ? t('ev.exporting') : t('ev.export')}
        </button>
      </p>
      <p class="field checkbox">
        <label>
          <input type="checkbox" checked={keepLocation} data-testid="evidence-keep-location"
            onChange={(e) => setKeepLocation((e.currentTarget as HTMLInputElement).checked)} />{' '}
          {t('ev.keepLocation')}
        </label>
      </p>
      <ErrorNote error={error} />
      {report ? (
        <div data-testid="verify-report" role="status">
          {report.damaged.length ? (
            <div class="error-note">
              <p>{t('ev.verifyBad', { n: report.damaged.length })}</p>
              <ul>
                {report.damaged.map((d) => (
                  <li key={d.id} data-testid="verify-damaged">
                    <strong>{d.name}</strong>({d.kind.label})
                  </li>
                ))}
              </ul>
              <p>{t('ev.verifyBadHint')}</p>
            </div>
          ) : (
            <p class="ok-note">{report.checked ? t('ev.verifyOk', { n: report.checked }) : t('ev.verifyNone')}</p>
          )}
        </div>
      ) : null}
      {exported ? (
        <div class="ok-note" role="status" data-testid="export-result">
          <p>{t('ev.exported', { path: exported.path })}</p>
          <p>{t('ev.exportedFiles', { n: exported.files })}</p>
          <p class="hint">{t('ev.exportedFolder', { folder: exported.folder })}</p>
        </div>
      ) : null}
    </div>
  );
}
