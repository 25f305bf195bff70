// Small pure helpers of the e-mail screens (settings' mailbox form, the case's send panel and list).
import type { MailAccountForm, MailPresetView, Recommendation } from '../ipc';

/** The address of a `mailto:` link (before any `?subject=…`), decoded; null when there is none. */
export function mailtoAddress(mailto: string | null | undefined): string | null {
  if (!mailto || !/^mailto:/i.test(mailto.trim())) return null;
  const raw = mailto.trim().slice('mailto:'.length).split('?')[0];
  let addr: string;
  try {
    addr = decodeURIComponent(raw);
  } catch {
    addr = raw;
  }
  // A mailto may list several recipients: the first one is the platform's.
  const first = addr.split(',')[0].trim();
  return first.includes('@') ? first : null;
}

/** The platform's address from the recommendation's e-mail action (primary, do-now or an alternative). */
export function platformAddress(rec: Recommendation): string | null {
  for (const a of [rec.primary, rec.do_now, ...rec.alternatives]) {
    const addr = a ? mailtoAddress(a.mailto) : null;
    if (addr) return addr;
  }
  return null;
}

/** The mailbox form as typed: ports as text so a half-typed one is not turned into 0. */
export interface MailDraft {
  name: string;
  email: string;
  imap_host: string;
  imap_port: string;
  smtp_host: string;
  smtp_port: string;
  security: string;
  password: string;
}

export const emptyMailDraft = (): MailDraft => ({
  name: '', email: '', imap_host: '', imap_port: '993', smtp_host: '', smtp_port: '465', security: 'tls', password: '',
});

/** A preset's servers and security over the draft (the address, name and password stay). */
export function withPreset(d: MailDraft, p: MailPresetView): MailDraft {
  return {
    ...d, imap_host: p.imap_host, imap_port: String(p.imap_port), smtp_host: p.smtp_host, smtp_port: String(p.smtp_port), security: p.security,
  };
}

/** The draft as the backend's form; a port that is not a number goes as 0 so the backend names the field. */
export function toForm(d: MailDraft): MailAccountForm {
  const port = (s: string) => (/^\d{1,5}$/.test(s.trim()) ? Number(s.trim()) : 0);
  return {
    name: d.name.trim() || d.email.trim(), email: d.email.trim(), imap_host: d.imap_host.trim(), imap_port: port(d.imap_port),
    smtp_host: d.smtp_host.trim(), smtp_port: port(d.smtp_port), security: d.security, password: d.password ? d.password : null,
  };
}

/** The steps "test connection" goes through, in order; a failure's code names the one that failed. */
export const TEST_STEPS = ['mail_connect', 'mail_tls', 'mail_login', 'mail_folder'] as const;
export type TestStep = (typeof TEST_STEPS)[number];

export function failedStep(code: string): TestStep | null {
  return (TEST_STEPS as readonly string[]).includes(code) ? (code as TestStep) : null;
}

/** The backend refused to send because an earlier send of the same e-mail did not finish. */
export function isUnfinishedSend(e: { code: string; field: string | null } | null): boolean {
  return !!e && e.code === 'invalid_field' && e.field === 'resend';
}
