import { useState } from 'preact/hooks';
import type { IpcError, Settings as S } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash } from '../hooks';
import { CopyButton, ErrorNote, inputType, LiveNote } from '../components/common';
import { LANG_NAMES, LANGS, type Key } from '../i18n';
import { HelpdesksSection, NotifyPrefsSection } from '../components/TrackingSettings';
import { MailAccounts } from '../components/mail/MailAccounts';

export const LARGE_TEXT = 1.4;
const MIN_SCALE = 1.0;
const MAX_SCALE = 1.6;

export function clampScale(x: number): number {
  if (!isFinite(x)) return 1;
  return Math.round(Math.min(MAX_SCALE, Math.max(MIN_SCALE, x)) * 10) / 10;
}

/** `helpdesk`: open that helpdesk's form (arriving from a ticket whose login no longer works);
 *  `mail`: bring "my mailbox" into view (arriving from a case's e-mail panel without a mailbox). */
export function Settings({ helpdesk, mail }: { helpdesk?: string; mail?: boolean } = {}) {
  const { t, settings, saveSettings, info } = useApp();
  const [contact, setContact] = useState(() => ({
    contact_name: settings.contact_name,
    contact_phone: settings.contact_phone,
    contact_email: settings.contact_email,
    contact_account: settings.contact_account,
  }));
  const [error, setError] = useState<IpcError | null>(null);
  const [note, flash] = useFlash();

  const save = async (patch: Partial<S>, confirm = false) => {
    try {
      await saveSettings({ ...settings, ...patch });
      setError(null);
      if (confirm) flash(t('common.saved'));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const scale = clampScale(settings.text_scale);
  const percent = Math.round(scale * 100);
  const contactKeys = ['contact_name', 'contact_phone', 'contact_email', 'contact_account'] as const;

  return (
    <div class="screen settings" data-screen="settings">
      <h1>{t('set.title')}</h1>
      <LiveNote msg={note} />
      <ErrorNote error={error} />

      <section class="card" aria-labelledby="set-lang-l">
        <h2 id="set-lang-l">
          <label for="set-lang">{t('set.lang')}</label>
        </h2>
        <select
          id="set-lang"
          value={settings.lang}
          data-testid="settings-lang"
          onChange={(e) => save({ lang: (e.currentTarget as HTMLSelectElement).value })}
        >
          {LANGS.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANG_NAMES[l]}
            </option>
          ))}
        </select>
      </section>

      <section class="card" aria-labelledby="set-send-l">
        <h2 id="set-send-l">
          <label for="set-send-lang">{t('set.sendLang')}</label>
        </h2>
        <p class="hint" id="set-send-hint">
          {t('set.sendLang.hint')}
        </p>
        <select
          id="set-send-lang"
          value={settings.send_lang}
          aria-describedby="set-send-hint"
          data-testid="settings-send-lang"
          onChange={(e) => save({ send_lang: (e.currentTarget as HTMLSelectElement).value }, true)}
        >
          <option value="zh-CN" lang="zh-CN">
            {t('set.sendLang.recommended', { name: LANG_NAMES['zh-CN'] })}
          </option>
          <option value="zh-Hant" lang="zh-Hant">
            {LANG_NAMES['zh-Hant']}
          </option>
        </select>
      </section>

      <section class="card" aria-labelledby="set-size-h">
        <h2 id="set-size-h">{t('set.size')}</h2>
        <label class="check big-toggle">
          <input
            type="checkbox"
            checked={scale >= LARGE_TEXT}
            data-testid="settings-large-text"
            onChange={(e) => save({ text_scale: (e.currentTarget as HTMLInputElement).checked ? LARGE_TEXT : 1 })}
          />{' '}
          {t('set.large')}
        </label>
        <div class="size-row">
          <button type="button" class="btn" aria-label={t('set.smaller')} disabled={scale <= MIN_SCALE} onClick={() => save({ text_scale: clampScale(scale - 0.1) })}>
            A−
          </button>
          <label for="set-size" class="visually-hidden">
            {t('set.size')}
          </label>
          <input
            id="set-size"
            type="range"
            min={MIN_SCALE}
            max={MAX_SCALE}
            step={0.1}
            value={scale}
            aria-valuetext={t('set.sizeValue', { n: percent })}
            onChange={(e) => save({ text_scale: clampScale(Number((e.currentTarget as HTMLInputElement).value)) })}
          />
          <button type="button" class="btn" aria-label={t('set.bigger')} disabled={scale >= MAX_SCALE} onClick={() => save({ text_scale: clampScale(scale + 0.1) })}>
            A+
          </button>
          <output for="set-size">{t('set.sizeValue', { n: percent })}</output>
        </div>
      </section>

      <section class="card" aria-labelledby="set-simple-h">
        <h2 id="set-simple-h">{t('set.simple')}</h2>
        <label class="check big-toggle">
          <input
            type="checkbox"
            checked={settings.simple_mode === true}
            data-testid="settings-simple"
            onChange={(e) => save({ simple_mode: (e.currentTarget as HTMLInputElement).checked })}
          />{' '}
          {t('set.simpleToggle')}
        </label>
      </section>

      <section class="card" aria-labelledby="set-theme-h">
        <fieldset>
          <legend id="set-theme-h">{t('set.theme')}</legend>
          {(['system', 'light', 'dark'] as const).map((th) => (
            <label key={th} class="radio">
              <input type="radio" name="theme" value={th} checked={settings.theme === th} onChange={() => save({ theme: th })} />{' '}
              {t(`set.theme.${th}` as Key)}
            </label>
          ))}
        </fieldset>
      </section>

      <form
        class="card"
        aria-labelledby="set-contact-h"
        onSubmit={(e) => {
          e.preventDefault();
          save(contact, true);
        }}
      >
        <h2 id="set-contact-h">{t('set.contact')}</h2>
        <p class="hint">{t('set.contactHint')}</p>
        <div class="grid">
          {contactKeys.map((k) => (
            <div class="field" key={k}>
              <label for={`set-${k}`}>{t(`set.${k}` as Key)}</label>
              <input
                id={`set-${k}`}
                type={inputType(k === 'contact_email' ? 'email' : k === 'contact_phone' ? 'tel' : 'text')}
                value={contact[k]}
                onInput={(e) => setContact({ ...contact, [k]: (e.currentTarget as HTMLInputElement).value })}
              />
            </div>
          ))}
        </div>
        <button type="submit" class="btn btn-primary">
          {t('common.save')}
        </button>
      </form>

      <MailAccounts focus={mail} />
      <NotifyPrefsSection />
      <HelpdesksSection focus={helpdesk} />

      <section class="card" aria-labelledby="set-data-h">
        <h2 id="set-data-h">{t('set.data')}</h2>
        <dl>
          <dt>{t('set.dataDir')}</dt>
          <dd>
            <code class="path">{info.data_dir}</code> <CopyButton text={info.data_dir} label={t('set.copyPath')} class="btn btn-small" />
          </dd>
          <dt>{t('set.version')}</dt>
          <dd>{info.version}</dd>
        </dl>
      </section>
    </div>
  );
}
