// The evidence section of a case page: the vault's state (with a passphrase when there is no keychain),
// what the recommended channel needs, the gallery, adding (dialog, drop on the window, Ctrl/Cmd+V),
// editing, removing, the full-size viewer, verify and export.
import { useEffect, useState } from 'preact/hooks';
import type { EvidenceView, Gallery, IpcError, VaultStatus } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { ErrorNote } from '../common';
import { OpenVault } from './OpenVault';
import { VaultUnlock } from './VaultUnlock';

/** The case's evidence as this section has it, for the e-mail panel (`items` null: locked or loading). */
export interface LoadedEvidence {
  items: EvidenceView[] | null;
  locked: boolean;
}

/** `rev` changes when the case changes (its checklist may follow); `onEvidence` after any change here (the timeline);
 *  `onLoaded` whenever the list or the vault's state changes (the page's e-mail panel reuses the list). */
export function EvidenceSection({ caseId, rev, onEvidence, onLoaded }: { caseId: string; rev: string; onEvidence(): void; onLoaded?(e: LoadedEvidence): void }) {
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
  useEffect(() => {
    onLoaded?.({ items: status?.open ? (gallery?.items ?? null) : null, locked: !!status && !status.open });
  }, [status, gallery]);

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
