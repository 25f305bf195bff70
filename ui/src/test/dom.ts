// What the component tests do to the page, written once: a root to render into, finding elements by
// their data-testid, waiting for a condition, clicking, typing and choosing as a user would.
import { render } from 'preact';
import { expect } from 'vitest';

export const wait = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** The element the test renders into (`mount()` in beforeEach, `unmount()` in afterEach). */
export let root: HTMLElement;
export function mount(): HTMLElement {
  root = document.createElement('div');
  document.body.appendChild(root);
  return root;
}
export function unmount() {
  render(null, root);
  root.remove();
}

export const $ = (id: string, within: ParentNode = root) => within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
export const $$ = (id: string, within: ParentNode = root) => [...within.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
export const input = (id: string) => $(id) as HTMLInputElement;
export const screen = () => root.querySelector('[data-screen]')?.getAttribute('data-screen');

/** Waits until `ok()` holds, up to 10 s: under a parallel build the fake's timers run late; a pass returns at once. */
export const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await wait(20);
  expect(ok()).toBe(true);
};
export const click = async (id: string, el: HTMLElement | null = $(id)) => {
  if (!el) throw new Error(`no ${id} on ${screen()}`);
  el.click();
  await wait();
};
export const type = async (id: string, value: string) => {
  const el = input(id);
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  await wait();
};
export const choose = async (id: string, value: string) => {
  const el = $(id) as unknown as HTMLSelectElement;
  if (!el) throw new Error(`no ${id}`);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  await wait();
};
