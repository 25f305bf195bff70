import { useState } from 'preact/hooks';
import type { ExportResult, IpcError, VerifyReport } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { ErrorNote } from '../common';
import { ExportDone } from './ExportDone';

/** Checking that every file is intact, and exporting them all (with or without location data) as a zip. */
export function VerifyAndExport({ caseId }: { caseId: string }) {
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
