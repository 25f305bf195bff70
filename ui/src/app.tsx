import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api, AppInfo, Settings, Vocabulary } from './ipc';
import { Ctx, type AppCtx, type Route } from './context';
import { langFromLocales, loadLang, makeT, toLang, type Key } from './i18n';
import { applyDisplay } from './lib/theme';
import { ReminderBanner } from './components/Reminders';
import { Cases } from './screens/Cases';
import { lazyScreen } from './lib/lazy';
import { badgeText } from './lib/tracking';

// Every screen but the start screen loads on demand (its own chunk): the start-up script stays small.
const Wizard = lazyScreen(() => import('./screens/Wizard').then((m) => m.Wizard));
const CasePage = lazyScreen(() => import('./screens/CasePage').then((m) => m.CasePage));
const Platforms = lazyScreen(() => import('./screens/Platforms').then((m) => m.Platforms));
const SettingsScreen = lazyScreen<{ helpdesk?: string; mail?: boolean }>(() => import('./screens/Settings').then((m) => m.Settings));
const Notifications = lazyScreen(() => import('./screens/Notifications').then((m) => m.Notifications));
const Help = lazyScreen(() => import('./screens/Help').then((m) => m.Help));
const Simple = lazyScreen(() => import('./screens/Simple').then((m) => m.Simple));

interface Boot {
  settings: Settings;
  vocab: Vocabulary;
  info: AppInfo;
}

const NAV: { route: Route['name']; key: Key; testid: string }[] = [
  { route: 'cases', key: 'nav.cases', testid: 'nav-cases' },
  { route: 'new', key: 'nav.new', testid: 'nav-new' },
  { route: 'platforms', key: 'nav.platforms', testid: 'nav-platforms' },
  { route: 'settings', key: 'nav.settings', testid: 'nav-settings' },
  { route: 'notifications', key: 'nav.notifications', testid: 'nav-notifications' },
  { route: 'help', key: 'nav.help', testid: 'nav-help' },
];

/**
 * On the first start (no language saved yet) the language follows the system's, and is saved so that
 * it stays what it was when the user first met the app. The backend's labels follow the saved one.
 */
async function firstStartLang(api: Api, settings: Settings): Promise<Settings> {
  if (settings.lang_chosen) return settings;
  const locales = navigator.languages?.length ? navigator.languages : [navigator.language];
  const lang = langFromLocales(locales);
  try {
    return await api.settingsSave({ ...settings, lang });
  } catch {
    return { ...settings, lang };
  }
}

