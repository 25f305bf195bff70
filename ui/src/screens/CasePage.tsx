import type { Key } from '../i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseDetail, ContactInput, Intake, IpcError } from '../ipc';
import { toIpcError } from '../ipc';
import { useApp } from '../context';
import { useAnalysis, useFlash } from '../hooks';
import { errorField, fieldErrors, FORM_FIELDS, missingFields, unplacedError } from '../lib/missing';
import { dateToLocalInput, formatLocal, fromLocalInput } from '../lib/time';
import { Badge, CopyButton, ErrorNote, LiveNote } from '../components/common';
import { IntakeForm, LiveDescription } from '../components/IntakeForm';
import { StandingAsk } from '../components/StandingAsk';
import { Recommendation } from '../components/Recommendation';
import { EvidenceSection, type LoadedEvidence } from '../components/evidence';
import { CaseMailSection } from '../components/mail/CaseMailSection';
import { platformAddress } from '../lib/mail';
import { FollowUp } from '../components/followup';
import { reminderText } from '../components/Reminders';
import { SelfHelpPanel } from '../components/SelfHelp';
import { Timeline } from '../components/Timeline';

/** The contact form's fields that show their own error. */
const CONTACT_FIELDS = ['channel', 'at', 'outcome'];

export function CasePage({ id }: { id: string }) {
  const { api, t, lang, vocab, navigate, remindersRev, refreshReminders } = useApp();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, flash] = useFlash(6000);
  const [editing, setEditing] = useState(false);
  const [contactOpen, setContactOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // The evidence section's list, reused by "send the e-mail (with evidence)"; whether that panel is open.
  const [evidence, setEvidence] = useState<LoadedEvidence>({ items: null, locked: false });
  const [mailOpen, setMailOpen] = useState(false);

  useEffect(() => {
    setDetail(null);
    api.caseGet(id).then(setDetail, (e) => setError(toIpcError(e)));
  }, [api, id]);

  // A reminder was marked done (here or in the banner): reload to show it.
  const shownRev = useRef(remindersRev);
  useEffect(() => {
    if (remindersRev === shownRev.current) return;
    shownRev.current = remindersRev;
    api.caseGet(id).then(setDetail, (e) => setError(toIpcError(e)));
  }, [api, id, remindersRev]);

  if (!detail) {
    return (
      <div class="screen case" data-screen="case">
        {error ? <ErrorNote error={error} /> : <p aria-busy="true">{t('common.loading')}</p>}
        <button type="button" class="btn" onClick={() => navigate({ name: 'cases' })}>
          {t('case.back')}
        </button>
      </div>
    );
  }

  const s = detail.summary;
  const rec = detail.analysis.recommendation;
  const solvedBySelfHelp = detail.resolved_by_self_help;

  const setStatus = async (status: string) => {
    try {
      setDetail(await api.caseSetStatus(id, status));
      flash(t('case.statusSaved'));
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const doneReminder = async (rid: number) => {
    try {
      await api.reminderDone(rid);
      refreshReminders(); // reloads this page and the banner
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const reload = () => api.caseGet(id).then(setDetail, () => undefined);
  // From the recommendation: the panel opens in the e-mail section, which is brought into view.
  const openMail = () => {
    setMailOpen(true);
    document.querySelector('[data-testid="mail-send"]')?.scrollIntoView?.({ block: 'start' });
  };
  const remove = async () => {
    try {
      await api.caseDelete(id);
      navigate({ name: 'cases' });
    } catch (e) {
      setError(toIpcError(e));
    }
  };

  return (
    <div class="screen case" data-screen="case">
      <p>
        <button type="button" class="btn btn-link" onClick={() => navigate({ name: 'cases' })}>
          {t('case.back')}
        </button>
      </p>
      <header class="case-header">
        <h1 data-testid="case-title">{s.title}</h1>
        <p class="case-meta">
          {s.problem_type.label} · {s.platform_name || t('cases.platformDefault')}
          {s.urgent ? (
            <>
              {' '}
              <Badge kind="urgent">{t('cases.urgent')}</Badge>
            </>
          ) : null}
        </p>
        <p class="field inline">
          <label for="case-status">{t('case.status')}</label>{' '}
          <select id="case-status" value={s.status.code} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
            {vocab.statuses.map((x) => (
              <option key={x.code} value={x.code}>
                {x.label}
              </option>
            ))}
          </select>
        </p>
      </header>
      <SectionNav />
      <LiveNote msg={note} />
      <ErrorNote error={error} />

      <p class="button-row">
        <button
          type="button"
          class="btn btn-primary btn-big"
          aria-expanded={contactOpen}
          aria-controls="contact-panel"
          onClick={() => setContactOpen(!contactOpen)}
          data-testid="contact-open"
        >
          {t('case.contactOpen')}
        </button>
      </p>
      {contactOpen ? (
        <ContactPanel
          detail={detail}
          onClose={() => setContactOpen(false)}
          onSaved={(d) => {
            setDetail(d);
            setContactOpen(false);
            flash(t('case.contactSaved'));
          }}
        />
      ) : null}

      {detail.nudge ? <ResolvedYet detail={detail} onDetail={setDetail} onError={setError} /> : null}
      <StandingAsk
        platformId={detail.intake.platform_id}
        analysis={detail.analysis}
        onChanged={() => api.caseGet(id).then(setDetail, (e) => setError(toIpcError(e)))}
      />
      <Recommendation rec={rec} caseId={id} onDetail={setDetail} onSendMail={openMail} />

      {/* Before anyone was contacted, the self-help of this type can still close the case. */}
      {s.contacts === 0 && (s.status.code === 'open' || s.status.code === 'waiting' || solvedBySelfHelp) ? (
        <SelfHelpPanel
          problemType={s.problem_type.code}
          resolved={solvedBySelfHelp}
          onResolve={async () => {
            setDetail(await api.selfhelpResolve(id));
            flash(t('selfhelp.done'));
          }}
        />
      ) : null}

      <FollowUp detail={detail} onChange={() => api.caseGet(id).then(setDetail, () => undefined)} />

      <CaseMailSection
        caseId={id}
        to={platformAddress(rec)}
        subject={rec.texts.find((x) => x.kind === 'email')?.subject ?? rec.subject}
        evidence={evidence}
        open={mailOpen}
        onOpen={() => setMailOpen(true)}
        onClose={() => setMailOpen(false)}
        onChange={reload}
      />

      <EvidenceSection
        caseId={id}
        rev={`${s.updated_at}|${s.contacts}|${rec.primary.channel.code}`}
        onEvidence={() => api.caseGet(id).then(setDetail, () => undefined)}
        onLoaded={setEvidence}
      />

      <section class="card" aria-labelledby="case-desc">
        <h2 id="case-desc">{t('case.description')}</h2>
        <p class="description-text">{detail.analysis.description_text}</p>
        <CopyButton text={detail.analysis.description_text} label={t('case.copyDescription')} />
      </section>

      <section class="card" aria-labelledby="case-edit-h">
        <h2 id="case-edit-h">
          <button
            type="button"
            class="btn btn-link disclosure"
            aria-expanded={editing}
            aria-controls="case-edit"
            onClick={() => setEditing(!editing)}
          >
            {editing ? t('case.editClose') : t('case.edit')}
          </button>
        </h2>
        {editing ? (
          <EditCase
            detail={detail}
            onSaved={(d) => {
              setDetail(d);
              setEditing(false);
              flash(t('case.updated'));
            }}
            onClose={() => setEditing(false)}
          />
        ) : null}
      </section>

      <section class="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('case.timeline')}</h2>
        <Timeline caseId={id} entries={detail.timeline} total={detail.timeline_total} />
      </section>

      <section class="card" aria-labelledby="rem-h">
        <h2 id="rem-h">{t('case.reminders')}</h2>
        {detail.reminders.length ? (
          <ul class="reminders">
            {detail.reminders.map((r) => (
              <li key={r.id} class={r.done ? 'is-done' : ''}>
                <span>{t('rem.due', { time: formatLocal(r.due_at, lang) })}</span> <span>{reminderText(r, t)}</span>{' '}
                {r.done ? (
                  <Badge kind="ok">{t('case.reminderDone')}</Badge>
                ) : (
                  <button type="button" class="btn btn-small" onClick={() => doneReminder(r.id)}>
                    {t('rem.done')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('case.remindersEmpty')}</p>
        )}
      </section>

      <section class="danger-zone">
        {confirmDelete ? (
          <div class="confirm" role="group" aria-labelledby="del-q" onKeyDown={(e) => e.key === 'Escape' && setConfirmDelete(false)}>
            <p id="del-q">{t('case.deleteConfirm')}</p>
            <button type="button" class="btn btn-danger" onClick={remove}>
              {t('case.deleteYes')}
            </button>{' '}
            <button type="button" class="btn" onClick={() => setConfirmDelete(false)} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" class="btn btn-danger-outline" onClick={() => setConfirmDelete(true)}>
            {t('case.delete')}
          </button>
        )}
      </section>
    </div>
  );
}

function ContactPanel({
  detail,
  onClose,
  onSaved,
}: {
  detail: CaseDetail;
  onClose(): void;
  onSaved(d: CaseDetail): void;
}) {
  const { api, t, vocab } = useApp();
  const first = useRef<HTMLSelectElement>(null);
  const [form, setForm] = useState<ContactInput>(() => ({
    channel: detail.analysis.recommendation.primary.channel.code,
    at: dateToLocalInput(new Date()),
    outcome: vocab.outcomes[0]?.code ?? 'pending',
    reference: '',
    note: '',
  }));
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => first.current?.focus(), []);

  const set = (patch: Partial<ContactInput>) => setForm({ ...form, ...patch });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const d = await api.contactLog(detail.summary.id, { ...form, at: form.at ? fromLocalInput(form.at) : '' });
      onSaved(d);
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  const fe = (f: string) =>
    errorField(error) === f ? (
      <small class="field-error" role="alert">
        {t('err.invalid_field')}
      </small>
    ) : null;

  return (
    <form
      id="contact-panel"
      class="card inline-panel"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      aria-labelledby="contact-h"
    >
      <h2 id="contact-h">{t('case.contactTitle')}</h2>
      <div class="grid">
        <div class="field">
          <label for="c-channel">{t('case.contactChannel')}</label>
          <select
            id="c-channel"
            ref={first}
            value={form.channel}
            data-testid="contact-channel"
            onChange={(e) => set({ channel: (e.currentTarget as HTMLSelectElement).value })}
          >
            {vocab.channels.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
          {fe('channel')}
        </div>
        <div class="field">
          <label for="c-at">{t('case.contactAt')}</label>
          <input id="c-at" type="datetime-local" value={form.at} onInput={(e) => set({ at: (e.currentTarget as HTMLInputElement).value })} />
          {fe('at')}
        </div>
        <div class="field">
          <label for="c-outcome">{t('case.contactOutcome')}</label>
          <select
            id="c-outcome"
            value={form.outcome}
            data-testid="contact-outcome"
            onChange={(e) => set({ outcome: (e.currentTarget as HTMLSelectElement).value })}
          >
            {vocab.outcomes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
          {fe('outcome')}
        </div>
        <div class="field">
          <label for="c-ref">{t('case.contactReference')}</label>
          <input
            id="c-ref"
            type="text"
            value={form.reference}
            data-testid="contact-reference"
            onInput={(e) => set({ reference: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
        <div class="field field-wide">
          <label for="c-note">{t('case.contactNote')}</label>
          <textarea id="c-note" rows={2} value={form.note} onInput={(e) => set({ note: (e.currentTarget as HTMLTextAreaElement).value })} />
        </div>
      </div>
      <ErrorNote error={unplacedError(error, CONTACT_FIELDS)} />
      <p class="button-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="contact-save">
          {t('case.contactSave')}
        </button>
        <button type="button" class="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}

function EditCase({ detail, onSaved, onClose }: { detail: CaseDetail; onSaved(d: CaseDetail): void; onClose(): void }) {
  const { api, t } = useApp();
  const [intake, setIntake] = useState<Intake>(detail.intake);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const live = useAnalysis(intake, detail.summary.id, detail.analysis);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      onSaved(await api.caseUpdate(detail.summary.id, intake));
    } catch (err) {
      setError(toIpcError(err));
      setBusy(false);
    }
  };
  return (
    <form
      id="case-edit"
      class="two-col"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div>
        <IntakeForm
          intake={intake}
          onChange={(p) => setIntake({ ...intake, ...p })}
          missing={missingFields(live.analysis?.missing)}
          errors={{ ...fieldErrors(live.error), ...fieldErrors(error) }}
          idPrefix="edit"
          detected={live.analysis?.problem_type.label ?? null}
        />
        <ErrorNote error={unplacedError(error, FORM_FIELDS) ?? unplacedError(live.error, FORM_FIELDS)} />
        <p class="button-row">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          <button type="button" class="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </p>
      </div>
      <LiveDescription text={live.analysis?.description_text ?? null} busy={live.busy} />
    </form>
  );
}

/** The case page is long: a row of links to its sections (the headings' ids), kept at the top. */
const SECTIONS: [string, Key][] = [
  ['rec-title', 'case.nav.rec'],
  ['fu-h', 'case.nav.followUp'],
  ['mail-sec-h', 'case.nav.mail'],
  ['ev-h', 'case.nav.evidence'],
  ['case-desc', 'case.nav.description'],
  ['timeline-h', 'case.nav.timeline'],
  ['rem-h', 'case.nav.reminders'],
];

function SectionNav() {
  const { t } = useApp();
  const go = (id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    // Headings are not focusable by default; make this one so keyboard users land there too.
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: true });
  };
  return (
    <nav class="section-nav" aria-label={t('case.nav.label')} data-testid="case-sections">
      {SECTIONS.map(([id, key]) => (
        <button key={id} type="button" class="btn btn-small btn-link" onClick={() => go(id)} data-testid={`case-nav-${id}`}>
          {t(key)}
        </button>
      ))}
    </nav>
  );
}

/** "Is it solved?" a day after the last action: the answer is recorded and the advice recomputed. */
function ResolvedYet({ detail, onDetail, onError }: { detail: CaseDetail; onDetail(d: CaseDetail): void; onError(e: IpcError): void }) {
  const { api, t } = useApp();
  const last = [...detail.contacts].sort((a, b) => a.at.localeCompare(b.at)).pop();
  const answer = async (solved: boolean) => {
    try {
      const id = detail.summary.id;
      onDetail(
        solved
          ? await api.caseSetStatus(id, 'resolved')
          : await api.contactLog(id, { channel: last?.channel.code ?? 'online_chat', at: '', outcome: 'unresolved', note: t('nudge.notYetNote'), reference: '' }),
      );
    } catch (e) {
      onError(toIpcError(e));
    }
  };
  return (
    <div class="card nudge" role="status" data-testid="nudge-resolved">
      <p class="question">{detail.nudge!.text}</p>
      <p class="button-row">
        <button type="button" class="btn btn-primary" onClick={() => answer(true)} data-testid="nudge-solved">
          {t('nudge.solved')}
        </button>
        <button type="button" class="btn" onClick={() => answer(false)} data-testid="nudge-not-yet">
          {t('nudge.notYet')}
        </button>
      </p>
    </div>
  );
}
