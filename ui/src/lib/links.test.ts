import { describe, expect, it } from 'vitest';
import { isOpenable, telLink, webLink } from './links';

describe('links', () => {
  it('opens only http(s), mailto and tel', () => {
    expect(isOpenable('https://www.12315.cn/')).toBe(true);
    expect(isOpenable('mailto:kefu@example.com?subject=x')).toBe(true);
    expect(isOpenable('tel:400-000-0000')).toBe(true);
    expect(isOpenable('javascript:alert(1)')).toBe(false);
    expect(isOpenable('file:///etc/passwd')).toBe(false);
    expect(isOpenable('')).toBe(false);
  });
  it('makes tel: links from typed numbers', () => {
    expect(telLink('400 123 4567')).toBe('tel:4001234567');
    expect(telLink('+86-10-1234 5678')).toBe('tel:+86-10-12345678');
    expect(telLink('none')).toBeNull();
  });
  it('completes bare web addresses', () => {
    expect(webLink('www.example.com/kefu')).toBe('https://www.example.com/kefu');
    expect(webLink('http://a.cn')).toBe('http://a.cn');
    expect(webLink('WeChat: abc')).toBeNull();
    expect(webLink(null)).toBeNull();
  });
});
