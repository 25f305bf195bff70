// The evidence section of a case page: the vault's state (with a passphrase when there is no keychain),
// what the recommended channel needs, the gallery, adding (dialog, drop on the window, Ctrl/Cmd+V),
// editing, removing, the full-size viewer, verify and export.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceView, ExportResult, Gallery, IpcError, VaultStatus, VerifyReport } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash } from '../hooks';
import { errorKey, type Key } from '../i18n';
import { baseName, formatSize, lockedKey, newPasswordProblem, outcomeRow, settingUp, pastedImage, pastedName, pasteKeys, suggestedKind, type ImportRow } from '../lib/evidence';
import { formatLocal } from '../lib/time';
import { Badge, CopyButton, ErrorNote, LiveNote } from './common';

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
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(status);
  const [problem, setProblem] = useState<Key | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  // Setting the vault up (no keychain, first use): the password is chosen, so typed twice.
  const setup = settingUp(shown.error_code);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pass || busy) return;
    const p = setup ? newPasswordProblem(pass, again) : null;
    setProblem(p);
    setError(null);
    if (p) return;
    setBusy(true);
    try {
      const s = await api.vaultUnlock(pass);
      setShown(s);
      if (s.open) onOpened(s);
      else setPass(''), setAgain('');
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="vault-locked" data-testid="vault-locked">
      <h3>{t('ev.lockedTitle')}</h3>
      <p role="alert" data-testid="vault-reason">{t(lockedKey(shown.error_code))}</p>
      {shown.error ? <small class="error-detail">{t('err.detail', { message: shown.error })}</small> : null}
      {shown.passphrase_helps ? (
        <form class="vault-pass" onSubmit={submit} data-testid="vault-form" data-mode={setup ? 'setup' : 'unlock'}>
          {setup ? <p class="warn-note" data-testid="vault-setup-warning">{t('ev.setupWarning')}</p> : null}
          <p class="field inline">
            <label for="ev-pass">{setup ? t('ev.passphraseNew') : t('ev.passphrase')}</label>{' '}
            <input id="ev-pass" type="password" autocomplete={setup ? 'new-password' : 'current-password'} value={pass} data-testid="vault-passphrase"
              onInput={(e) => setPass((e.currentTarget as HTMLInputElement).value)} />
          </p>
          {setup ? (
            <p class="field inline">
              <label for="ev-pass2">{t('ev.passphraseAgain')}</label>{' '}
              <input id="ev-pass2" type="password" autocomplete="new-password" value={again} data-testid="vault-passphrase-again"
                onInput={(e) => setAgain((e.currentTarget as HTMLInputElement).value)} />
            </p>
          ) : null}
          {problem ? <p class="error-note" role="alert" data-testid="vault-pass-problem">{t(problem)}</p> : null}
          <p>
            <button type="submit" class="btn btn-primary" disabled={busy || !pass} data-testid="vault-unlock">
              {busy ? t('ev.unlocking') : setup ? t('ev.setUp') : t('ev.unlock')}
            </button>
          </p>
        </form>
      ) : null}
      <ErrorNote error={error} />
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
      {exported ? <ExportDone result={exported} /> : null}
    </div>
  );
}

/** Where the zip went (shown in its folder only when that really worked, else the path to copy) and what
 *  happened to location data: removed from which pictures, and which pictures could not be processed. */
function ExportDone({ result }: { result: ExportResult }) {
  const { t } = useApp();
  const names = (list: string[]) => list.join('、');
  const stripAsked = result.location_stripped || result.location_removed.length > 0 || result.location_unprocessed.length > 0;
  return (
    <div role="status" data-testid="export-result">
      <div class="ok-note">
        <p>{t('ev.exported', { path: result.path })}</p>
        <p>{t('ev.exportedFiles', { n: result.files })}</p>
        {result.revealed ? (
          <p class="hint" data-testid="export-revealed">{t('ev.exportedFolder', { folder: result.folder })}</p>
        ) : (
          <p class="hint" data-testid="export-not-revealed">
            {t('ev.exportedShowFailed')}{' '}
            <CopyButton text={result.path} label={t('ev.copyPath')} class="btn btn-small" testid="export-copy-path" />
          </p>
        )}
        {!stripAsked ? (
          <p data-testid="export-location">{t('ev.locationKept')}</p>
        ) : result.location_removed.length ? (
          <p data-testid="export-location">{t('ev.locationRemoved', { names: names(result.location_removed) })}</p>
        ) : (
          <p data-testid="export-location">{t('ev.locationNone')}</p>
        )}
      </div>
      {result.location_unprocessed.length ? (
        <p class="error-note" data-testid="export-location-unprocessed">
          {t('ev.locationUnprocessed', { names: names(result.location_unprocessed) })}
        </p>
      ) : null}
    </div>
  );
}
