import { describe, expect, it } from 'vitest';
import type { StoryReading, SuggestedContactView } from '../ipc/bindings';
import {
  canAdvance,
  confirmedContacts,
  contactInput,
  DRAFT_VERSION,
  emptyIntake,
  hasContent,
  initialState,
  reducer,
  restore,
  serialise,
} from './wizard';

const reading = (over: Partial<StoryReading> = {}): StoryReading => ({
  found: { ...emptyIntake(), story: 'x', order_id: '20240520001', amount: '100', product: '游戏点卡' },
  problem_type: { code: 'delivery_delay', label: '未到账' },
  confidence: 0.55,
  needs_confirmation: true,
  alternative: { code: 'order_status', label: '订单状态异常' },
  suggested_contacts: [],
  ...over,
});

const mail: SuggestedContactView = {
  channel: { code: 'email', label: '邮件' },
  outcome: { code: 'no_response', label: '无回应' },
  matched: '邮件发了三天没人理',
  at: '2024-05-17T15:00:00+08:00',
};
const phone: SuggestedContactView = {
  channel: { code: 'phone', label: '电话' },
  outcome: { code: 'no_response', label: '无回应' },
  matched: '电话一直占线',
  at: '',
};

describe('wizard reducer', () => {
  it('step 1 → 2 always; step 2 needs a story', () => {
    let s = reducer(initialState(), { type: 'next' });
    expect(s.step).toBe(2);
    expect(canAdvance(s)).toBe(false);
    expect(reducer(s, { type: 'next' }).step).toBe(2);
    s = reducer(s, { type: 'story', story: '   ' });
    expect(reducer(s, { type: 'next' }).step).toBe(2);
    s = reducer(s, { type: 'story', story: '充值没到账' });
    expect(reducer(s, { type: 'next' }).step).toBe(3);
  });
  it('skipping the story goes straight to the form', () => {
    const s = reducer(reducer(initialState(), { type: 'next' }), { type: 'skipStory' });
    expect(s.step).toBe(3);
    expect(s.skippedStory).toBe(true);
    expect(reducer(s, { type: 'next' }).step).toBe(4);
    expect(reducer(reducer(s, { type: 'next' }), { type: 'next' }).step).toBe(4);
  });
  it('back stops at 1; goto cannot jump past a blocked step', () => {
    expect(reducer(initialState(), { type: 'back' }).step).toBe(1);
    const s = initialState();
    expect(reducer(s, { type: 'goto', step: 4 }).step).toBe(1);
    const withStory = reducer(s, { type: 'story', story: 'abc' });
    expect(reducer(withStory, { type: 'goto', step: 4 }).step).toBe(4);
  });
  it('a reading fills empty fields only and keeps the platform', () => {
    let s = reducer(initialState(), { type: 'platform', id: 'p1' });
    s = reducer(s, { type: 'edit', patch: { amount: '99.5' } });
    s = reducer(s, { type: 'reading', reading: reading() });
    expect(s.intake.platform_id).toBe('p1');
    expect(s.intake.amount).toBe('99.5');
    expect(s.intake.order_id).toBe('20240520001');
    expect(s.reading?.needs_confirmation).toBe(true);
    expect(s.typeConfirmed).toBe(false);
  });
  it('confirming a type writes intake.problem_type', () => {
    let s = reducer(initialState(), { type: 'reading', reading: reading() });
    s = reducer(s, { type: 'confirmType', code: 'order_status' });
    expect(s.intake.problem_type).toBe('order_status');
    expect(s.typeConfirmed).toBe(true);
    s = reducer(s, { type: 'confirmType', code: '' });
    expect(s.intake.problem_type).toBeNull();
  });
  it('suggested contacts are ticked one by one and only the ticked ones are logged', () => {
    let s = reducer(initialState(), { type: 'reading', reading: reading({ suggested_contacts: [mail, phone] }) });
    expect(confirmedContacts(s)).toEqual([]);
    s = reducer(s, { type: 'toggleContact', index: 1 });
    expect(confirmedContacts(s)).toEqual([phone]);
    s = reducer(s, { type: 'toggleContact', index: 0 });
    expect(confirmedContacts(s)).toEqual([mail, phone]);
    s = reducer(s, { type: 'toggleContact', index: 1 });
    expect(confirmedContacts(s)).toEqual([mail]);
    expect(reducer(s, { type: 'toggleContact', index: 5 })).toBe(s);
    expect(contactInput(mail)).toEqual({
      channel: 'email',
      outcome: 'no_response',
      at: '2024-05-17T15:00:00+08:00',
      note: '邮件发了三天没人理',
      reference: '',
    });
  });
  it('reading the story again keeps the ticks of the suggestions it finds again', () => {
    let s = reducer(initialState(), { type: 'reading', reading: reading({ suggested_contacts: [mail, phone] }) });
    s = reducer(s, { type: 'toggleContact', index: 0 });
    s = reducer(s, { type: 'reading', reading: reading({ suggested_contacts: [phone, mail] }) });
    expect(s.confirmedContacts).toEqual([1]);
    expect(confirmedContacts(s)).toEqual([mail]);
    s = reducer(s, { type: 'reading', reading: reading({ suggested_contacts: [phone] }) });
    expect(confirmedContacts(s)).toEqual([]);
  });
  it('reset starts over', () => {
    const s = reducer(reducer(initialState(), { type: 'story', story: 'x' }), { type: 'reset' });
    expect(s).toEqual(initialState());
    expect(hasContent(s)).toBe(false);
  });
});

