import type { ExportResult } from '../../ipc';
import { useApp } from '../../context';
import { CopyButton } from '../common';

/** Where the zip went (shown in its folder only when that really worked, else the path to copy) and what
 *  happened to location data: removed from which pictures, and which pictures could not be processed. */
export function ExportDone({ result }: { result: ExportResult }) {
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
