// Only these schemes may be handed to the system (the shell's `links::openable` allows the same).
const ALLOWED = /^(https?:\/\/[^\s]+|mailto:[^\s]*|tel:[+0-9()\-\s]+)$/i;

export function isOpenable(url: string | null | undefined): boolean {
  return !!url && ALLOWED.test(url.trim());
}

/** A phone number as a `tel:` link (keeps digits, `+`, `-`); `null` when there is no digit. */
export function telLink(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const cleaned = phone.replace(/[^0-9+\-]/g, '');
  return /\d/.test(cleaned) ? `tel:${cleaned}` : null;
}

/** Adds `https://` to a bare web address typed by the user (`www.example.com`). */
export function webLink(url: string | null | undefined): string | null {
  if (!url) return null;
  const u = url.trim();
  if (!u) return null;
  if (/^https?:\/\//i.test(u)) return u;
  if (/^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(u)) return `https://${u}`;
  return null;
}
