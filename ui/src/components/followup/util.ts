import type { Key, T } from '../../i18n';

/** Closes an inline panel on Escape (and keeps the key from closing anything around it). */
export const onEscape = (close: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.stopPropagation();
    close();
  }
};

/** A callback outcome in the UI's language; the shell's own label where there is no translation. */
export const outcomeLabel = (t: T, code: string, label: string) => {
  const k = `trk.cb.o.${code}` as Key;
  const s = t(k);
  return s === k ? label : s;
};
