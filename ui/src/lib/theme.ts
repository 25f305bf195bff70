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

/** Simple mode never goes under this text scale (20 px), whatever the slider says. */
export const SIMPLE_MIN_SCALE = 1.25;

export function applyDisplay(el: HTMLElement, s: Settings): void {
  el.style.fontSize = fontSizeFor(s.simple_mode ? Math.max(s.text_scale, SIMPLE_MIN_SCALE) : s.text_scale);
  // The mode's palette, spacing and target sizes hang on this attribute (styles.css).
  if (s.simple_mode) el.setAttribute('data-simple', '');
  else el.removeAttribute('data-simple');
  const th = themeAttr(s.theme);
  if (th) el.setAttribute('data-theme', th);
  else el.removeAttribute('data-theme');
  el.setAttribute('lang', toLang(s.lang));
}
