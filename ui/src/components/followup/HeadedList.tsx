import type { ComponentChildren } from 'preact';
import { useApp } from '../../context';
import type { Key } from '../../i18n';

/** A heading, then `items` drawn by `item` in a list, or the line that says there are none. */
export function HeadedList<I>({ title, empty, testid, items, item }: {
  title: Key;
  empty: Key;
  testid: string;
  items: I[];
  item(i: I, at: number): ComponentChildren;
}) {
  const { t } = useApp();
  return (
    <>
      <h3>{t(title)}</h3>
      {items.length ? (
        <ul class="fu-list" data-testid={testid}>
          {items.map(item)}
        </ul>
      ) : (
        <p>{t(empty)}</p>
      )}
    </>
  );
}