describe('wizard draft', () => {
  it('round-trips through serialise/restore with a version', () => {
    let s = reducer(initialState(), { type: 'story', story: '充值失败' });
    s = reducer(s, { type: 'next' });
    s = reducer(s, { type: 'next' });
    s = reducer(s, { type: 'reading', reading: reading() });
    const body = serialise(s);
    expect(JSON.parse(body).version).toBe(DRAFT_VERSION);
    expect(restore(body)).toEqual(s);
  });
  it('tolerates corrupt, foreign and other-version drafts', () => {
    expect(restore('{not json')).toBeNull();
    expect(restore('')).toBeNull();
    expect(restore(null)).toBeNull();
    expect(restore('"a string"')).toBeNull();
    expect(restore(JSON.stringify({ version: 99, state: initialState() }))).toBeNull();
    expect(restore(JSON.stringify({ version: DRAFT_VERSION, state: { step: 2 } }))).toBeNull();
    expect(restore(JSON.stringify({ version: DRAFT_VERSION, state: { step: 3, intake: { story: 42 } } }))).toBeNull();
  });
  it('repairs what it can: bad step, missing fields, a bogus reading', () => {
    const s = restore(JSON.stringify({ version: DRAFT_VERSION, state: { step: 7, intake: { story: 'abc' }, reading: { foo: 1 } } }))!;
    expect(s.step).toBe(1);
    expect(s.intake).toEqual({ ...emptyIntake(), story: 'abc' });
    expect(s.reading).toBeNull();
  });
  it('keeps the ticked suggestions; an older draft without them restores with none', () => {
    let s = reducer(initialState(), { type: 'story', story: '邮件发了三天没人理' });
    s = reducer(s, { type: 'reading', reading: reading({ suggested_contacts: [mail, phone] }) });
    s = reducer(s, { type: 'toggleContact', index: 1 });
    expect(restore(serialise(s))).toEqual(s);
    const old = JSON.parse(serialise(s));
    delete old.state.confirmedContacts;
    delete old.state.reading.suggested_contacts;
    const r = restore(JSON.stringify(old))!;
    expect(r.reading?.suggested_contacts).toEqual([]);
    expect(r.confirmedContacts).toEqual([]);
    old.state.reading.suggested_contacts = [mail, { bogus: true }];
    old.state.confirmedContacts = [0, 7, 'x'];
    expect(restore(JSON.stringify(old))!.confirmedContacts).toEqual([]);
    old.state.reading.suggested_contacts = [mail];
    expect(restore(JSON.stringify(old))!.confirmedContacts).toEqual([0]);
  });
  it('never restores onto a step the user could not reach', () => {
    const s = restore(JSON.stringify({ version: DRAFT_VERSION, state: { step: 4, intake: { story: '' } } }))!;
    expect(s.step).toBe(2);
  });
});