export function App({ api }: { api: Api }) {
  const [boot, setBoot] = useState<Boot | null>(null);
  const [failed, setFailed] = useState(false);
  const [route, setRoute] = useState<Route>({ name: 'cases' });
  const [navCount, setNavCount] = useState(0);
  const [remindersRev, setRemindersRev] = useState(0);
  const [trackerRev, setTrackerRev] = useState(0);
  const [unread, setUnread] = useState(0);
  // Said once, the first time the window is closed to the tray: seen when it is opened again.
  const [trayHint, setTrayHint] = useState<string | null>(null);
  const main = useRef<HTMLElement>(null);

  const load = async () => {
    setFailed(false);
    try {
      const settings = await firstStartLang(api, await api.settingsGet());
      const [vocab, info] = await Promise.all([api.vocabulary(), api.appInfo(), loadLang(toLang(settings.lang))]);
      applyDisplay(document.documentElement, settings);
      // Simple mode starts on its own home: one tap on a tile from there to the answer.
      if (settings.simple_mode) setRoute({ name: 'simple' });
      setBoot({ settings, vocab, info });
    } catch {
      setFailed(true);
    }
  };
  useEffect(() => {
    load();
  }, [api]);

  const navigate = (r: Route) => {
    setRoute(r);
    setNavCount((n) => n + 1); // remounts the screen even when the route is the same
    window.scrollTo(0, 0);
  };

  const refreshUnread = (n?: number) => {
    if (typeof n === 'number' && n >= 0) setUnread(n);
    else api.notificationUnread().then(setUnread, () => undefined);
  };

  // The tracker runs in the shell: reload what shows its state when it changes something, and
  // open the case of a clicked desktop notification.
  useEffect(() => {
    refreshUnread();
    let gone = false;
    const stops: (() => void)[] = [];
    const keep = (p: Promise<() => void>) =>
      p.then((un) => (gone ? un() : stops.push(un)), () => undefined);
    keep(
      api.onTrackerChanged((c) => {
        refreshUnread(c.unread);
        setTrackerRev((n) => n + 1);
      }),
    );
    keep(
      api.onOpenRequest((r) => {
        if (r.notification_id) api.notificationRead(r.notification_id).then(setUnread, () => undefined);
        navigate(r.case_id ? { name: 'case', id: r.case_id } : { name: 'cases' });
      }),
    );
    keep(api.onTrayHint((h) => setTrayHint(h.text)));
    return () => {
      gone = true;
      stops.forEach((un) => un());
    };
  }, [api]);

  // Alt+1..6 for the menu entries.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= NAV.length) {
        e.preventDefault();
        navigate({ name: NAV[n - 1].route } as Route);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // After navigation, focus the main region so screen readers start at the new screen.
  useEffect(() => {
    if (navCount) main.current?.focus();
  }, [navCount]);

  const ctx = useMemo<AppCtx | null>(() => {
    if (!boot) return null;
    const lang = toLang(boot.settings.lang);
    return {
      api,
      lang,
      t: makeT(lang),
      vocab: boot.vocab,
      settings: boot.settings,
      info: boot.info,
      navigate,
      remindersRev,
      refreshReminders: () => setRemindersRev((n) => n + 1),
      trackerRev,
      unread,
      refreshUnread,
      saveSettings: async (s: Settings) => {
        const saved = await api.settingsSave(s);
        await loadLang(toLang(saved.lang));
        applyDisplay(document.documentElement, saved);
        // Labels come from the engine in the chosen language.
        const vocab = saved.lang !== boot.settings.lang ? await api.vocabulary() : boot.vocab;
        setBoot({ ...boot, settings: saved, vocab });
        // Switching simple mode on or off goes to that mode's home.
        if (saved.simple_mode !== boot.settings.simple_mode) navigate({ name: saved.simple_mode ? 'simple' : 'cases' });
      },
    };
  }, [boot, api, remindersRev, trackerRev, unread]);

  if (!ctx) {
    const t = makeT('zh-CN');
    return (
      <main class="boot" aria-busy={!failed}>
        {failed ? (
          <>
            <p role="alert">{t('app.loadFailed')}</p>
            <button type="button" class="btn btn-primary" onClick={load}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <p>{t('app.loading')}</p>
        )}
      </main>
    );
  }

  const t = ctx.t;
  const hint = trayHint ? (
    <p class="banner banner-info" role="status" data-testid="tray-hint">
      <span>{trayHint}</span>{' '}
      <button type="button" class="btn btn-small" onClick={() => setTrayHint(null)}>
        {t('common.close')}
      </button>
    </p>
  ) : null;
  const active = route.name === 'case' ? 'cases' : route.name;
  const screenKey = `${ctx.lang}-${navCount}`;
  if (route.name === 'simple') {
    // The mode's own bar (with "more") replaces the menu: fewer things to read, nothing else to tap.
    return (
      <Ctx.Provider value={ctx}>
        <a class="skip-link" href="#main">
          {t('app.skip')}
        </a>
        {hint}
        <main id="main" ref={main} tabIndex={-1}>
          <Simple key={screenKey} />
        </main>
      </Ctx.Provider>
    );
  }
  return (
    <Ctx.Provider value={ctx}>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <span class="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul class="nav">
            {NAV.map((n, i) => (
              <li key={n.route}>
                <button
                  type="button"
                  class={`nav-item${active === n.route ? ' active' : ''}`}
                  aria-current={active === n.route ? 'page' : undefined}
                  title={t('nav.shortcut', { n: i + 1 })}
                  aria-keyshortcuts={`Alt+${i + 1}`}
                  data-testid={n.testid}
                  onClick={() => navigate({ name: n.route } as Route)}
                >
                  {t(n.key)}
                  {n.route === 'notifications' && unread > 0 ? (
                    <span class="nav-badge" data-testid="nav-unread" aria-label={t('nav.unread', { n: unread })}>
                      {badgeText(unread)}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
            {ctx.settings.simple_mode ? (
              <li>
                <button type="button" class="nav-item nav-simple" data-testid="nav-simple" onClick={() => navigate({ name: 'simple' })}>
                  {t('elder.home')}
                </button>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <ReminderBanner />
      {hint}
      <main id="main" ref={main} tabIndex={-1}>
        {route.name === 'cases' ? <Cases key={screenKey} /> : null}
        {route.name === 'new' ? <Wizard key={screenKey} /> : null}
        {route.name === 'case' ? <CasePage key={screenKey} id={route.id} /> : null}
        {route.name === 'platforms' ? <Platforms key={screenKey} /> : null}
        {route.name === 'settings' ? <SettingsScreen key={`${ctx.lang}-${route.helpdesk ?? ''}-${route.mail ? 'mail' : ''}`} helpdesk={route.helpdesk} mail={route.mail} /> : null}
        {route.name === 'notifications' ? <Notifications key={screenKey} /> : null}
        {route.name === 'help' ? <Help key={screenKey} /> : null}
      </main>
    </Ctx.Provider>
  );
}
