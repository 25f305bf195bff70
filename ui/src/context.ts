import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api, AppInfo, Settings, Vocabulary } from './ipc';
import type { Lang, T } from './i18n';

export type Route =
  /** Simple mode's home (tiles, the story field) and its answer screen. */
  | { name: 'simple' }
  | { name: 'cases' }
  | { name: 'new' }
  | { name: 'case'; id: string }
  | { name: 'platforms' }
  | { name: 'notifications' }
  | { name: 'help' }
  /** `helpdesk`: open that helpdesk's form (to enter its token again); `mail`: show 我的邮箱. */
  | { name: 'settings'; helpdesk?: string; mail?: boolean };

export interface AppCtx {
  api: Api;
  t: T;
  lang: Lang;
  vocab: Vocabulary;
  settings: Settings;
  info: AppInfo;
  saveSettings(s: Settings): Promise<void>;
  navigate(r: Route): void;
  /** Bumped by `refreshReminders`: the banner and the case page reload their reminders when it changes. */
  remindersRev: number;
  /** Call after marking a reminder done, so every place that shows reminders reloads them. */
  refreshReminders(): void;
  /** Bumped each time the tracker says it changed something: follow-up sections, order watches and the list reload. */
  trackerRev: number;
  /** Unread notifications (the nav badge). */
  unread: number;
  /** Sets the unread count after the notification list changed it (or reloads it with no argument). */
  refreshUnread(n?: number): void;
}

export const Ctx = createContext<AppCtx | null>(null);

export function useApp(): AppCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error('AppCtx missing');
  return c;
}
