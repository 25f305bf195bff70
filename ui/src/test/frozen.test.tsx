// @vitest-environment happy-dom
// The shell turns on Tauri's `freezePrototype`, so in the app Object.prototype is frozen, and any code
// that assigns a property Object.prototype also has (`constructor`, `toString`, …) throws. Preact 10
// did so on every re-render (preactjs/preact#5109) and the app never got past its loading screen; this
// renders the app the same way, through a state change, so such a regression fails here first.
import { render } from 'preact';
import { expect, it } from 'vitest';
import { App } from '../app';
import { fakeApi } from '../ipc/fake';

const wait = (ms = 50) => new Promise((r) => setTimeout(r, ms));

it('starts and navigates with Object.prototype frozen, as in the app', async () => {
  Object.freeze(Object.prototype);
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(<App api={fakeApi()} />, root);
  await wait();
  expect(root.querySelector('[data-screen="cases"]')).not.toBeNull();
  root.querySelector<HTMLElement>('[data-testid="nav-new"]')!.click();
  await wait();
  expect(root.querySelector('[data-screen="wizard-1"]')).not.toBeNull();
});
