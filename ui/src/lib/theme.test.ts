import { describe, expect, it } from 'vitest';
import { fontSizeFor, themeAttr } from './theme';
import { toIpcError } from '../ipc/errors';

describe('display settings', () => {
  it('16px × text scale, clamped to 100%–160%', () => {
    expect(fontSizeFor(1)).toBe('16px');
    expect(fontSizeFor(1.4)).toBe('22.4px');
    expect(fontSizeFor(3)).toBe('25.6px');
    expect(fontSizeFor(0.5)).toBe('16px');
    expect(fontSizeFor(NaN)).toBe('16px');
  });
  it('explicit themes set the attribute, system leaves it to the media query', () => {
    expect(themeAttr('dark')).toBe('dark');
    expect(themeAttr('light')).toBe('light');
    expect(themeAttr('system')).toBeNull();
    expect(themeAttr('neon')).toBeNull();
  });
});

describe('IPC errors', () => {
  it('keeps the shell shape and normalises anything else', () => {
    expect(toIpcError({ code: 'invalid_field', field: 'amount', message: 'bad' })).toEqual({ code: 'invalid_field', field: 'amount', message: 'bad' });
    expect(toIpcError({ code: 'io', field: null })).toEqual({ code: 'io', field: null, message: '' });
    expect(toIpcError('command not found')).toEqual({ code: 'unknown', field: null, message: 'command not found' });
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'unknown', field: null, message: 'boom' });
    expect(toIpcError(undefined).code).toBe('unknown');
  });
});
