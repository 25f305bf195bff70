import type { Intake, IpcError } from '../ipc';
import { useApp } from '../context';
import { errorKey, type Key } from '../i18n';
import { fieldClass, type FormField } from '../lib/missing';
import { asInputValue } from '../lib/time';
import { inputType, type TextInputType } from './common';

interface Props {
  intake: Intake;
  onChange(patch: Partial<Intake>): void;
  missing: Set<FormField>;
  errors: Partial<Record<FormField, IpcError>>;
  /** Prefix for element ids, so two forms never share an id. */
  idPrefix: string;
  /** The type the engine reads from the story while none is chosen, shown in place of "detect". */
  detected?: string | null;
}

type TextField = Exclude<FormField, 'demand' | 'problem_type'>;

/** The structured form (order number … evidence). Missing fields get `is-missing` and a "to fill in" hint. */
export function IntakeForm({ intake, onChange, missing, errors, idPrefix, detected }: Props) {
  const { t, vocab } = useApp();
  const id = (f: FormField) => `${idPrefix}-${f}`;

  const hints = (f: FormField, extraHint?: Key) => {
    const err = errors[f];
    return (
      <>
        {extraHint ? (
          <small class="hint" id={`${id(f)}-hint`}>
            {t(extraHint)}
          </small>
        ) : null}
        {missing.has(f) ? (
          <small class="missing-hint" id={`${id(f)}-missing`}>
            {t('common.missing')}
          </small>
        ) : null}
        {err ? (
          <small class="field-error" id={`${id(f)}-error`} role="alert">
            {t(errorKey(err.code))}
            {err.message ? ` (${err.message})` : ''}
          </small>
        ) : null}
      </>
    );
  };
  const describedBy = (f: FormField, extraHint?: Key) =>
    [extraHint ? `${id(f)}-hint` : '', missing.has(f) ? `${id(f)}-missing` : '', errors[f] ? `${id(f)}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  const input = (f: TextField, type: TextInputType, opts: { placeholder?: Key; inputMode?: string; hint?: Key } = {}) => (
    <div class={fieldClass(f, missing, errors)}>
      <label for={id(f)}>{t(`form.${f}` as Key)}</label>
      <input
        id={id(f)}
        type={inputType(type)}
        value={type === 'datetime-local' ? asInputValue(intake[f]) : intake[f]}
        placeholder={opts.placeholder ? t(opts.placeholder) : undefined}
        inputMode={opts.inputMode as 'decimal' | undefined}
        aria-invalid={errors[f] ? true : undefined}
        aria-describedby={describedBy(f, opts.hint)}
        data-testid={`form-${f}`}
        onInput={(e) => onChange({ [f]: (e.currentTarget as HTMLInputElement).value })}
      />
      {hints(f, opts.hint)}
    </div>
  );
  const area = (f: TextField, hint?: Key, rows = 3) => (
    <div class={fieldClass(f, missing, errors) + ' field-wide'}>
      <label for={id(f)}>{t(`form.${f}` as Key)}</label>
      <textarea
        id={id(f)}
        rows={rows}
        value={intake[f]}
        aria-invalid={errors[f] ? true : undefined}
        aria-describedby={describedBy(f, hint)}
        data-testid={`form-${f}`}
        onInput={(e) => onChange({ [f]: (e.currentTarget as HTMLTextAreaElement).value })}
      />
      {hints(f, hint)}
    </div>
  );

  return (
    <div class="intake-form">
      <div class={fieldClass('problem_type', missing, errors)}>
        <label for={id('problem_type')}>{t('form.problem_type')}</label>
        <select
          id={id('problem_type')}
          value={intake.problem_type ?? ''}
          data-testid="form-problem_type"
          onChange={(e) => onChange({ problem_type: (e.currentTarget as HTMLSelectElement).value || null })}
        >
          <option value="">{detected ? t('form.problem_type.detected', { type: detected }) : t('form.problem_type.auto')}</option>
          {vocab.problem_types.map((p) => (
            <option key={p.code} value={p.code}>
              {p.label}
            </option>
          ))}
        </select>
        {hints('problem_type')}
      </div>
      {input('order_id', 'text', { placeholder: 'form.ph.order_id' })}
      {input('occurred_at', 'datetime-local')}
      {input('product', 'text', { placeholder: 'form.ph.product' })}
      {input('amount', 'text', { placeholder: 'form.ph.amount', inputMode: 'decimal' })}
      {input('symptom', 'text', { placeholder: 'form.ph.symptom' })}
      {input('error_message', 'text', { placeholder: 'form.ph.error_message' })}
      {area('steps_tried', 'form.steps_tried.hint')}
      <div class={fieldClass('demand', missing, errors)}>
        <label for={id('demand')}>{t('form.demand')}</label>
        <select
          id={id('demand')}
          value={intake.demand ?? ''}
          aria-describedby={describedBy('demand')}
          data-testid="form-demand"
          onChange={(e) => onChange({ demand: (e.currentTarget as HTMLSelectElement).value || null })}
        >
          <option value="">{t('form.demand.none')}</option>
          {vocab.demands.map((d) => (
            <option key={d.code} value={d.code}>
              {d.label}
            </option>
          ))}
        </select>
        {hints('demand')}
      </div>
      {area('evidence', 'form.evidence.hint')}
    </div>
  );
}

/** The live structured description (aria-live so screen readers hear the update). */
export function LiveDescription({ text, busy }: { text: string | null; busy: boolean }) {
  const { t } = useApp();
  return (
    <section class="live-description card" aria-labelledby="desc-title">
      <h3 id="desc-title">{t('desc.title')}</h3>
      <p class="hint">{t('desc.hint')}</p>
      <p class="description-text" data-testid="live-description" aria-live="polite" aria-busy={busy}>
        {text && text.trim() ? text : t('desc.empty')}
      </p>
    </section>
  );
}
