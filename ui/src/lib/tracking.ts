// Follow-up logic without a DOM: second-by-second countdowns for promised callbacks, the phases of a
// callback and an order watch, ticket statuses and sync problems in plain words with their fix, the
// callback promise the user picked, deadlines with their escalation hint, notifications newest first,
// and the helpdesk form's checks. Times are RFC 3339; `now` is passed in, so every rule is testable.
import { translate, type Key, type Lang } from '../i18n';
import { countdown } from './countdown';
import { parseTime } from './time';

export interface LiveCountdown {
  text: string;
  overdue: boolean;
  /** Whole seconds left (negative when overdue). */
  seconds: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A countdown to the second under an hour ("还剩 9 分 05 秒", "已超时 2 分 07 秒"), else the minute
 * countdown of lib/countdown. `null` when the time is unusable.
 */
export function liveCountdown(dueAt: string | null | undefined, now: Date | number, lang: Lang): LiveCountdown | null {
  const d = parseTime(dueAt);
  if (!d) return null;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const diffMs = d.getTime() - nowMs;
  const seconds = diffMs >= 0 ? Math.floor(diffMs / 1000) : -Math.ceil(-diffMs / 1000);
  const abs = Math.abs(seconds);
  if (abs < 3600) {
    const m = Math.floor(abs / 60);
    const s = pad2(abs % 60);
    const key: Key = seconds >= 0 ? 'trk.cd.left.ms' : 'trk.cd.over.ms';
    return { text: translate(lang, key, { m, s }), overdue: seconds < 0, seconds };
  }
  const c = countdown(dueAt, nowMs, lang)!;
  return { text: c.text, overdue: c.overdue, seconds };
}

export type CallbackPhase = 'waiting' | 'due' | 'overdue' | 'done';

/**
 * Before the promise, within the tracker's grace (until `overdueAt`, which the backend sends), past
 * it, or an outcome was logged. Computed here only so the phase changes live, to the second.
 */
export function callbackPhase(dueAt: string, overdueAt: string, now: Date | number, outcome: unknown): CallbackPhase {
  if (outcome) return 'done';
  const d = parseTime(dueAt);
  if (!d) return 'waiting';
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (nowMs < d.getTime()) return 'waiting';
  const over = parseTime(overdueAt);
  if (!over || nowMs < over.getTime()) return 'due';
  return 'overdue';
}

/** The choices of "平台说会回电": within 10 min, 2 h, a number of minutes/hours, or the platform's promise. */
export const PROMISES = ['10m', '2h', 'custom', 'platform'] as const;
export type PromiseChoice = (typeof PROMISES)[number];

/**
 * The promise in minutes: `null` = the platform profile's promise; `'invalid'` when the custom number
 * is not between 1 minute and `maxMinutes` (the tracker's longest promise, sent with the panel).
 */
export function promiseMinutes(
  choice: PromiseChoice,
  custom: string,
  unit: 'min' | 'h',
  maxMinutes: number,
): number | null | 'invalid' {
  if (choice === '10m') return 10;
  if (choice === '2h') return 120;
  if (choice === 'platform') return null;
  const v = custom.trim();
  if (!/^\d+(\.\d+)?$/.test(v)) return 'invalid';
  const minutes = Math.round(Number(v) * (unit === 'h' ? 60 : 1));
  if (minutes < 1 || minutes > maxMinutes) return 'invalid';
  return minutes;
}

export type ProblemFix = 'token' | 'number' | 'settings' | 'wait';

/** A sync problem in plain words and what fixes it. Unknown codes: the generic message, wait. */
export function problemInfo(problem: string | null | undefined): { key: Key; fix: ProblemFix } | null {
  switch ((problem ?? '').trim()) {
    case '':
      return null;
    case 'auth':
    case 'no_token':
      return { key: 'trk.problem.auth', fix: 'token' };
    case 'not_found':
      return { key: 'trk.problem.not_found', fix: 'number' };
    case 'invalid':
      return { key: 'trk.problem.invalid', fix: 'settings' };
    case 'offline':
      return { key: 'trk.problem.offline', fix: 'wait' };
    default:
      return { key: 'trk.problem.failing', fix: 'wait' };
  }
}

/**
 * The ticket stopped being checked (credentials refused, ticket not found, request refused): after
 * fixing the cause the user can have it checked again at once. Not for hand-tracked tickets.
 */
export function canResume(problem: string | null | undefined, manual: boolean): boolean {
  return !manual && ['auth', 'no_token', 'not_found', 'invalid'].includes((problem ?? '').trim());
}

export type OrderPhase = 'waiting' | 'late' | 'ended';

/** An order watch waiting for its delivery, late (past its expected time, not confirmed), or ended. */
export function orderPhase(state: string, expectedAt: string, now: Date | number): OrderPhase {
  if (state === 'late') return 'late';
  if (state !== 'waiting') return 'ended';
  const d = parseTime(expectedAt);
  const nowMs = typeof now === 'number' ? now : now.getTime();
  return d && nowMs >= d.getTime() ? 'late' : 'waiting';
}

/** Minutes from a choice of the order form: a number of minutes, 1 to 30 days. */
export function withinMinutes(v: string): number | null {
  const s = v.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 30 * 24 * 60 ? n : null;
}

/** Newest first; ties by id, newest first. Does not change the list given. */
export function newestFirst<T extends { at: string; id: number }>(list: readonly T[]): T[] {
  const ms = (s: string) => parseTime(s)?.getTime() ?? 0;
  return [...list].sort((a, b) => ms(b.at) - ms(a.at) || b.id - a.id);
}

export function unreadCount(list: readonly { read: boolean }[]): number {
  return list.filter((n) => !n.read).length;
}

/** What a badge shows: nothing, the number, or 99+. */
export function badgeText(n: number): string {
  if (!(n > 0)) return '';
  return n > 99 ? '99+' : String(n);
}

export interface DeadlineInfo {
  label: Key;
  /** What to do now that it has passed (or is about to). */
  hint: Key | null;
  overdue: boolean;
  soon: boolean;
}

/** A deadline's label and, once it has passed (or its warning time came), the next step. */
export function deadlineInfo(kind: string, dueAt: string, warnAt: string | null, now: Date | number): DeadlineInfo {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const due = parseTime(dueAt)?.getTime() ?? Infinity;
  const warn = parseTime(warnAt)?.getTime() ?? due;
  const overdue = nowMs >= due;
  const soon = !overdue && nowMs >= warn;
  if (kind === 'recharge_window') {
    return { label: 'trk.dl.recharge_window', hint: overdue ? 'trk.dl.recharge_passed' : soon ? 'trk.dl.recharge_soon' : null, overdue, soon };
  }
  if (kind === 'ticket_sla') {
    return { label: 'trk.dl.ticket_sla', hint: overdue ? 'trk.dl.sla_passed' : soon ? 'trk.dl.sla_soon' : null, overdue, soon };
  }
  if (kind === 'callback') {
    return { label: 'trk.dl.callback', hint: overdue ? 'trk.cb.overdueWhat' : null, overdue, soon };
  }
  return { label: 'trk.dl.other', hint: null, overdue, soon };
}

export interface HelpdeskDraft {
  name: string;
  kind: string;
  url: string;
  queue: string;
  email: string;
  token: string;
}

export const HELPDESK_KINDS = ['rt', 'zendesk', 'manual'] as const;

/** The origin (scheme, host, port) of an address, as the shell binds a saved token to it; null when unreadable. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The form's own checks before it is sent (the shell checks again): field → message key.
 * `savedUrl`: the address the saved token was given for; a token is bound to that origin, so an
 * address on another origin needs the token again.
 */
export function helpdeskErrors(f: HelpdeskDraft, tokenSaved = false, savedUrl?: string): Partial<Record<keyof HelpdeskDraft, Key>> {
  const e: Partial<Record<keyof HelpdeskDraft, Key>> = {};
  const name = f.name.trim();
  if (!name) e.name = 'hd.err.name';
  else if ([...name].length > 64) e.name = 'hd.err.nameLong';
  const url = f.url.trim();
  const web = /^https?:\/\/\S+$/.test(url);
  if (f.kind !== 'manual' && !web) e.url = 'hd.err.url';
  if (f.kind === 'manual' && url && !web) e.url = 'hd.err.url';
  if (f.email.trim() && !/^\S+@\S+$/.test(f.email.trim())) e.email = 'hd.err.email';
  // Zendesk: with an e-mail the token is an API token, without one an OAuth token (both work).
  if (f.kind === 'rt' && !f.queue.trim()) e.queue = 'hd.err.queue';
  if (f.kind !== 'manual' && !f.token && !tokenSaved) e.token = 'hd.err.token';
  else if (f.kind !== 'manual' && !f.token && savedUrl && originOf(savedUrl) !== originOf(url)) e.token = 'hd.err.tokenOrigin';
  return e;
}
