// The evidence section of a case page: the vault's state (with a passphrase when there is no keychain),
// what the recommended channel needs, the gallery, adding (dialog, drop on the window, Ctrl/Cmd+V),
// editing, removing, the full-size viewer, verify and export.
import { useEffect, useState } from 'preact/hooks';
import type { Gallery, IpcError, VaultStatus } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { ErrorNote } from '../common';
import { OpenVault } from './OpenVault';
import { VaultUnlock } from './VaultUnlock';

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
        <VaultUnlock status={status} onOpened={(s) => (setStatus(s), load())} />
      )}
    </section>
  );
}
