// The platform editor's form state (strings, as typed) ⇄ PlatformEntry, with the client-side checks.
import type { PlatformEntry, ProfileForm } from '../ipc/bindings';
import { formatPeaks, normaliseWindow, parsePeaks } from './peaks';

export interface PlatformFormState {
  id: string | null;
  name: string;
  channels: string[];
  chat_url: string;
  ticket_url: string;
  email: string;
  vip_contact: string;
  qq: string;
  phone_number: string;
  phone_hours: string;
  peaks: string;
  business_days_only: boolean;
  callback_service: boolean;
  vip_threshold_cny: string;
  vip_callback_minutes: string;
  ticket_sla_business_days: string;
  recharge_window_hours: string;
  vip: boolean;
  verified: boolean;
  /** Fields the form does not edit, carried through unchanged. */
  base: ProfileForm;
}

export type PlatformField = Exclude<keyof PlatformFormState, 'id' | 'base' | 'vip' | 'verified'>;

/** A problem with one field: the i18n key of the sentence to show. */
export type PlatformErrors = Partial<Record<PlatformField, string>>;

export function toFormState(entry: PlatformEntry): PlatformFormState {
  const p = entry.profile;
  return {
    id: entry.id,
    name: p.name,
    channels: [...p.channels],
    chat_url: p.links.chat_url,
    ticket_url: p.links.ticket_url,
    email: p.links.email,
    vip_contact: p.links.vip_contact,
    qq: p.links.qq,
    phone_number: p.phone.number,
    phone_hours: p.phone.hours,
    peaks: formatPeaks(p.phone.peaks),
    business_days_only: p.phone.business_days_only,
    callback_service: p.phone.callback_service,
    vip_threshold_cny: String(p.vip_threshold_cny),
    vip_callback_minutes: String(p.vip_callback_minutes),
    ticket_sla_business_days: String(p.ticket_sla_business_days),
    recharge_window_hours: String(p.recharge_window_hours),
    vip: entry.vip,
    verified: entry.verified,
    base: p,
  };
}

function num(s: string, integer: boolean): number | null {
  const v = s.trim();
  if (!/^\d+(\.\d+)?$/.test(v)) return null;
  const n = Number(v);
  if (!isFinite(n) || (integer && !Number.isInteger(n))) return null;
  return n;
}

/** Checks the form; returns the entry to save, or the errors (i18n keys) per field. */
export function fromFormState(f: PlatformFormState): { entry: PlatformEntry | null; errors: PlatformErrors } {
  const errors: PlatformErrors = {};
  if (!f.name.trim()) errors.name = 'pf.err.name';
  if (f.channels.length === 0) errors.channels = 'pf.err.channels';
  let hours = f.phone_hours.trim();
  if (hours) {
    const h = normaliseWindow(hours);
    if (h) hours = h;
    else errors.phone_hours = 'pf.err.hours';
  } else if (f.channels.includes('phone')) {
    errors.phone_hours = 'pf.err.hours';
  }
  const peaks = parsePeaks(f.peaks);
  if (peaks.invalid.length) errors.peaks = 'pf.err.peaks';
  const email = f.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'pf.err.email';
  for (const k of ['chat_url', 'ticket_url'] as const) {
    const u = f[k].trim();
    if (u && !/^https?:\/\/\S+$/i.test(u)) errors[k] = 'pf.err.url';
  }
  const numbers = {
    vip_threshold_cny: num(f.vip_threshold_cny, false),
    vip_callback_minutes: num(f.vip_callback_minutes, true),
    ticket_sla_business_days: num(f.ticket_sla_business_days, true),
    recharge_window_hours: num(f.recharge_window_hours, true),
  };
  for (const [k, v] of Object.entries(numbers)) if (v === null) errors[k as PlatformField] = 'pf.err.number';
  if (Object.keys(errors).length) return { entry: null, errors };
  const b = f.base;
  const profile: ProfileForm = {
    ...b,
    name: f.name.trim(),
    channels: [...f.channels],
    vip_threshold_cny: numbers.vip_threshold_cny!,
    vip_callback_minutes: numbers.vip_callback_minutes!,
    ticket_sla_business_days: numbers.ticket_sla_business_days!,
    recharge_window_hours: numbers.recharge_window_hours!,
    phone: {
      ...b.phone,
      number: f.phone_number.trim(),
      hours,
      peaks: peaks.peaks,
      business_days_only: f.business_days_only,
      callback_service: f.callback_service,
    },
    links: {
      ...b.links,
      chat_url: f.chat_url.trim(),
      ticket_url: f.ticket_url.trim(),
      email,
      vip_contact: f.vip_contact.trim(),
      qq: f.qq.trim(),
    },
  };
  return { entry: { id: f.id, profile, vip: f.vip, verified: f.verified }, errors };
}

/** Maps a server field name (`phone.hours`, `links.chat_url`, `name`, …) to the form field. */
export function platformFieldOf(field: string | null): PlatformField | null {
  if (!field) return null;
  const map: Record<string, PlatformField> = {
    name: 'name',
    channels: 'channels',
    'phone.number': 'phone_number',
    number: 'phone_number',
    'phone.hours': 'phone_hours',
    hours: 'phone_hours',
    'phone.peaks': 'peaks',
    peaks: 'peaks',
    'links.chat_url': 'chat_url',
    chat_url: 'chat_url',
    'links.ticket_url': 'ticket_url',
    ticket_url: 'ticket_url',
    'links.qq': 'qq',
    qq: 'qq',
    'links.email': 'email',
    email: 'email',
    'links.vip_contact': 'vip_contact',
    vip_contact: 'vip_contact',
    vip_threshold_cny: 'vip_threshold_cny',
    vip_callback_minutes: 'vip_callback_minutes',
    ticket_sla_business_days: 'ticket_sla_business_days',
    recharge_window_hours: 'recharge_window_hours',
  };
  const f = field.replace(/^profile\./, '');
  return map[f] ?? null;
}
