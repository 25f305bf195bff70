// The case page's e-mail section: the e-mails sent from the case (to, subject, sent or unfinished,
// when) and the platform's answers the tracker found (from, subject, when, the text and what became of
// its attachments). Everything a mail server or the platform wrote is rendered as text, never as HTML.
// "Send the e-mail (with evidence)" opens here, also when asked from the recommendation.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseMail, IpcError, MailAnswerView, MailSentView } from '../../ipc';
import { toIpcError } from '../../ipc';
import { useApp } from '../../context';
import { formatLocal } from '../../lib/time';
import { Badge, ErrorNote } from '../common';
import { MailSendPanel, type CaseEvidence } from './MailSendPanel';

export function CaseMailSection({ caseId, to, subject, evidence, open, onOpen, onClose, onChange }: {
  caseId: string;
  to: string | null;
  subject: string | null;
  evidence: CaseEvidence;
  /** The send panel is open (the page holds this, so the recommendation's button can open it). */
  open: boolean;
  onOpen(): void;
  onClose(): void;
  /** Something here changed the case (a send, an answer found by the tracker): reload its page. */
  onChange(): void;
}) {
  const { api, t, trackerRev } = useApp();
  const [mail, setMail] = useState<CaseMail | null>(null);
  const [hasAccount, setHasAccount] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [rev, setRev] = useState(0);
  const opener = useRef<HTMLButtonElement>(null);
  const answers = useRef<number | null>(null);

  useEffect(() => {
    api.caseMail(caseId).then(
      (m) => {
        setMail(m);
        setError(null);
        // A new answer is on the timeline and changes the advice: the page reloads too.
        if (answers.current !== null && m.answers.length !== answers.current) onChange();
        answers.current = m.answers.length;
      },
      (e) => setError(toIpcError(e)),
    );
    api.mailAccountList().then((l) => setHasAccount(l.length > 0), () => setHasAccount(false));
  }, [api, caseId, trackerRev, rev]);

  const close = () => {
    onClose();
    setTimeout(() => opener.current?.focus(), 0);
  };
  const any = !!mail && (mail.sent.length > 0 || mail.answers.length > 0);
  const offer = any || hasAccount || (evidence.items?.length ?? 0) > 0;

  return (
    <section class="card case-mail" aria-labelledby="mail-sec-h" data-testid="case-mail">
      <h2 id="mail-sec-h">{t('mail.case.title')}</h2>
      <ErrorNote error={error} />
      {!mail ? (
        error ? null : <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <>
          {any ? null : <p class="hint" data-testid="mail-case-empty">{t('mail.case.empty')}</p>}
          {mail.sent.length ? (
            <>
              <h3>{t('mail.case.sent')}</h3>
              <ul class="fu-list">
                {mail.sent.map((s) => (
                  <Sent key={String(s.id)} s={s} />
                ))}
              </ul>
            </>
          ) : null}
          {mail.answers.length ? (
            <>
              <h3>{t('mail.case.answers')}</h3>
              <ul class="fu-list">
                {mail.answers.map((a) => (
                  <Answer key={String(a.id)} a={a} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
      {offer && !open ? (
        <p class="button-row">
          <button type="button" ref={opener} class="btn btn-primary" aria-expanded={false} onClick={onOpen} data-testid="mail-send-open">
            {t('mail.send.open')}
          </button>
        </p>
      ) : null}
      {open ? (
        <MailSendPanel caseId={caseId} to={to} subject={subject} evidence={evidence} onClose={close}
          onSent={() => (setRev((r) => r + 1), onChange())} />
      ) : null}
    </section>
  );
}

function Sent({ s }: { s: MailSentView }) {
  const { t, lang } = useApp();
  const pending = s.state === 'pending';
  const at = s.sent_at ?? s.created_at;
  return (
    <li class={`fu-item${pending ? ' has-problem' : ''}`} data-testid="mail-sent" data-state={s.state}>
      <p class="fu-head">
        {pending ? <Badge kind="urgent">{t('mail.state.pending')}</Badge> : <Badge kind="ok">{t('mail.state.sent')}</Badge>}{' '}
        <time dateTime={at} class="fu-meta">{formatLocal(at, lang)}</time>
      </p>
      <p class="fu-subject">{s.subject}</p>
      <p class="fu-meta path">{t('mail.case.to', { to: s.to })}</p>
      {pending ? <p class="error-text">{t('mail.case.pendingHint')}</p> : null}
    </li>
  );
}

function Answer({ a }: { a: MailAnswerView }) {
  const { t, lang } = useApp();
  return (
    <li class="fu-item mail-answer" data-testid="mail-answer">
      <p class="fu-head">
        <Badge>{t('mail.case.answer')}</Badge> <time dateTime={a.received_at} class="fu-meta">{formatLocal(a.received_at, lang)}</time>
      </p>
      <p class="fu-subject">{a.subject}</p>
      <p class="fu-meta path">{t('mail.case.from', { from: a.from })}</p>
      {/* The platform's words, as text (a tag in them shows as typed). */}
      <p class="mail-text" data-testid="mail-answer-text">{a.text}</p>
      {a.attachments.length ? (
        <ul class="mail-attachments" data-testid="mail-answer-attachments">
          {a.attachments.map((x, i) => (
            <li key={i} data-state={x.evidence_id ? 'stored' : x.problem ? 'problem' : 'waiting'}>
              <span class="path">{x.name}</span>{' '}
              {x.evidence_id ? (
                <Badge kind="ok">{t('mail.case.attStored')}</Badge>
              ) : x.problem ? (
                <span class="error-text">{t('mail.case.attProblem', { why: x.problem })}</span>
              ) : (
                <Badge>{t('mail.case.attWaiting')}</Badge>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
