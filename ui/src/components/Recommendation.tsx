import { useState } from 'preact/hooks';
import type { CaseDetail, ChannelAction, ComposedText, Recommendation as Rec } from '../ipc';
import { toIpcError, type IpcError } from '../ipc';
import { useApp } from '../context';
import { useFlash, useNow } from '../hooks';
import { countdown } from '../lib/countdown';
import { isOpenable, telLink, webLink } from '../lib/links';
import { formatBoth } from '../lib/time';
import { toLang } from '../i18n';
import { Badge, CopyButton, ErrorNote, LiveNote } from './common';
import { ToPhone } from './ToPhone';

interface Props {
  rec: Rec;
  /** Set on the case page: enables the reminders. */
  caseId: string | null;
  onDetail?(d: CaseDetail): void;
  /** On the case page: opens "send the e-mail (with evidence)" in the case's e-mail section. */
  onSendMail?(): void;
}

/** The recommendation: the channel and its action, what to do now, why, what to prepare, the alternatives. */
export function Recommendation({ rec, caseId, onDetail, onSendMail }: Props) {
  const { t, lang } = useApp();
  const now = useNow(30_000);
  const [checked, setChecked] = useState<Record<number, boolean>>({});
  // Times to act on: local, and the platform's own when the user's clock is elsewhere.
  const when = (iso: string) => formatBoth(iso, lang, (bj, hm) => t(bj ? 'time.beijing' : 'time.platform', { time: hm }), now);
  const left = (iso: string) => countdown(iso, now, lang);

  const recharge = rec.recharge_deadline ? left(rec.recharge_deadline) : null;
  const sla = rec.sla_deadline ? left(rec.sla_deadline) : null;

  const prepare = rec.prepare.length ? (
    <fieldset class="prepare">
      <legend>{t('rec.prepare')}</legend>
      {rec.prepare.map((p, i) => (
        <label key={i} class="check">
          <input
            type="checkbox"
            checked={!!checked[i]}
            onChange={(e) => setChecked({ ...checked, [i]: (e.currentTarget as HTMLInputElement).checked })}
          />{' '}
          {p}
        </label>
      ))}
    </fieldset>
  ) : null;

  // Read at a glance: the channel and its one action first, then what to do this minute when the
  // channel is closed, then why, what to prepare, and the alternatives.
  return (
    <section class="recommendation" aria-labelledby="rec-title">
      <div class={`card rec-primary${rec.urgent ? ' is-urgent' : ''}`}>
        <h2 id="rec-title" class="rec-primary-line" data-testid="rec-primary">
          <span class="rec-channel">{t('rec.primary', { channel: rec.primary.channel.label })}</span>{' '}
          <Badge kind={rec.urgent ? 'urgent' : 'info'}>{rec.urgent ? t('cases.urgent') : t('rec.normal')}</Badge>
        </h2>
        {rec.escalated ? <p class="rec-escalated">{t('rec.escalated')}</p> : null}
        {rec.expected_response ? <p class="rec-expected">{t('rec.expected', { text: rec.expected_response })}</p> : null}
        {rec.do_now ? (
          // Closed now: said at the top, so it is seen before the channel's long action block.
          <p class="rec-now-line" data-testid="rec-now-line">
            {rec.next_phone_opening
              ? t('rec.nowLine', { time: when(rec.next_phone_opening), channel: rec.do_now.channel.label })
              : t('rec.nowLineNoTime', { channel: rec.do_now.channel.label })}{' '}
            <button
              type="button"
              class="btn btn-small btn-primary"
              onClick={() => document.querySelector('[data-testid="rec-do-now"]')?.scrollIntoView({ block: 'start' })}
            >
              {t('rec.nowGo', { channel: rec.do_now.channel.label })}
            </button>
          </p>
        ) : null}
        <ChannelActionBlock action={rec.primary} rec={rec} caseId={caseId} onDetail={onDetail} onSendMail={onSendMail} primary />
      </div>

      {rec.do_now ? (
        <div class="card rec-now" data-testid="rec-do-now">
          <h3 class="sub">{t('rec.doNow', { channel: rec.do_now.channel.label })}</h3>
          {rec.next_phone_opening ? <p class="rec-opens">{t('rec.nextPhone', { time: when(rec.next_phone_opening) })}</p> : null}
          <ChannelActionBlock action={rec.do_now} rec={rec} caseId={caseId} onDetail={onDetail} onSendMail={onSendMail} shown />
        </div>
      ) : null}

      <div class="card rec-why">
        <h3 class="sub">{t('rec.reasons')}</h3>
        <ul class="reasons" data-testid="rec-reasons">
          {rec.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>

        {rec.warnings.length || recharge || sla || rec.next_phone_opening ? (
          <div class="warnings" role="note" aria-label={t('rec.warnings')}>
            <h3 class="sub">{t('rec.warnings')}</h3>
            <ul>
              {rec.warnings.map((w, i) => (
                <li key={i} class={`warning warning-${w.code}`}>
                  {w.message}
                  {w.at && w.code !== 'recharge_window' ? <span class="when"> ({when(w.at)})</span> : null}
                </li>
              ))}
              {recharge && rec.recharge_deadline ? (
                <li class={`deadline${recharge.overdue ? ' is-overdue' : ''}`}>
                  {t('rec.rechargeDeadline', { time: when(rec.recharge_deadline), left: recharge.text })}
                </li>
              ) : null}
              {sla && rec.sla_deadline ? (
                <li class={`deadline${sla.overdue ? ' is-overdue' : ''}`}>
                  {t('rec.sla', { time: when(rec.sla_deadline), left: sla.text })}
                </li>
              ) : null}
              {rec.next_phone_opening ? <li>{t('rec.nextPhone', { time: when(rec.next_phone_opening) })}</li> : null}
            </ul>
          </div>
        ) : null}

        {prepare}
      </div>

      {rec.alternatives.length ? (
        <section class="alternatives" aria-labelledby="alt-title">
          <h3 id="alt-title">{t('rec.alternatives')}</h3>
          {rec.alternatives.map((a) => (
            <details key={a.channel.code} class="card alternative">
              <summary>{a.channel.label}</summary>
              <ChannelActionBlock action={a} rec={rec} caseId={caseId} onDetail={onDetail} onSendMail={onSendMail} />
            </details>
          ))}
        </section>
      ) : null}
    </section>
  );
}

/** How long a chat may stay unanswered before the next channel is offered (the seed: 15 minutes). */
export const CHAT_WAIT_MS = 15 * 60_000;

function textFor(rec: Rec, action: ChannelAction): ComposedText | null {
  return rec.texts.find((x) => x.kind === action.text_kind) ?? null;
}

/** What the user can do on one channel: copy the text, open the page, call, remind. */
function ChannelActionBlock({
  action,
  rec,
  caseId,
  onDetail,
  onSendMail,
  primary = false,
  shown = primary,
}: {
  action: ChannelAction;
  rec: Rec;
  caseId: string | null;
  onDetail?(d: CaseDetail): void;
  onSendMail?(): void;
  primary?: boolean;
  /** Shown without opening anything (the primary and do-now blocks; the alternatives are folded). */
  shown?: boolean;
}) {
  const { api, t, settings } = useApp();
  const [msg, flash] = useFlash();
  const [err, setErr] = useState<IpcError | null>(null);
  const [reminded, setReminded] = useState(false);
  // When the user opened the chat from a case: after CHAT_WAIT_MS without an answer (the seed's
  // 15 minutes) the next channel is offered.
  const [chatOpenedAt, setChatOpenedAt] = useState<number | null>(null);
  const ticking = useNow(chatOpenedAt ? 15_000 : 3_600_000);
  const text = textFor(rec, action);
  const code = action.channel.code;
  const body = text?.body ?? '';
  const uid = `${primary ? 'p' : 'a'}-${code}`;

  const open = async (url: string | null) => {
    if (!url || !isOpenable(url)) {
      flash(t('common.openFailed'));
      return;
    }
    try {
      await api.openUrl(url);
    } catch {
      flash(t('common.openFailed'));
    }
  };
  const copyThenOpen = async (url: string) => {
    try {
      await api.copyText(body);
      flash(t('common.copied'));
    } catch {
      flash(t('common.copyFailed'));
    }
    await open(url);
    if (caseId && code === 'online_chat') setChatOpenedAt(Date.now());
  };
  const noAnswer = async () => {
    if (!caseId) return;
    try {
      const d = await api.contactLog(caseId, { channel: 'online_chat', at: '', outcome: 'no_response', note: '', reference: '' });
      setChatOpenedAt(null);
      onDetail?.(d);
    } catch (e) {
      setErr(toIpcError(e));
    }
  };
  const chatWaited = chatOpenedAt !== null && ticking.getTime() - chatOpenedAt >= CHAT_WAIT_MS;
  const remind = async () => {
    if (!caseId || !rec.next_phone_opening) return;
    try {
      const d = await api.reminderAdd(caseId, rec.next_phone_opening, 'phone_opening', t('act.remindMessage'));
      setReminded(true);
      setErr(null);
      flash(t('act.remindSet'));
      onDetail?.(d);
    } catch (e) {
      setErr(toIpcError(e));
    }
  };

  const placeholderNote = text?.has_placeholders ? <p class="placeholder-note">{t('act.placeholders')}</p> : null;
  const preview = (labelKey: Parameters<typeof t>[0], rows = 6) =>
    body ? (
      <div class="text-preview">
        <label for={`${uid}-text`}>{t(labelKey)}</label>
        <textarea id={`${uid}-text`} lang={toLang(settings.send_lang)} readOnly rows={rows} value={body} />
      </div>
    ) : null;
  const phoneBlock = (phone: string | null) => {
    const tel = telLink(phone);
    return phone && tel ? (
      <p class="phone-line">
        <span class="phone-label">{t('act.phoneNumber')}</span>
        <span class="phone-number">{phone}</span>
        <button type="button" class="btn btn-primary" onClick={() => open(tel)}>
          {t('act.call', { phone })}
        </button>
      </p>
    ) : null;
  };

  let content;
  switch (code) {
    case 'online_chat':
    case 'vip_exclusive': {
      const url = webLink(action.url);
      content = (
        <>
          {url ? (
            <button type="button" class="btn btn-primary btn-big" onClick={() => copyThenOpen(url)}>
              {t(code === 'vip_exclusive' ? 'act.openVip' : 'act.openChat')}
            </button>
          ) : action.phone ? null : (
            <p class="hint">{t('act.noUrl')}</p>
          )}
          {phoneBlock(action.phone)}
          {action.qr ? (
            <figure class="contact-qr" data-testid="contact-qr">
              <img class="qr" src={action.qr} alt={t('act.qrAlt')} />
              <figcaption>{t('act.qrScan')}</figcaption>
            </figure>
          ) : null}
          {chatWaited ? (
            <p class="banner banner-warn" role="status" data-testid="nudge-chat-wait">
              <span>{t('nudge.chatWait')}</span>{' '}
              <button type="button" class="btn btn-small" onClick={noAnswer} data-testid="nudge-chat-no-answer">
                {t('nudge.chatNoAnswer')}
              </button>
            </p>
          ) : null}
          {placeholderNote}
          {preview('act.opener', 4)}
          {body ? <CopyButton text={body} label={t('act.copyOpener')} /> : null}
        </>
      );
      break;
    }
    case 'phone':
      content = (
        <>
          {phoneBlock(action.phone) ?? <p class="hint">{t('act.noPhone')}</p>}
          {caseId && action.phone ? <ToPhone caseId={caseId} /> : null}
          {rec.next_phone_opening ? (
            caseId ? (
              <button type="button" class="btn" onClick={remind} disabled={reminded}>
                {reminded ? t('act.remindSet') : t('act.remindPhone')}
              </button>
            ) : (
              <p class="hint">{t('act.remindNeedCase')}</p>
            )
          ) : null}
          {placeholderNote}
          {body ? (
            <div class="text-preview">
              <h4>{t('act.questions')}</h4>
              <p class="questions" lang={toLang(settings.send_lang)}>{body}</p>
              <CopyButton text={body} label={t('act.copyQuestions')} />
            </div>
          ) : null}
        </>
      );
      break;
    case 'email':
      content = (
        <>
          <p class="button-row">
            {caseId && onSendMail ? (
              // The e2e clicks the first `mail-send-open`: the folded alternatives' copy has its own id.
              <button type="button" class="btn btn-primary btn-big" onClick={onSendMail} data-testid={shown ? 'mail-send-open' : 'mail-send-open-alt'}>
                {t('mail.send.open')}
              </button>
            ) : null}
            {action.mailto ? (
              <button type="button" class={caseId && onSendMail ? 'btn btn-big' : 'btn btn-primary btn-big'} onClick={() => open(action.mailto)}>
                {t('act.openMail')}
              </button>
            ) : null}
          </p>
          {caseId && onSendMail && action.mailto ? <p class="hint">{t('mail.send.orOwn')}</p> : null}
          {text?.subject ? <p class="subject">{t('rec.subject', { subject: text.subject })}</p> : null}
          {placeholderNote}
          {preview('act.mailBody', 8)}
          {body ? <CopyButton text={body} label={t('act.copyMail')} /> : null}
        </>
      );
      break;
    case 'ticket': {
      const url = webLink(action.url);
      content = (
        <>
          {body ? <CopyButton text={body} label={t('act.copyTicket')} class="btn btn-primary btn-big" /> : null}
          {url ? (
            <button type="button" class="btn" onClick={() => open(url)}>
              {t('act.openTicket')}
            </button>
          ) : null}
          {placeholderNote}
          {preview('act.ticketBody', 8)}
        </>
      );
      break;
    }
    case 'third_party_complaint':
      content = (
        <>
          <p class="hint">{t('act.complaintNote')}</p>
          {placeholderNote}
          {preview('act.complaintPreview', 10)}
          {body ? <CopyButton text={body} label={t('act.copyComplaint')} class="btn btn-primary" /> : null}
          {action.links.length ? (
            <p class="link-row">
              {action.links.map((l) => (
                <button key={l.url} type="button" class="btn" onClick={() => open(l.url)}>
                  {l.label}
                </button>
              ))}
            </p>
          ) : null}
        </>
      );
      break;
    default:
      content = (
        <>
          {placeholderNote}
          {preview('act.text')}
          {body ? <CopyButton text={body} label={t('common.copy')} /> : null}
        </>
      );
  }

  return (
    <div class={`channel-action channel-${code}`}>
      {content}
      {action.phone && code !== 'phone' && code !== 'online_chat' && code !== 'vip_exclusive' ? phoneBlock(action.phone) : null}
      <LiveNote msg={msg} />
      <ErrorNote error={err} />
    </div>
  );
}
