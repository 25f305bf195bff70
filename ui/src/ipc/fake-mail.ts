// The e-mail part of the in-memory stand-in (fake.ts): only what the screens need to be shown and
// tested: the presets, Outlook refused, accounts whose password stays in a fake keychain, a send that
// records what went out, an unfinished send, and answers arriving as the tracker would find them.
import type { Api } from './index';
import type { EvidenceView, MailAccountForm, MailAccountView, MailAnswerFile, MailAnswerView, MailPresetView, MailSentView, MailSendForm, MailSendResult } from './bindings';

type MailApi = Pick<Api, 'mailPresets' | 'mailPresetFor' | 'mailAccountList' | 'mailAccountSave' | 'mailAccountRemove' | 'mailTest' | 'mailSend' | 'caseMail'>;

/** The handles a test can pull. */
export interface FakeMail {
  /** The fake keychain: mailbox name → password. */
  mailKeychain: Map<string, string>;
  /** Makes the next `mailTest` or `mailSend` fail with this IPC error. */
  mailFail: { code: string; field: string | null; message: string } | null;
  /** What `mailSend` was asked, in order. */
  mailSends: MailSendForm[];
  /** Leaves a send that did not finish (as after a crash while the SMTP server was answering). */
  mailUnfinished(caseId: string, account: string, to: string): void;
  /** An answer arrives (as the tracker records it), with a notification, and tells the page the tracker changed something. */
  mailAnswer(caseId: string, a: { from: string; subject: string; text: string; attachments?: MailAnswerFile[] }): void;
}

export interface MailDeps {
  now(): string;
  /** Throws not_found for an unknown case. */
  caseTitle(caseId: string): string;
  /** The case's evidence, or null when the vault is locked. */
  evidenceOf(caseId: string): EvidenceView[] | null;
  timeline(caseId: string, kind: string, text: string): void;
  notify(caseId: string, title: string, body: string): void;
  nextId(): number;
  /** The fake the handles were copied onto (a test sets them there). */
  self(): FakeMail;
}

const PRESETS: MailPresetView[] = [
  ['qq', 'QQ邮箱', ['qq.com', 'foxmail.com'], 'imap.qq.com', 'smtp.qq.com', '密码处填写授权码（不是 QQ 密码）：网页版 QQ 邮箱 → 设置 → 账户 → 开启 IMAP/SMTP 服务后获得。'],
  ['163', '网易 163 邮箱', ['163.com'], 'imap.163.com', 'smtp.163.com', '密码处填写授权码（不是登录密码）：网页版邮箱 → 设置 → POP3/SMTP/IMAP → 开启后获得。'],
  ['126', '网易 126 邮箱', ['126.com'], 'imap.126.com', 'smtp.126.com', '密码处填写授权码（不是登录密码）：网页版邮箱 → 设置 → POP3/SMTP/IMAP → 开启后获得。'],
  ['gmail', 'Gmail', ['gmail.com', 'googlemail.com'], 'imap.gmail.com', 'smtp.gmail.com', '密码处填写应用专用密码：需要先开启两步验证，再在 Google 账号 → 安全 里生成。'],
].map(([id, name, domains, imap, smtp, help]) => ({
  id: id as string, name: name as string, domains: domains as string[], imap_host: imap as string, imap_port: 993,
  smtp_host: smtp as string, smtp_port: 465, security: 'tls', password_help: help as string,
}));
const OAUTH_ONLY = ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'];

const domainOf = (email: string) => {
  const m = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/.exec(email.trim());
  return m ? m[1].toLowerCase() : null;
};
const invalid = (field: string, message: string) => ({ code: 'invalid_field', field, message });

