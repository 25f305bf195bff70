// Asked where it matters, not only in the directory: when the engine says the exclusive service
// needs verification, or the problem is one an exclusive agent handles, the user answers with one
// click and the answer is saved on the platform, so every later case reads it too.
import { useEffect, useState } from 'preact/hooks';
import type { Analysis, PlatformEntry } from '../ipc';
import { toIpcError, type IpcError } from '../ipc';
import { useApp } from '../context';
import { ErrorNote } from './common';

export function StandingAsk({
  platformId,
  analysis,
  onChanged,
}: {
  platformId: string | null;
  analysis: Analysis;
  /** The platform's standing changed: analyse again. */
  onChanged(): void;
}) {
  const { api, t } = useApp();
  const [entry, setEntry] = useState<PlatformEntry | null>(null);
  const [asked, setAsked] = useState<Set<'verified' | 'vip'>>(new Set());
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    let alive = true;
    if (!platformId) setEntry(null);
    else api.platformList().then((all) => alive && setEntry(all.find((p) => p.id === platformId) ?? null), () => undefined);
    return () => {
      alive = false;
    };
  }, [api, platformId]);
  if (!entry || !entry.profile.channels.includes('vip_exclusive')) return null;

  const needsVerification = analysis.recommendation.warnings.some((w) => w.code === 'verification_required');
  const exclusiveKind = ['complex', 'urgent'].includes(analysis.group.code);
  const ask: ('verified' | 'vip')[] = [];
  if (needsVerification && !entry.verified && !asked.has('verified')) ask.push('verified');
  if (exclusiveKind && entry.verified && !entry.vip && !asked.has('vip')) ask.push('vip');
  if (!ask.length) return <ErrorNote error={error} />;

  const answer = async (what: 'verified' | 'vip', yes: boolean) => {
    setAsked(new Set([...asked, what]));
    if (!yes) return;
    try {
      const saved = await api.platformSave({ ...entry, [what]: true });
      setEntry(saved);
      setError(null);
      onChanged();
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  return (
    <div class="card standing-ask" data-testid="standing-ask">
      {ask.map((what) => (
        <p key={what} class="question">
          {t(what === 'verified' ? 'ask.verified' : 'ask.vip', { platform: entry.profile.name })}{' '}
          <button type="button" class="btn btn-primary btn-small" data-testid={`ask-${what}-yes`} onClick={() => answer(what, true)}>
            {t('ask.yes')}
          </button>{' '}
          <button type="button" class="btn btn-small" data-testid={`ask-${what}-no`} onClick={() => answer(what, false)}>
            {t('ask.no')}
          </button>
        </p>
      ))}
      <p class="hint">{t('ask.saved')}</p>
      <ErrorNote error={error} />
    </div>
  );
}
