// The "new request" wizard as a pure reducer: steps, can-advance rules, and the draft it saves.
import type { ContactInput, Intake, StoryReading, SuggestedContactView } from '../ipc/bindings';

export const DRAFT_KEY = 'wizard';
export const DRAFT_VERSION = 1;

export type Step = 1 | 2 | 3 | 4;

export interface WizardState {
  step: Step;
  intake: Intake;
  /** The last read_story answer (detected type, confirmation question). */
  reading: StoryReading | null;
  /** The user chose to fill the form without telling the story. */
  skippedStory: boolean;
  /** The user confirmed or picked the problem type after a reading. */
  typeConfirmed: boolean;
  /** Indexes into `reading.suggested_contacts` the user ticked: logged as contacts when the case is saved. */
  confirmedContacts: number[];
}

export function emptyIntake(): Intake {
  return {
    platform_id: null,
    story: '',
    problem_type: null,
    order_id: '',
    occurred_at: '',
    product: '',
    amount: '',
    symptom: '',
    error_message: '',
    steps_tried: '',
    demand: null,
    evidence: '',
  };
}

export function initialState(): WizardState {
  return { step: 1, intake: emptyIntake(), reading: null, skippedStory: false, typeConfirmed: false, confirmedContacts: [] };
}

export type Action =
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'goto'; step: Step }
  | { type: 'platform'; id: string | null }
  | { type: 'story'; story: string }
  | { type: 'edit'; patch: Partial<Intake> }
  | { type: 'reading'; reading: StoryReading }
  | { type: 'confirmType'; code: string }
  | { type: 'toggleContact'; index: number }
  | { type: 'skipStory' }
  | { type: 'restore'; state: WizardState }
  | { type: 'reset' };

/** Whether the user may leave `state.step` forward. */
export function canAdvance(s: WizardState): boolean {
  switch (s.step) {
    case 1:
      return true; // no platform chosen = the default profile
    case 2:
      return s.intake.story.trim() !== '' || s.skippedStory;
    case 3:
      return true; // missing fields become 【待补充】 gaps, flagged in the texts
    case 4:
      return false;
  }
}

/** Whether a step can be shown (all steps before it can be advanced from). */
export function canReach(s: WizardState, step: Step): boolean {
  for (let k = 1; k < step; k++) {
    if (!canAdvance({ ...s, step: k as Step })) return false;
  }
  return true;
}

export function reducer(s: WizardState, a: Action): WizardState {
  switch (a.type) {
    case 'next':
      return canAdvance(s) ? { ...s, step: (s.step + 1) as Step } : s;
    case 'back':
      return s.step > 1 ? { ...s, step: (s.step - 1) as Step } : s;
    case 'goto':
      return a.step <= s.step || canReach(s, a.step) ? { ...s, step: a.step } : s;
    case 'platform':
      return { ...s, intake: { ...s.intake, platform_id: a.id } };
    case 'story':
      return { ...s, intake: { ...s.intake, story: a.story } };
    case 'edit':
      return { ...s, intake: { ...s.intake, ...a.patch } };
    case 'reading': {
      // The one merge of typed and found values: the reading (only what the story says) fills empty fields;
      // what the user typed, the platform and a type they chose are kept.
      const r = a.reading.found;
      const cur = s.intake;
      const keep = (typed: string, found: string) => (typed.trim() ? typed : found);
      const intake: Intake = {
        ...cur,
        order_id: keep(cur.order_id, r.order_id),
        occurred_at: keep(cur.occurred_at, r.occurred_at),
        product: keep(cur.product, r.product),
        amount: keep(cur.amount, r.amount),
        symptom: keep(cur.symptom, r.symptom),
        error_message: keep(cur.error_message, r.error_message),
        steps_tried: keep(cur.steps_tried, r.steps_tried),
        evidence: keep(cur.evidence, r.evidence),
        demand: cur.demand ?? r.demand,
        // A confident reading fills the type, so step 3 shows it; an unsure one is asked on step 2.
        problem_type: cur.problem_type ?? r.problem_type ?? (a.reading.needs_confirmation ? null : a.reading.problem_type.code),
      };
      // A suggestion the user already ticked stays ticked when reading the story again finds it again.
      const ticked = confirmedContacts(s).map(sameContact);
      const kept = a.reading.suggested_contacts.flatMap((c, i) => (ticked.includes(sameContact(c)) ? [i] : []));
      return { ...s, intake, reading: a.reading, skippedStory: false, typeConfirmed: false, confirmedContacts: kept };
    }
    case 'toggleContact': {
      if (!s.reading || a.index < 0 || a.index >= s.reading.suggested_contacts.length) return s;
      const on = s.confirmedContacts.includes(a.index);
      const confirmed = on ? s.confirmedContacts.filter((i) => i !== a.index) : [...s.confirmedContacts, a.index].sort((x, y) => x - y);
      return { ...s, confirmedContacts: confirmed };
    }
    case 'confirmType':
      return {
        ...s,
        intake: { ...s.intake, problem_type: a.code || null },
        typeConfirmed: a.code !== '',
      };
    case 'skipStory':
      return { ...s, skippedStory: true, step: 3 };
    case 'restore':
      return a.state;
    case 'reset':
      return initialState();
  }
}

