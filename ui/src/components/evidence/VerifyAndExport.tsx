import { useState } from 'preact/hooks';
import type { ExportResult, IpcError, VerifyReport } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { ErrorNote } from '../common';
import { ExportDone } from './ExportDone';
import { VerifyResult } from './VerifyResult';

/** Checking that every file is intact, and exporting them all (with or without location data) as a zip. */
export function VerifyAndExport({ caseId }: { caseId: string }) {
  const { api, t } = useApp();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const [keepLocation, setKeepLocation] = useState(false);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  /** One of the two at a time: its button says it is running, the other waits. */
  const run = async <R,>(which: 'verify' | 'export', call: () => Promise<R>, put: (r: R) => void) => {
    setBusy(which);
    setError(null);
    try {
      put(await call());
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(null);
  };
  const verify = () => run('verify', () => api.evidenceVerify(caseId), setReport);
  const doExport = () => run('export', () => api.evidenceExport(caseId, keepLocation), setExported);
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
      {report ? <VerifyResult report={report} /> : null}
      {exported ? <ExportDone result={exported} /> : null}
    </div>
  );
}
