// A minimal W3C WebDriver client over fetch: just what the end-to-end test needs, so the test has
// no dependency that could download a browser. tauri-driver speaks this protocol on 127.0.0.1:4444.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriver {
  constructor(base = 'http://127.0.0.1:4444') {
    this.base = base;
    this.session = null;
  }

  async request(method, path, body) {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A hung driver fails the step (with its name) instead of hanging the whole test run.
      signal: AbortSignal.timeout(Number(process.env.WD_TIMEOUT || 60000)),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const v = json.value || {};
      throw new Error(`${method} ${path}: ${res.status} ${v.error || ''} ${v.message || ''}`);
    }
    return json.value;
  }

  s(path) {
    return `/session/${this.session}${path}`;
  }

  async start(application) {
    const v = await this.request('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    });
    this.session = v.sessionId;
  }

  async quit() {
    if (this.session) await this.request('DELETE', this.s('')).catch(() => {});
    this.session = null;
  }

  async execute(script, ...args) {
    return this.request('POST', this.s('/execute/sync'), { script, args });
  }

  async find(css) {
    const v = await this.request('POST', this.s('/element'), { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.request('POST', this.s('/elements'), { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  ref(id) {
    return { [ELEMENT]: id };
  }

  /** Wait until `css` matches (and `predicate(text)` holds, when given); returns the element id. */
  async waitFor(css, { timeout = 15000, text } = {}) {
    const end = Date.now() + timeout;
    let last = '';
    for (;;) {
      try {
        const id = await this.find(css);
        if (!text) return id;
        last = await this.text(id);
        if (text(last)) return id;
      } catch (_) {
        /* not there yet */
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${css}${last ? ` (last text: ${last.slice(0, 200)})` : ''}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Waits until `ok()` (async) holds, polling like waitFor; `what` names the wait in the error. */
  async until(ok, what, { timeout = 15000 } = {}) {
    const end = Date.now() + timeout;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Clicks `css`; an element replaced between finding and clicking it (a re-render, e.g. after the
   *  language changed) is found again instead of failing the step. */
  async click(css) {
    for (let attempt = 1; ; attempt++) {
      const id = await this.waitFor(css);
      try {
        await this.request('POST', this.s(`/element/${id}/click`), {});
        return;
      } catch (e) {
        const msg = String(e.message);
        // Stale: the list re-rendered. Intercepted: the page moved under the pointer after the
        // driver scrolled (a section above loaded late) and the sticky header took the click;
        // centre the element and try again.
        if (attempt >= 5 || !/stale element|click intercepted/i.test(msg)) throw e;
        if (/click intercepted/i.test(msg)) {
          await this.execute(
            `const el = document.querySelector(arguments[0]); if (el) el.scrollIntoView({block: 'center'});`,
            css,
          );
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  }

  async text(id) {
    return this.request('GET', this.s(`/element/${id}/text`));
  }

  async value(css) {
    const id = await this.waitFor(css);
    return this.execute('return arguments[0].value', this.ref(id));
  }

  /** Set a field's value the way typing does: the framework sees input and change events. */
  async fill(css, value) {
    const id = await this.waitFor(css);
    await this.execute(
      `const el = arguments[0];
       const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype
         : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
       Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
      this.ref(id),
      value,
    );
  }

  /** Presses a key with Alt held (W3C actions: real key events through the WebView), e.g. `alt('5')`. */
  async alt(key) {
    const ALT = '\uE00A';
    await this.request('POST', this.s('/actions'), {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value: ALT },
            { type: 'keyDown', value: key },
            { type: 'keyUp', value: key },
            { type: 'keyUp', value: ALT },
          ],
        },
      ],
    });
    await this.request('DELETE', this.s('/actions')).catch(() => {});
  }

  /** Moves the pointer to the window's bottom-right corner (W3C actions), off every control, so no
   *  hover highlight or tooltip of the last clicked element is left on a screenshot. */
  async parkPointer() {
    const [w, h] = await this.execute('return [innerWidth, innerHeight]');
    await this.request('POST', this.s('/actions'), {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.max(0, w - 3), y: Math.max(0, h - 3) }],
        },
      ],
    });
    await this.request('DELETE', this.s('/actions')).catch(() => {});
  }

  /** Resolves once the last DOM change is on screen (two animation frames later). */
  async settle() {
    await this.request('POST', this.s('/execute/async'), {
      script: 'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
      args: [],
    });
  }
}