const sameContact = (c: SuggestedContactView) => JSON.stringify([c.channel.code, c.outcome.code, c.matched]);

/** The suggested contacts the user ticked, in the order the story tells them. */
export function confirmedContacts(s: WizardState): SuggestedContactView[] {
  const all = s.reading?.suggested_contacts ?? [];
  return s.confirmedContacts.flatMap((i) => (all[i] ? [all[i]] : []));
}

/** A confirmed suggestion as the contact `log_contact` records: the story's words are its note; no date = now. */
export function contactInput(c: SuggestedContactView): ContactInput {
  return { channel: c.channel.code, outcome: c.outcome.code, at: c.at, note: c.matched, reference: '' };
}

/** Whether there is anything worth restoring (or saving). */
export function hasContent(s: WizardState): boolean {
  const i = s.intake;
  return (
    s.step > 1 ||
    i.platform_id !== null ||
    [i.story, i.order_id, i.occurred_at, i.product, i.amount, i.symptom, i.error_message, i.steps_tried, i.evidence].some(
      (v) => v.trim() !== '',
    )
  );
}

export function serialise(s: WizardState): string {
  return JSON.stringify({ version: DRAFT_VERSION, state: s });
}

const STR_FIELDS = [
  'story',
  'order_id',
  'occurred_at',
  'product',
  'amount',
  'symptom',
  'error_message',
  'steps_tried',
  'evidence',
] as const;

/** Reads a saved draft; a corrupt, foreign or other-version draft gives `null` (start fresh). */
export function restore(body: string | null | undefined): WizardState | null {
  if (!body) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as { version?: unknown; state?: unknown };
  if (o.version !== DRAFT_VERSION || !o.state || typeof o.state !== 'object') return null;
  const st = o.state as Record<string, unknown>;
  const inRaw = st.intake;
  if (!inRaw || typeof inRaw !== 'object') return null;
  const src = inRaw as Record<string, unknown>;
  const intake = emptyIntake();
  for (const f of STR_FIELDS) {
    const v = src[f];
    if (typeof v === 'string') intake[f] = v;
    else if (v !== undefined && v !== null) return null;
  }
  const optStr = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  intake.platform_id = optStr(src.platform_id);
  intake.problem_type = optStr(src.problem_type);
  intake.demand = optStr(src.demand);
  const step = st.step;
  // A draft saved before readings carried suggested contacts has none; a damaged list is dropped whole
  // (with the ticks, which point into it).
  const sc = isReading(st.reading) ? st.reading.suggested_contacts : undefined;
  const suggested = Array.isArray(sc) && sc.every(isSuggestion) ? sc : [];
  const reading = isReading(st.reading) ? { ...st.reading, suggested_contacts: suggested } : null;
  const n = reading?.suggested_contacts.length ?? 0;
  const ticked = Array.isArray(st.confirmedContacts) ? st.confirmedContacts : [];
  const s: WizardState = {
    step: step === 1 || step === 2 || step === 3 || step === 4 ? step : 1,
    intake,
    reading,
    skippedStory: st.skippedStory === true,
    typeConfirmed: st.typeConfirmed === true,
    confirmedContacts: [...new Set(ticked.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < n))].sort((x, y) => x - y),
  };
  // Never land on a step the rules would not let the user reach.
  while (s.step > 1 && !canReach(s, s.step)) s.step = (s.step - 1) as Step;
  return s;
}

const isCoded = (v: unknown) =>
  !!v && typeof v === 'object' && typeof (v as Record<string, unknown>).code === 'string' && typeof (v as Record<string, unknown>).label === 'string';

function isSuggestion(v: unknown): v is SuggestedContactView {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return isCoded(c.channel) && isCoded(c.outcome) && typeof c.matched === 'string' && typeof c.at === 'string';
}

// `suggested_contacts` is optional here: drafts from before it existed are still readings (restore fills it in).
function isReading(v: unknown): v is Omit<StoryReading, 'suggested_contacts'> & { suggested_contacts?: unknown } {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  const pt = r.problem_type as Record<string, unknown> | undefined;
  return (
    typeof r.needs_confirmation === 'boolean' &&
    !!pt &&
    typeof pt.code === 'string' &&
    typeof pt.label === 'string' &&
    !!r.found &&
    typeof r.found === 'object'
  );
}
