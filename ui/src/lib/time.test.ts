import { describe, expect, it } from 'vitest';
import { asInputValue, dateToLocalInput, formatLocal, fromLocalInput, parseTime, toRfc3339 } from './time';

describe('time', () => {
  const local = new Date(2024, 4, 20, 14, 30); // 2024-05-20 14:30 local

  it('datetime-local → RFC 3339 with the local offset, same instant', () => {
    const s = fromLocalInput('2024-05-20T14:30');
    expect(s).toMatch(/^2024-05-20T14:30:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(s)).toBe(local.getTime());
    expect(fromLocalInput('')).toBe('');
  });
  it('round-trips', () => {
    expect(dateToLocalInput(parseTime(fromLocalInput('2023-12-31T23:59'))!)).toBe('2023-12-31T23:59');
    expect(dateToLocalInput(parseTime(toRfc3339(local))!)).toBe('2024-05-20T14:30');
  });
  it('keeps the wall clock of a stored time for the form input', () => {
    expect(asInputValue('2024-05-20T14:30:00+08:00')).toBe('2024-05-20T14:30');
    expect(asInputValue('2024-05-20 14:30')).toBe('2024-05-20T14:30');
    expect(asInputValue('yesterday')).toBe('');
  });
  it('formats for display in both languages', () => {
    const iso = toRfc3339(local);
    expect(formatLocal(iso, 'zh-CN', new Date(2024, 0, 1))).toBe('5月20日 14:30');
    expect(formatLocal(iso, 'zh-CN', new Date(2025, 0, 1))).toBe('2024年5月20日 14:30');
    expect(formatLocal(iso, 'en', new Date(2024, 0, 1))).toBe('May 20, 14:30');
    expect(formatLocal('???', 'en')).toBe('???');
  });
});
