import { useState } from 'preact/hooks';
import type { EvidenceView, Gallery, IpcError, VaultStatus } from '../../ipc';
import { useApp } from '../../context';
import { useFlash } from '../../hooks';
import { ErrorNote, LiveNote } from '../common';
import { Checklist } from './Checklist';
import { EvidenceGallery } from './EvidenceGallery';
import { ImportBar } from './ImportBar';
import { VerifyAndExport } from './VerifyAndExport';
import { Viewer } from './Viewer';

/** The open vault: what is missing, the checklist, adding, the gallery, verify and export. */
export function OpenVault({ caseId, status, gallery, onChange, onEvidence }: { caseId: string; status: VaultStatus; gallery: Gallery; onChange(g: Gallery): void; onEvidence(): void }) {
  const { api, t } = useApp();
  const [note, flash] = useFlash(6000);
  const [error, setError] = useState<IpcError | null>(null);
  const [viewing, setViewing] = useState<EvidenceView | null>(null);
  const missing = status.missing.filter((m) => m.case_id === caseId);

  const reload = async () => {
    onChange(await api.evidenceList(caseId));
    onEvidence();
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

      <ImportBar caseId={caseId} gallery={gallery} onImported={reload} onFlash={flash} onError={setError} />
      <LiveNote msg={note} />
      <ErrorNote error={error} />

      <EvidenceGallery gallery={gallery} onView={setViewing} onChanged={reload} onFlash={flash} />

      <VerifyAndExport caseId={caseId} />
      {viewing ? <Viewer item={viewing} onClose={() => setViewing(null)} /> : null}
    </div>
  );
}
