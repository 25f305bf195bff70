// Applies the display settings to <html>: font size (16px × text_scale), theme, language.
import type { Settings } from '../ipc/bindings';
import { toLang } from '../i18n';

const BASE_FONT_PX = 16;

export function fontSizeFor(scale: number): string {
  const s = isFinite(scale) && scale > 0 ? Math.min(1.6, Math.max(1, scale)) : 1;
  return `${Math.round(BASE_FONT_PX * s * 10) / 10}px`;
}

/** `null` = follow the system (no attribute; the CSS media query decides). */
export function themeAttr(theme: string): 'light' | 'dark' | null {
  return theme === 'light' || theme === 'dark' ? theme : null;
}

export function applyDisplay(el: HTMLElement, s: Settings): void {
  el.style.fontSize = fontSizeFor(s.text_scale);
  const th = themeAttr(s.theme);
  if (th) el.setAttribute('data-theme', th);
  else el.removeAttribute('data-theme');
  el.setAttribute('lang', toLang(s.lang));
}
