import { describe, expect, it } from 'vitest';
import { FORM_FIELDS, fieldClass, fieldErrors, missingFields, unplacedError } from './missing';

describe('missing fields', () => {
  it('keeps only form fields from the analysis', () => {
    const m = missingFields([
      { code: 'order_id', label: '订单编号' },
      { code: 'amount', label: '金额' },
      { code: 'something_else', label: '?' },
    ]);
    expect([...m].sort()).toEqual(['amount', 'order_id']);
    expect(missingFields(null).size).toBe(0);
  });
  it('maps an IPC error to its field, also with a prefix', () => {
    expect(Object.keys(fieldErrors({ code: 'invalid_field', field: 'amount', message: 'x' }))).toEqual(['amount']);
    expect(Object.keys(fieldErrors({ code: 'invalid_field', field: 'intake.order_id', message: '' }))).toEqual(['order_id']);
    expect(fieldErrors({ code: 'invalid_field', field: 'platform', message: '' })).toEqual({});
    expect(fieldErrors({ code: 'io', field: null, message: '' })).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });
  it('leaves an error for the general note when no field on the screen shows it', () => {
    const amount = { code: 'invalid_field', field: 'intake.amount', message: '' };
    const story = { code: 'invalid_field', field: 'story', message: '' };
    const noField = { code: 'sqlite', field: null, message: '' };
    expect(unplacedError(amount, FORM_FIELDS)).toBeNull();
    expect(unplacedError(amount, [])).toBe(amount); // e.g. the wizard's last step, where the form is gone
    expect(unplacedError(story, FORM_FIELDS)).toBe(story);
    expect(unplacedError(noField, FORM_FIELDS)).toBe(noField);
    expect(unplacedError({ code: 'invalid_field', field: 'at', message: '' }, ['channel', 'at'])).toBeNull();
    expect(unplacedError(null, [])).toBeNull();
  });
  it('builds the classes for highlighting', () => {
    const missing = missingFields([{ code: 'product', label: '' }]);
    expect(fieldClass('product', missing, {})).toBe('field is-missing');
    expect(fieldClass('amount', missing, { amount: {} })).toBe('field has-error');
    expect(fieldClass('symptom', missing, {})).toBe('field');
  });
});
