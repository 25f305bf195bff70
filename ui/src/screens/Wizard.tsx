import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { PlatformEntry, StoryReading } from '../ipc';
import { toIpcError, type IpcError } from '../ipc';
import { useApp } from '../context';
import { useAnalysis } from '../hooks';
import { debounce } from '../lib/debounce';
import { errorField, fieldErrors, FORM_FIELDS, isFormField, missingFields, unplacedError } from '../lib/missing';
import {
  canAdvance,
  confirmedContacts,
  contactInput,
  DRAFT_KEY,
  hasContent,
  initialState,
  reducer,
  restore,
  serialise,
  type Step,
} from '../lib/wizard';
import { ErrorNote } from '../components/common';
import { IntakeForm, LiveDescription } from '../components/IntakeForm';
import { Recommendation } from '../components/Recommendation';
import { StandingAsk } from '../components/StandingAsk';
import { SuggestedContacts } from '../components/SuggestedContacts';
import { SelfHelpPanel } from '../components/SelfHelp';
import type { Key } from '../i18n';

const STEP_KEYS: Key[] = ['wiz.step1', 'wiz.step2', 'wiz.step3', 'wiz.step4'];

export function Wizard() {
  const { api, t, navigate } = useApp();
  const [state, dispatch] = useReducer(reducer, undefined, initialState);
  const [loaded, setLoaded] = useState(false);
  const [restored, setRestored] = useState(false);
  const [platforms, setPlatforms] = useState<PlatformEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [needStory, setNeedStory] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Restore the draft, then load the platforms.
  useEffect(() => {
    let alive = true;
    api
      .draftLoad(DRAFT_KEY)
      .then((d) => {
        const s = restore(d?.body);
        if (alive && s && hasContent(s)) {
          dispatch({ type: 'restore', state: s });
          setRestored(true);
        }
      })
      .catch(() => undefined)
      .finally(() => alive && setLoaded(true));
    api.platformList().then((p) => alive && setPlatforms(p), () => undefined);
    return () => {
      alive = false;
    };
  }, [api]);

  // Save the draft as the user types (after the restore, so we never overwrite it with a blank state).
  const save = useMemo(
    () => debounce((body: string) => void api.draftSave(DRAFT_KEY, body).catch(() => undefined), 400),
    [api],
  );
  useEffect(() => {
    if (loaded && hasContent(state)) save(serialise(state));
  }, [state, loaded, save]);
  useEffect(() => () => save.flush(), [save]);

  // Move the focus to the step's heading so keyboard and screen-reader users follow along.
  const firstRender = useRef(true);
  const keepError = useRef(false); // set when going back to step 3 to correct the field an error names
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
    if (keepError.current) keepError.current = false;
    else setError(null);
  }, [state.step]);

  const live = useAnalysis(state.step >= 3 ? state.intake : null, null);
  const missing = missingFields(live.analysis?.missing);
  const errors = { ...fieldErrors(live.error), ...fieldErrors(error) };

  const restart = async () => {
    save.cancel();
    await api.draftDiscard(DRAFT_KEY).catch(() => undefined);
    dispatch({ type: 'reset' });
    setRestored(false);
  };

  // The story the current reading was made from: "next" reads a new or changed story first, as
  // "read my story" does, so the form is never left empty by accident.
  const readFor = useRef<string | null>(null);
  const parse = async (): Promise<StoryReading | null> => {
    if (!state.intake.story.trim()) {
      setNeedStory(true);
      return null;
    }
    setBusy(true);
    setError(null);
    try {
      const reading = await api.readStory(state.intake);
      readFor.current = state.intake.story;
      dispatch({ type: 'reading', reading });
      return reading;
    } catch (e) {
      setError(toIpcError(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const next = async (e?: Event) => {
    e?.preventDefault();
    if (!canAdvance(state)) {
      if (state.step === 2) setNeedStory(true);
      return;
    }
    setNeedStory(false);
    if (state.step === 2 && !state.skippedStory && state.intake.story.trim() && readFor.current !== state.intake.story) {
      const reading = await parse();
      // Unreadable, or unsure of the type: stay, so the user sees the question (next click goes on).
      if (!reading || (reading.needs_confirmation && !state.intake.problem_type)) return;
    }
    dispatch({ type: 'next' });
  };

  const saveCase = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await api.caseCreate(state.intake);
      // The earlier contacts the user confirmed from the story become the case's first history entries, in
      // the order the story tells them, so the case page's recommendation already accounts for them. The
      // case is saved either way: a contact that could not be recorded can still be logged from its page.
      for (const c of toLog) {
        await api.contactLog(d.summary.id, contactInput(c)).catch(() => undefined);
      }
      save.cancel();
      await api.draftDiscard(DRAFT_KEY).catch(() => undefined);
      navigate({ name: 'case', id: d.summary.id });
    } catch (e) {
      setError(toIpcError(e));
      setBusy(false);
    }
  };

  // "That solved it" before saving: the case is saved already resolved, and nobody is contacted.
  const knownType = state.intake.problem_type ?? state.reading?.problem_type.code ?? null;
  const resolveBySelfHelp = async () => {
    save.cancel();
    const d = await api.selfhelpResolveNew({ ...state.intake, problem_type: knownType });
    await api.draftDiscard(DRAFT_KEY).catch(() => undefined);
    navigate({ name: 'case', id: d.summary.id });
  };

  const step = state.step;
  const toLog = confirmedContacts(state);
  const stepTitle: Record<Step, Key> = { 1: 'wiz.p1.title', 2: 'wiz.p2.title', 3: 'wiz.p3.title', 4: 'wiz.p4.title' };

  // An error no field on this step shows (only step 3 has the form) goes in the error note; on step 4 one
  // that names a form field says which, with a way back to it.
  const shown = step === 3 ? FORM_FIELDS : [];
  const unplaced = unplacedError(error, shown) ?? unplacedError(live.error, shown);
  const badField = step === 4 ? errorField(unplaced) : null;
  const fixField = () => {
    keepError.current = true;
    dispatch({ type: 'goto', step: 3 });
  };

  return (
    <div class="screen wizard" data-screen={`wizard-${step}`}>
      <h1 class="visually-hidden">{t('wiz.title')}</h1>
      {restored ? (
        <div class="banner banner-info" role="status">
          <span>{t('wiz.restored')}</span>
          <button type="button" class="btn btn-small" onClick={restart}>
            {t('wiz.restart')}
          </button>
        </div>
      ) : null}

      <nav aria-label={t('wiz.stepsLabel')}>
        <ol class="steps">
          {STEP_KEYS.map((k, i) => {
            const n = (i + 1) as Step;
            const cls = n === step ? 'current' : n < step ? 'done' : 'todo';
            return (
              <li key={k} class={cls} aria-current={n === step ? 'step' : undefined}>
                {n < step ? (
                  <button type="button" class="step-link" onClick={() => dispatch({ type: 'goto', step: n })}>
                    <span class="step-no">{n}</span> {t(k)}
                  </button>
                ) : (
                  <span>
                    <span class="step-no">{n}</span> {t(k)}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <form class="wizard-step" onSubmit={step < 4 ? next : (e) => (e.preventDefault(), void saveCase())} noValidate>
        <p class="step-of">{t('wiz.stepOf', { n: step })}</p>
        <h2 tabIndex={-1} ref={heading}>
          {t(stepTitle[step])}
        </h2>

        {step === 1 ? <StepPlatform platforms={platforms} value={state.intake.platform_id} onPick={(id) => dispatch({ type: 'platform', id })} /> : null}

        {step === 2 ? (
          <div class="step-story">
            <p class="hint">{t('wiz.p2.hint')}</p>
            <label for="story" class="visually-hidden">
              {t('wiz.p2.label')}
            </label>
            <textarea
              id="story"
              class="story"
              rows={8}
              value={state.intake.story}
              placeholder={t('wiz.p2.placeholder')}
              data-testid="story-input"
              aria-describedby={needStory ? 'story-need' : undefined}
              onInput={(e) => {
                setNeedStory(false);
                dispatch({ type: 'story', story: (e.currentTarget as HTMLTextAreaElement).value });
              }}
            />
            {needStory ? (
              <p class="field-error" id="story-need" role="alert">
                {t('wiz.p2.needStory')}
              </p>
            ) : null}
            <p class="button-row">
              <button type="button" class="btn btn-primary" onClick={parse} disabled={busy} data-testid="story-parse">
                {busy ? t('wiz.p2.parsing') : t('wiz.p2.parse')}
              </button>
              <button type="button" class="btn btn-link" onClick={() => dispatch({ type: 'skipStory' })}>
                {t('wiz.p2.skip')}
              </button>
            </p>
            <TypeConfirm state={state} onPick={(code) => dispatch({ type: 'confirmType', code })} />
            {knownType && state.reading ? <SelfHelpPanel problemType={knownType} onResolve={resolveBySelfHelp} /> : null}
            <SuggestedContacts
              items={state.reading?.suggested_contacts ?? []}
              confirmed={state.confirmedContacts}
              onToggle={(index) => dispatch({ type: 'toggleContact', index })}
            />
          </div>
        ) : null}

        {step === 3 ? (
          <div class="step-form two-col">
            <div>
              <p class="hint">{t('wiz.p3.hint')}</p>
              <IntakeForm
                intake={state.intake}
                onChange={(patch) => dispatch({ type: 'edit', patch })}
                missing={missing}
                errors={errors}
                idPrefix="wiz"
                detected={live.analysis?.problem_type.label ?? null}
              />
            </div>
            <LiveDescription text={live.analysis?.description_text ?? null} busy={live.busy} />
          </div>
        ) : null}

        {step === 4 ? (
          live.analysis ? (
            <>
              <StandingAsk platformId={state.intake.platform_id} analysis={live.analysis} onChanged={live.refresh} />
              <Recommendation rec={live.analysis.recommendation} caseId={null} />
              <section class="card">
                <h3>{t('desc.title')}</h3>
                <p class="description-text">{live.analysis.description_text}</p>
              </section>
            </>
          ) : (
            <p aria-busy="true">{t('wiz.p4.loading')}</p>
          )
        ) : null}

        <ErrorNote error={unplaced}>
          {badField && isFormField(badField) ? (
            <>
              {t('wiz.p4.fieldError', { field: t(`form.${badField}` as Key) })}{' '}
              <button type="button" class="btn btn-small" onClick={fixField} data-testid="wizard-fix-field">
                {t('wiz.p4.fixField')}
              </button>
            </>
          ) : null}
        </ErrorNote>

        <div class="wizard-buttons">
          {step > 1 ? (
            <button type="button" class="btn" onClick={() => dispatch({ type: 'back' })} data-testid="wizard-back">
              {t('wiz.back')}
            </button>
          ) : null}
          {step < 4 ? (
            <button type="submit" class="btn btn-primary btn-big" data-testid="wizard-next">
              {t('wiz.next')}
            </button>
          ) : (
            <>
              <button type="submit" class="btn btn-primary btn-big" disabled={busy} data-testid="case-save">
                {t('wiz.p4.save')}
              </button>
              <p class="hint">{t('wiz.p4.saveHint')}</p>
              {toLog.length ? (
                <p class="hint" data-testid="wizard-contacts-hint">
                  {t('wiz.p4.contactsHint', { n: toLog.length })}
                </p>
              ) : null}
            </>
          )}
        </div>
      </form>
    </div>
  );
}

function StepPlatform({
  platforms,
  value,
  onPick,
}: {
  platforms: PlatformEntry[];
  value: string | null;
  onPick(id: string | null): void;
}) {
  const { t, navigate } = useApp();
  return (
    <fieldset class="platform-pick">
      <legend class="hint">{t('wiz.p1.hint')}</legend>
      <label class="radio">
        <input type="radio" name="platform" value="" checked={value === null} onChange={() => onPick(null)} />{' '}
        {t('wiz.p1.default')}
      </label>
      {platforms.map((p) => (
        <label class="radio" key={p.id ?? p.profile.name}>
          <input
            type="radio"
            name="platform"
            value={p.id ?? ''}
            checked={value === p.id}
            data-testid="platform-pick"
            onChange={() => onPick(p.id)}
          />{' '}
          {p.profile.name}
          {p.vip ? <span class="badge badge-ok">{t('wiz.p1.vip')}</span> : null}
        </label>
      ))}
      <p>
        <button type="button" class="btn btn-link" onClick={() => navigate({ name: 'platforms' })}>
          {t('wiz.p1.add')}
        </button>
      </p>
    </fieldset>
  );
}

function TypeConfirm({ state, onPick }: { state: ReturnType<typeof initialState>; onPick(code: string): void }) {
  const { t, vocab } = useApp();
  const r = state.reading;
  if (!r) return null;
  const chosen = state.intake.problem_type;
  const label = (code: string | null) =>
    vocab.problem_types.find((p) => p.code === code)?.label ?? r.problem_type.label;
  return (
    <div class="card type-confirm" aria-live="polite">
      <p class="hint">{t('wiz.p2.filled')}</p>
      {r.needs_confirmation && !state.typeConfirmed ? (
        <>
          <p class="question" data-testid="detected-type">
            {t('wiz.p2.question', { type: r.problem_type.label })}
          </p>
          <p class="button-row">
            <button type="button" class="btn btn-primary" onClick={() => onPick(r.problem_type.code)} data-testid="confirm-type">
              {t('wiz.p2.confirm', { type: r.problem_type.label })}
            </button>
            {r.alternative ? (
              <button type="button" class="btn" onClick={() => onPick(r.alternative!.code)}>
                {t('wiz.p2.alternative', { type: r.alternative.label })}
              </button>
            ) : null}
          </p>
          <p>
            <label for="type-other">{t('wiz.p2.other')}</label>{' '}
            <select
              id="type-other"
              value=""
              onChange={(e) => {
                const v = (e.currentTarget as HTMLSelectElement).value;
                if (v) onPick(v);
              }}
            >
              <option value="">{t('wiz.p2.otherPick')}</option>
              {vocab.problem_types.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.label}
                </option>
              ))}
            </select>
          </p>
        </>
      ) : (
        <p class="question" data-testid="detected-type">
          {state.typeConfirmed
            ? t('wiz.p2.confirmed', { type: label(chosen) })
            : t('wiz.p2.detected', { type: chosen ? label(chosen) : r.problem_type.label })}
        </p>
      )}
    </div>
  );
}
