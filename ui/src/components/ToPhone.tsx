// "Send to my phone": for a user at the computer with the phone in their hand — the number, the opening
// message and the questions as a large QR code the phone's camera reads, and as text to copy.
import { useState } from 'preact/hooks';
import type { IpcError, PhoneHandoff } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { CopyButton, ErrorNote } from './common';

export function ToPhone({ caseId }: { caseId: string }) {
  const { api, t } = useApp();
  const [handoff, setHandoff] = useState<PhoneHandoff | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const toggle = async () => {
    if (handoff) {
      setHandoff(null);
      return;
    }
    try {
      setHandoff(await api.caseToPhone(caseId));
      setError(null);
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  // The SVG comes from the shell's QR encoder; shown as an image (a data URL), never as markup.
  const src = handoff ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(handoff.qr_svg)}` : '';
  return (
    <div class="to-phone">
      <button type="button" class="btn" aria-expanded={!!handoff} onClick={toggle} data-testid="to-phone">
        {handoff ? t('phone.hide') : t('phone.send')}
      </button>
      {handoff ? (
        <div class="card to-phone-panel" data-testid="to-phone-panel">
          <p class="hint">{t('phone.scan')}</p>
          <img class="qr" src={src} alt={t('phone.qrAlt')} width={320} height={320} />
          {handoff.shortened ? <p class="hint">{t('phone.shortened')}</p> : null}
          <pre class="handoff-text" lang="zh-CN">{handoff.text}</pre>
          <CopyButton text={handoff.text} label={t('phone.copy')} />
        </div>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
