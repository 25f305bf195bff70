import { describe, expect, it } from 'vitest';
import { formatPeaks, normaliseWindow, parsePeaks } from './peaks';

describe('peaks', () => {
  it('parses the comma-separated list and normalises the hours', () => {
    expect(parsePeaks('09:00-10:00, 19:00-21:00')).toEqual({ peaks: ['09:00-10:00', '19:00-21:00'], invalid: [] });
    expect(parsePeaks('9:00-10:00，19:00~21:00\n')).toEqual({ peaks: ['09:00-10:00', '19:00-21:00'], invalid: [] });
  });
  it('reports the pieces that are not windows', () => {
    expect(parsePeaks('09:00-10:00, morning, 25:00-26:00')).toEqual({
      peaks: ['09:00-10:00'],
      invalid: ['morning', '25:00-26:00'],
    });
  });
  it('rejects empty or backwards windows, allows 24:00 as an end', () => {
    expect(normaliseWindow('10:00-09:00')).toBeNull();
    expect(normaliseWindow('10:00-10:00')).toBeNull();
    expect(normaliseWindow('22:00-24:00')).toBe('22:00-24:00');
    expect(normaliseWindow('09:60-10:00')).toBeNull();
  });
  it('empty text is no peaks, and formatting round-trips', () => {
    expect(parsePeaks('  ')).toEqual({ peaks: [], invalid: [] });
    const text = formatPeaks(['09:00-10:00', '19:00-21:00']);
    expect(text).toBe('09:00-10:00, 19:00-21:00');
    expect(parsePeaks(text).peaks).toEqual(['09:00-10:00', '19:00-21:00']);
  });
});
