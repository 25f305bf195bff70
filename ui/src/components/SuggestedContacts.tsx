// The earlier contacts the engine read from the story ("the line was always busy"), each with one click to record it:
// ticked ones are logged as contacts when the case is saved; the others are never recorded.
import type { SuggestedContactView } from '../ipc';
import { useApp } from '../context';

export function SuggestedContacts({
  items,
  confirmed,
  onToggle,
}: {
  items: SuggestedContactView[];
  /** Indexes into `items` the user ticked. */
  confirmed: number[];
  onToggle(index: number): void;
}) {
  const { t } = useApp();
  if (!items.length) return null;
  return (
    <fieldset class="card suggested-contacts" data-testid="suggested-contacts">
      <legend class="question">{t('wiz.p2.contactsTitle')}</legend>
      <p class="hint">{t('wiz.p2.contactsHint')}</p>
      <ul>
        {items.map((c, i) => (
          <li key={i} class="suggested-contact" data-testid="suggested-contact">
            <span>
              <strong>{t('wiz.p2.contactEntry', { channel: c.channel.label, outcome: c.outcome.label })}</strong>{' '}
              <span class="muted">{t('wiz.p2.contactMatched', { matched: c.matched })}</span>
            </span>
            <label class="check">
              <input
                type="checkbox"
                checked={confirmed.includes(i)}
                data-testid="suggested-contact-keep"
                onChange={() => onToggle(i)}
              />{' '}
              {t('wiz.p2.contactKeep')}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
