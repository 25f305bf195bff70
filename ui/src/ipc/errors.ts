/** How a rejected command arrives in the UI: `{code, field, message}` (see crates/cases/src/error.rs). */
export interface IpcError {
  /** Stable code: `invalid_field`, `invalid_profile`, `invalid_json`, `not_found`, `sqlite`, `io`, … */
  code: string;
  /** The form field at fault, when there is one (an `Intake` field name, `name`, `at`, …). */
  field: string | null;
  /** Technical detail (English); the UI picks its own sentence from `code`. */
  message: string;
}

/** Turns whatever a rejected promise carried into an `IpcError` (never throws). */
export function toIpcError(e: unknown): IpcError {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.code === 'string') {
      return {
        code: o.code,
        field: typeof o.field === 'string' && o.field !== '' ? o.field : null,
        message: typeof o.message === 'string' ? o.message : '',
      };
    }
    if (e instanceof Error) return { code: 'unknown', field: null, message: e.message };
  }
  if (typeof e === 'string') return { code: 'unknown', field: null, message: e };
  return { code: 'unknown', field: null, message: String(e) };
}
