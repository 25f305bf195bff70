import { describe, expect, it } from 'vitest';
import type { PlatformEntry, ProfileForm } from '../ipc/bindings';
import { fromFormState, platformFieldOf, toFormState } from './platformForm';

const profile: ProfileForm = {
  name: '示例卡盟',
  timezone: 'Asia/Shanghai',
  channels: ['online_chat', 'phone', 'ticket'],
  vip_threshold_cny: 500,
  vip_callback_minutes: 10,
  vip_response_hours: 2,
  ticket_sla_business_days: 3,
  recharge_window_hours: 24,
  recharge_urgent_hours: 6,
  phone: { number: '400-000-0000', hours: '09:00-18:00', business_days_only: true, peaks: ['09:00-10:00', '19:00-21:00'], callback_service: true },
  links: { chat_url: 'https://example.com/chat', ticket_url: '', email: 'kefu@example.com', vip_contact: '', qq: '', contact_qr: '' },
  calendar: { extra_holidays: ['2024-10-08'], extra_workdays: [] },
};
const entry: PlatformEntry = { id: 'p1', profile, vip: true, verified: false };

describe('platform form', () => {
  it('round-trips an entry unchanged, keeping the fields it does not edit', () => {
    const f = toFormState(entry);
    expect(f.peaks).toBe('09:00-10:00, 19:00-21:00');
    const { entry: out, errors } = fromFormState(f);
    expect(errors).toEqual({});
    expect(out).toEqual(entry);
  });
  it('parses edits: peaks text, numbers, trimmed strings', () => {
    const f = { ...toFormState(entry), peaks: '8:00-9:00，20:00-22:00', vip_threshold_cny: '1000.5', name: '  新名字 ' };
    const { entry: out } = fromFormState(f);
    expect(out!.profile.phone.peaks).toEqual(['08:00-09:00', '20:00-22:00']);
    expect(out!.profile.vip_threshold_cny).toBe(1000.5);
    expect(out!.profile.name).toBe('新名字');
    expect(out!.profile.calendar.extra_holidays).toEqual(['2024-10-08']);
  });
  it('reports each bad field with an i18n key', () => {
    const f = {
      ...toFormState(entry),
      name: ' ',
      peaks: 'evenings',
      phone_hours: '9-6',
      email: 'not-an-email',
      chat_url: 'example.com',
      vip_callback_minutes: '1.5',
      ticket_sla_business_days: 'three',
    };
    const { entry: out, errors } = fromFormState(f);
    expect(out).toBeNull();
    expect(errors).toEqual({
      name: 'pf.err.name',
      peaks: 'pf.err.peaks',
      phone_hours: 'pf.err.hours',
      email: 'pf.err.email',
      chat_url: 'pf.err.url',
      vip_callback_minutes: 'pf.err.number',
      ticket_sla_business_days: 'pf.err.number',
    });
  });
  it('needs at least one channel, and phone hours when the phone is offered', () => {
    expect(fromFormState({ ...toFormState(entry), channels: [] }).errors.channels).toBe('pf.err.channels');
    expect(fromFormState({ ...toFormState(entry), phone_hours: '' }).errors.phone_hours).toBe('pf.err.hours');
    const noPhone = { ...toFormState(entry), channels: ['online_chat'], phone_hours: '' };
    expect(fromFormState(noPhone).errors).toEqual({});
  });
  it('maps server field names to form fields', () => {
    expect(platformFieldOf('phone.hours')).toBe('phone_hours');
    expect(platformFieldOf('profile.links.chat_url')).toBe('chat_url');
    expect(platformFieldOf('name')).toBe('name');
    expect(platformFieldOf('timezone')).toBeNull();
    expect(platformFieldOf(null)).toBeNull();
  });
});
