// Simple mode (for older users): big tiles for the common problems, one tap each, then one answer screen —
// what to do now, the number to call with a light for "open now" / "opens at", what to have at hand,
// read-aloud (the OS speech engine through the shell), and "let my family help" (text and QR for a relative).
// The answer is the backend's (`simple_answer`: the wizard's reading and recommendation); nothing
// here decides a channel or an opening hour. No pop-ups: everything is inline on the page.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IpcError, PlatformEntry, SimpleAnswer, SimpleAsk } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import type { Key } from '../i18n';
import { formatBoth } from '../lib/time';
import { telLink, webLink, isOpenable } from '../lib/links';
import { CopyButton, ErrorNote } from '../components/common';

/** The tiles, in the backend's order (`api::simple::TILES`); the codes are the backend's. */
export const TILES = ['not_arrived', 'recharge_failed', 'card_key', 'frozen', 'stolen', 'refund', 'other'] as const;

/** The simple mode's home: the tiles and the story field; a tile or the story gives the answer screen. */
export function Simple() {
  const { api, t, navigate, settings, saveSettings } = useApp();
  const [answer, setAnswer] = useState<SimpleAnswer | null>(null);
  const [ask, setAsk] = useState<SimpleAsk | null>(null);
  const [story, setStory] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const run = async (next: SimpleAsk) => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api.simpleAnswer(next));
      setAsk(next);
      window.scrollTo(0, 0);
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    heading.current?.focus();
  }, [answer]);

  const leave = () => saveSettings({ ...settings, simple_mode: false });
  const bar = (
    <div class="elder-bar">
      <span class="brand">{t('app.name')}</span>
      <button type="button" class="btn" data-testid="elder-more" onClick={() => navigate({ name: 'cases' })}>
        {t('elder.more')}
      </button>
    </div>
  );

  if (answer && ask) {
    return (
      <div class="screen elder" data-screen="elder-answer">
        {bar}
        <Answer
          answer={answer}
          heading={heading}
          onBack={() => {
            api.speakStop().catch(() => undefined);
            setAnswer(null);
          }}
          onPlatform={(id) => run({ ...ask, platform_id: id })}
        />
        <ErrorNote error={error} />
      </div>
    );
  }

  return (
    <div class="screen elder" data-screen="elder">
      {bar}
      <h1 ref={heading} tabIndex={-1}>
        {t('elder.title')}
      </h1>
      <p class="elder-lead">{t('elder.hint')}</p>
      <ul class="elder-tiles" aria-label={t('elder.tiles')}>
        {TILES.map((code) => (
          <li key={code}>
            <button
              type="button"
              class="elder-tile"
              data-testid={`elder-tile-${code}`}
              disabled={busy}
              onClick={() => run({ tile: code, story: '', platform_id: null })}
            >
              {t(`elder.tile.${code}` as Key)}
            </button>
          </li>
        ))}
      </ul>
      {busy ? <p aria-busy="true">{t('elder.loading')}</p> : null}
      <ErrorNote error={error} />
      <form
        class="elder-say"
        onSubmit={(e) => {
          e.preventDefault();
          if (story.trim()) run({ tile: null, story, platform_id: null });
        }}
      >
        <label for="elder-story">{t('elder.say.label')}</label>
        <textarea
          id="elder-story"
          rows={3}
          lang="zh-CN"
          data-testid="elder-story"
          value={story}
          onInput={(e) => setStory((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <button type="submit" class="btn btn-primary" data-testid="elder-say-go" disabled={busy || !story.trim()}>
          {t('elder.say.go')}
        </button>
      </form>
      <p>
        <button type="button" class="btn" data-testid="elder-leave" onClick={leave}>
          {t('elder.leave')}
        </button>
      </p>
    </div>
  );
}

function Answer({
  answer,
  heading,
  onBack,
  onPlatform,
}: {
  answer: SimpleAnswer;
  heading: { current: HTMLHeadingElement | null };
  onBack: () => void;
  onPlatform: (id: string) => void;
}) {
  const { api, t, lang, navigate } = useApp();
  const [platforms, setPlatforms] = useState<PlatformEntry[]>([]);
  useEffect(() => {
    api.platformList().then(setPlatforms, () => undefined);
  }, [api]);

  const a = answer.action;
  const tel = telLink(answer.phone);
  // The one button for the channel to use now when it is not the phone: its page, mail or site.
  const target = a.channel.code === 'phone' ? null : webLink(a.url) ?? (a.mailto && isOpenable(a.mailto) ? a.mailto : null) ?? webLink(a.links[0]?.url);
  const open = (url: string) => api.openUrl(url).catch(() => undefined);
  // Local time, with Beijing time beside it for a user abroad (as on the recommendation).
  const opensAt = (iso: string | null) =>
    formatBoth(iso, lang, (bj, hm) => t(bj ? 'time.beijing' : 'time.platform', { time: hm }));

  return (
    <>
      <p>
        <button type="button" class="btn" data-testid="elder-back" onClick={onBack}>
          {t('elder.back')}
        </button>
      </p>
      <h1 ref={heading} tabIndex={-1} data-testid="elder-type">
        {answer.problem_type.label}
      </h1>
      {answer.platform ? (
        <p class="elder-platform" data-testid="elder-platform">
          {t('elder.platform', { name: answer.platform.label })}
          {platforms.length > 1 ? (
            <>
              {' '}
              <label for="elder-platform-pick" class="visually-hidden">
                {t('elder.platformPick')}
              </label>
              <select
                id="elder-platform-pick"
                value={answer.platform.code}
                onChange={(e) => onPlatform((e.currentTarget as HTMLSelectElement).value)}
              >
                {platforms.map((p) => (
                  <option key={p.id} value={p.id ?? ''}>
                    {p.profile.name}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </p>
      ) : (
        <p class="elder-note" data-testid="elder-no-platform">
          {t('elder.noPlatform')}{' '}
          <button type="button" class="btn" onClick={() => navigate({ name: 'platforms' })}>
            {t('elder.addPlatform')}
          </button>
        </p>
      )}

      <section class="elder-card" aria-labelledby="elder-now-h">
        <h2 id="elder-now-h">{t('elder.now')}</h2>
        <p class="elder-headline" data-testid="elder-headline">
          {answer.headline}
        </p>
        {target ? (
          <button type="button" class="btn btn-primary elder-action" data-testid="elder-action" onClick={() => open(target)}>
            {t('elder.openAction', { channel: a.channel.label })}
          </button>
        ) : null}
        {answer.phone && tel ? (
          <div class="elder-phone" data-testid="elder-phone">
            <span class="elder-phone-label">{t('elder.phone')}</span>
            <span class="elder-number" data-testid="elder-number">
              {answer.phone}
            </span>
            <span
              class={`elder-light ${answer.phone_open ? 'is-open' : 'is-closed'}`}
              data-testid="elder-light"
              data-open={answer.phone_open ? 'yes' : 'no'}
            >
              {answer.phone_open
                ? t('elder.open')
                : t('elder.opensAt', { time: opensAt(answer.phone_opens_at) })}
            </span>
            <a
              class="btn btn-primary elder-call"
              href={tel}
              data-testid="elder-call"
              onClick={(e) => {
                // The system opens tel: (the webview itself does not navigate).
                e.preventDefault();
                open(tel);
              }}
            >
              {t('elder.call', { phone: answer.phone })}
            </a>
          </div>
        ) : (
          <p class="elder-note">{t('elder.noPhone')}</p>
        )}
      </section>

      <ReadAloud text={answer.speech} />

      {answer.questions.length ? (
        <section class="elder-card" aria-labelledby="elder-q-h">
          <h2 id="elder-q-h">{t('elder.questions')}</h2>
          <ol class="elder-list" data-testid="elder-questions">
            {answer.questions.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ol>
        </section>
      ) : null}

      {answer.reminders.length ? (
        <section class="elder-card" aria-labelledby="elder-r-h">
          <h2 id="elder-r-h">{t('elder.reminders')}</h2>
          <ul class="elder-list" data-testid="elder-reminders">
            {answer.reminders.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <Family answer={answer} />
    </>
  );
}

/** Read-aloud with a stop; a machine without speech (or without a voice) says so in words. */
function ReadAloud({ text }: { text: string }) {
  const { api, t } = useApp();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => () => void api.speakStop().catch(() => undefined), [api]);
  const read = async () => {
    setError(null);
    try {
      await api.speak(text);
      setReading(true);
    } catch (e) {
      setReading(false);
      setError(toIpcError(e));
    }
  };
  const stop = async () => {
    setReading(false);
    try {
      await api.speakStop();
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  return (
    <div class="elder-read">
      <button type="button" class="btn btn-primary" data-testid="elder-read" onClick={read}>
        {t('elder.read')}
      </button>
      <button type="button" class="btn" data-testid="elder-stop" onClick={stop} disabled={!reading}>
        {t('elder.stop')}
      </button>
      <span role="status" class="elder-reading" data-testid="elder-reading">
        {reading ? t('elder.reading') : ''}
      </span>
      <ErrorNote error={error} id="elder-read-error" />
    </div>
  );
}

/** "Let my family help": the summary as text to copy and as a QR code (drawn by the shell). */
function Family({ answer }: { answer: SimpleAnswer }) {
  const { t } = useApp();
  const [shown, setShown] = useState(false);
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(answer.family.qr_svg)}`;
  return (
    <section class="elder-card" aria-labelledby="elder-family-h">
      <h2 id="elder-family-h">
        <button
          type="button"
          class="btn"
          aria-expanded={shown}
          data-testid="elder-family"
          onClick={() => setShown(!shown)}
        >
          {t('elder.family')}
        </button>
      </h2>
      {shown ? (
        <div data-testid="elder-family-panel">
          <p>{t('elder.familyHint')}</p>
          <img class="qr" src={src} alt={t('elder.familyQrAlt')} width={320} height={320} />
          <pre class="handoff-text elder-family-text" lang="zh-CN">
            {answer.family.text}
          </pre>
          <CopyButton text={answer.family.text} label={t('elder.familyCopy')} class="btn btn-primary" testid="elder-family-copy" />
        </div>
      ) : null}
    </section>
  );
}

/** The first start's inline question (not a pop-up), shown on the home screen until answered. */
export function SimpleOffer() {
  const { t, settings, saveSettings } = useApp();
  if (settings.simple_mode !== null) return null;
  return (
    <section class="card elder-offer" aria-labelledby="elder-offer-h" data-testid="elder-offer">
      <h2 id="elder-offer-h">{t('elder.offer.q')}</h2>
      <p>{t('elder.offer.text')}</p>
      <p class="elder-offer-actions">
        <button
          type="button"
          class="btn btn-primary btn-huge"
          data-testid="elder-offer-yes"
          onClick={() => saveSettings({ ...settings, simple_mode: true })}
        >
          {t('elder.offer.yes')}
        </button>{' '}
        <button type="button" class="btn btn-big" data-testid="elder-offer-no" onClick={() => saveSettings({ ...settings, simple_mode: false })}>
          {t('elder.offer.no')}
        </button>
      </p>
    </section>
  );
}
