import { describe, expect, it } from 'vitest';
import { emptyMailDraft, failedStep, isUnfinishedSend, mailtoAddress, toForm } from './mail';

describe('mail helpers', () => {
  it('reads the platform address out of a mailto link', () => {
    expect(mailtoAddress('mailto:kefu%40shop.example?subject=%E8%AE%A2%E5%8D%95')).toBe('kefu@shop.example');
    expect(mailtoAddress('MAILTO:a@b.example,c@d.example')).toBe('a@b.example');
    expect(mailtoAddress('mailto:?subject=x')).toBeNull();
    expect(mailtoAddress('https://shop.example/chat')).toBeNull();
    expect(mailtoAddress(null)).toBeNull();
    expect(mailtoAddress('mailto:bad%E0%A4%A@x.example')).toBe('bad%E0%A4%A@x.example');
  });

  it('sends the name as the address when left empty, and a half-typed port as 0 for the backend to name', () => {
    const f = toForm({ ...emptyMailDraft(), email: ' me@qq.com ', imap_host: 'imap.qq.com', imap_port: '99a', smtp_port: ' 465 ' });
    expect(f.name).toBe('me@qq.com');
    expect(f.email).toBe('me@qq.com');
    expect(f.imap_port).toBe(0);
    expect(f.smtp_port).toBe(465);
    expect(f.password).toBeNull();
    expect(toForm({ ...emptyMailDraft(), password: ' pw ' }).password).toBe(' pw ');
  });

  it('knows the test steps and the unfinished-send refusal', () => {
    expect(failedStep('mail_tls')).toBe('mail_tls');
    expect(failedStep('mail_protocol')).toBeNull();
    expect(isUnfinishedSend({ code: 'invalid_field', field: 'resend' })).toBe(true);
    expect(isUnfinishedSend({ code: 'invalid_field', field: 'to' })).toBe(false);
    expect(isUnfinishedSend(null)).toBe(false);
  });
});
