// Home: "waiting for a callback" in one tap — the platform, who promised and within how long. The
// countdown, the tray line and the reminder start at once; the app opens a case for the wait
// (titled after it), so the story can follow when the user has a moment.
import { useEffect, useState } from 'preact/hooks';
import type { IpcError, PlatformEntry } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { ErrorNote } from './common';

const WHO = ['vip_exclusive', 'phone', 'online_chat'];

export function AwaitCall() {
  const { api, t, vocab, navigate } = useApp();
  const [open, setOpen] = useState(false);
  const [platforms, setPlatforms] = useState<PlatformEntry[]>([]);
  const [platformId, setPlatformId] = useState('');
  const [channel, setChannel] = useState('vip_exclusive');
  const [minutes, setMinutes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    if (open) api.platformList().then(setPlatforms, () => undefined);
  }, [api, open]);

  const start = async (e: Event) => {
    e.preventDefault();
    const typed = minutes.trim();
    const n = Number(typed);
    if (typed && (!Number.isInteger(n) || n <= 0)) {
      setError({ code: 'invalid_field', field: 'promise', message: t('home.call.badMinutes') });
      return;
    }
    setBusy(true);
    try {
      const a = await api.callbackAwait(platformId || null, {
        channel,
        promise_minutes: typed ? n : null,
        requested_at: '',
        note: '',
      });
      navigate({ name: 'case', id: a.case_id });
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };

  return (
    <section class="card await-call" aria-labelledby="ac-h" data-testid="await-call">
      <h2 id="ac-h">{t('home.call.title')}</h2>
      <p class="hint">{t('home.call.intro')}</p>
      {open ? (
        <form onSubmit={start} class="inline-panel">
          <p class="field">
            <label for="ac-platform">{t('home.call.platform')}</label>
            <select id="ac-platform" value={platformId} onChange={(e) => setPlatformId((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('cases.platformDefault')}</option>
              {platforms.map((p) => (
                <option key={p.id ?? ''} value={p.id ?? ''}>
                  {p.profile.name}
                </option>
              ))}
            </select>
          </p>
          <p class="field">
            <label for="ac-who">{t('home.call.who')}</label>
            <select id="ac-who" value={channel} onChange={(e) => setChannel((e.currentTarget as HTMLSelectElement).value)}>
              {vocab.channels
                .filter((c) => WHO.includes(c.code))
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label}
                  </option>
                ))}
            </select>
          </p>
          <p class="field">
            <label for="ac-minutes">{t('home.call.minutes')}</label>
            <input id="ac-minutes" inputMode="numeric" value={minutes} placeholder={t('home.call.minutesDefault')}
              data-testid="ac-minutes" onInput={(e) => setMinutes((e.currentTarget as HTMLInputElement).value)} />
          </p>
          <p class="button-row">
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="ac-start">
              {t('home.call.start')}
            </button>
            <button type="button" class="btn" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </p>
          <ErrorNote error={error} />
        </form>
      ) : (
        <button type="button" class="btn btn-primary" onClick={() => setOpen(true)} data-testid="ac-open">
          {t('home.call.open')}
        </button>
      )}
    </section>
  );
}
