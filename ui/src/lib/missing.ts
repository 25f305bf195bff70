// Which form fields to highlight: the engine's `Analysis.missing` codes are `Intake` field names.
import type { Coded } from '../ipc/bindings';
import type { IpcError } from '../ipc/errors';

/** The fields of the structured form, in display order. */
export const FORM_FIELDS = [
  'order_id',
  'occurred_at',
  'product',
  'amount',
  'symptom',
  'error_message',
  'steps_tried',
  'demand',
  'evidence',
  'problem_type',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export function isFormField(code: string): code is FormField {
  return (FORM_FIELDS as readonly string[]).includes(code);
}

/** The missing codes that are form fields (unknown codes are ignored). */
export function missingFields(missing: readonly Coded[] | null | undefined): Set<FormField> {
  const out = new Set<FormField>();
  for (const m of missing ?? []) if (isFormField(m.code)) out.add(m.code);
  return out;
}

/** The field an IPC error names, without its prefix (`intake.amount` → `amount`); `null` when none. */
export function errorField(err: IpcError | null): string | null {
  if (!err || !err.field) return null;
  return err.field.split('.').pop() ?? err.field;
}

/** Field → error, from an IPC error naming a form field (`intake.amount` counts as `amount`). */
export function fieldErrors(err: IpcError | null): Partial<Record<FormField, IpcError>> {
  const name = errorField(err);
  return err && name && isFormField(name) ? { [name]: err } : {};
}

/**
 * The error when no field on the current screen can show it (it names no field, or one not in `shown`),
 * so it goes in a general error note instead; `null` when there is none or a field shows it.
 */
export function unplacedError(err: IpcError | null, shown: readonly string[]): IpcError | null {
  const name = errorField(err);
  return name && shown.includes(name) ? null : err;
}

/** The CSS classes of a field's wrapper. */
export function fieldClass(field: FormField, missing: Set<FormField>, errors: Partial<Record<FormField, unknown>>): string {
  const c = ['field'];
  if (missing.has(field)) c.push('is-missing');
  if (errors[field]) c.push('has-error');
  return c.join(' ');
}
