import { describe, expect, it } from 'vitest';
import { fieldClass, fieldErrors, missingFields } from './missing';

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
  it('builds the classes for highlighting', () => {
    const missing = missingFields([{ code: 'product', label: '' }]);
    expect(fieldClass('product', missing, {})).toBe('field is-missing');
    expect(fieldClass('amount', missing, { amount: {} })).toBe('field has-error');
    expect(fieldClass('symptom', missing, {})).toBe('field');
  });
});
