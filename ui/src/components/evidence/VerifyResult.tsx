import type { VerifyReport } from '../../ipc';
import { useApp } from '../../context';

/** What verifying found: every file intact, or the damaged ones by name. */
export function VerifyResult({ report }: { report: VerifyReport }) {
  const { t } = useApp();
  return (
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
  );
}