export function fakeMail(d: MailDeps): MailApi & FakeMail {
  const accounts = new Map<string, Omit<MailAccountView, 'password_saved' | 'sent' | 'preset'>>();
  const sent: MailSentView[] = [];
  const answers: MailAnswerView[] = [];
  const presetOf = (email: string) => {
    const dom = domainOf(email);
    return PRESETS.find((p) => dom && p.domains.includes(dom)) ?? null;
  };
  const view = (a: Omit<MailAccountView, 'password_saved' | 'sent' | 'preset'>): MailAccountView => ({
    ...a, preset: presetOf(a.email)?.id ?? null, password_saved: d.self().mailKeychain.has(a.name),
    sent: sent.filter((s) => s.account === a.name && s.state === 'sent').length,
  });
  const check = (f: MailAccountForm) => {
    if (!f.name.trim()) throw invalid('name', 'a mailbox needs a name');
    const dom = domainOf(f.email);
    if (!dom) throw invalid('email', `${f.email} is not an e-mail address`);
    if (OAUTH_ONLY.includes(dom)) throw { code: 'mail_oauth_only', field: 'email', message: `${dom} accepts only Microsoft's own sign-in` };
    for (const k of ['imap', 'smtp'] as const) {
      if (!f[`${k}_host`].trim()) throw invalid(`${k}_host`, `${k}_host is required`);
      const port = f[`${k}_port`];
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(`${k}_port`, `${k}_port must be 1 to 65535`);
    }
    if (!['tls', 'starttls', 'plain'].includes(f.security)) throw invalid('security', `${f.security} is not tls, starttls or plain`);
  };
  const failing = () => {
    const h = d.self();
    if (!h.mailFail) return;
    const e = h.mailFail;
    h.mailFail = null;
    throw e;
  };
  const m: MailApi & FakeMail = {
    mailKeychain: new Map(),
    mailFail: null,
    mailSends: [],
    mailUnfinished: (caseId, account, to) => {
      sent.push({
        id: BigInt(d.nextId()), case_id: caseId, account, to, subject: d.caseTitle(caseId), message_id: `<${d.nextId()}@reachright>`,
        state: 'pending', created_at: d.now(), sent_at: null,
      });
    },
    mailAnswer: (caseId, a) => {
      answers.push({
        id: BigInt(d.nextId()), case_id: caseId, account: [...accounts.keys()][0] ?? 'mail', from: a.from, subject: a.subject, text: a.text,
        received_at: d.now(), matched_by: 'thread', attachments: a.attachments ?? [],
      });
      d.timeline(caseId, 'reply', a.text);
      d.notify(caseId, d.caseTitle(caseId), `邮件回复：${a.text.split('\n')[0]}`);
    },
    mailPresets: async () => PRESETS,
    mailPresetFor: async (email) => {
      const dom = domainOf(email);
      if (dom && OAUTH_ONLY.includes(dom)) throw { code: 'mail_oauth_only', field: 'email', message: `${dom} accepts only Microsoft's own sign-in` };
      return presetOf(email);
    },
    mailAccountList: async () => [...accounts.values()].sort((a, b) => a.name.localeCompare(b.name)).map(view),
    mailAccountSave: async (f) => {
      check(f);
      const name = f.name.trim();
      if (f.password) d.self().mailKeychain.set(name, f.password);
      else if (!d.self().mailKeychain.has(name)) throw invalid('password', 'enter the mailbox password: none is saved');
      const a = {
        name, email: f.email.trim(), imap_host: f.imap_host.trim(), imap_port: f.imap_port, smtp_host: f.smtp_host.trim(),
        smtp_port: f.smtp_port, security: f.security, last_error: null, next_poll_at: null,
      };
      accounts.set(name, a);
      return view(a);
    },
    mailAccountRemove: async (name) => {
      if (!accounts.delete(name)) throw { code: 'not_found', field: null, message: `mailbox ${name}` };
      d.self().mailKeychain.delete(name);
    },
    mailTest: async (f) => {
      check(f);
      if (!f.password && !d.self().mailKeychain.has(f.name.trim())) throw invalid('password', 'enter the password to test it');
      failing();
      return { inbox_messages: 3, sent_folder: 'Sent' };
    },
    mailSend: async (form): Promise<MailSendResult> => {
      d.self().mailSends.push(form);
      const title = d.caseTitle(form.case_id);
      if (!accounts.has(form.account)) throw { code: 'not_found', field: null, message: `mailbox ${form.account}` };
      const to = form.to.trim();
      if (!domainOf(to)) throw invalid('to', `${to} is not an e-mail address`);
      const pending = sent.findIndex((s) => s.case_id === form.case_id && s.account === form.account && s.to === to && s.state === 'pending');
      if (pending >= 0) {
        if (!form.resend) throw invalid('resend', 'an earlier send of this e-mail did not finish and may have gone out');
        sent.splice(pending, 1);
      }
      failing();
      const items = d.evidenceOf(form.case_id);
      const chosen = items?.filter((e) => !form.evidence_ids || form.evidence_ids.includes(e.id)) ?? [];
      const row: MailSentView = {
        id: BigInt(d.nextId()), case_id: form.case_id, account: form.account, to, subject: `${title}-问题-一般`,
        message_id: `<${d.nextId()}@reachright>`, state: 'sent', created_at: d.now(), sent_at: d.now(),
      };
      sent.push(row);
      d.timeline(form.case_id, 'contact', `${row.subject} → ${to}`);
      return {
        sent: row,
        attached: chosen.length > 5 ? ['证据材料.zip'] : chosen.map((e) => e.original_name),
        skipped: items ? [] : [{ name: '', code: 'vault_locked', reason: '证据库未解锁，邮件没有附上证据。' }],
        location_removed: chosen.filter((e) => /gps/i.test(e.original_name)).map((e) => e.original_name),
        zipped: chosen.length > 5,
        filed_in: 'Sent',
        filed_error: null,
        recovered: false,
      };
    },
    caseMail: async (caseId) => {
      d.caseTitle(caseId);
      const mine = (x: { case_id: string }) => x.case_id === caseId;
      return { sent: sent.filter(mine), answers: answers.filter(mine) };
    },
  };
  return m;
}
