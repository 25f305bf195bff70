// MIIT's rules for older users (2021), in simple mode, measured on the real stylesheet: every text colour the CSS puts on a
// background reaches 7:1 (WCAG contrast, AAA) with the mode's palette, no line height is under 1.3,
// and every kind of target is at least 44 px.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

// Read from disk: Vitest hands CSS imports (even `?raw`) over empty.
const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

interface Rule {
  selector: string;
  decls: Map<string, string>;
}

/** The style rules of the sheet, at-rule blocks opened (their rules count like the others). */
function rules(text: string): Rule[] {
  const out: Rule[] = [];
  // Comments out; an at-rule's opening (`@media … {`) dropped, so its inner rules read as top-level.
  const body = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@[^{};]+\{/g, '');
  const re = /([^{}]+)\{([^{}]*)\}/g;
  for (const m of body.matchAll(re)) {
    const selector = m[1].trim();
    const decls = new Map<string, string>();
    for (const d of m[2].split(';')) {
      const i = d.indexOf(':');
      if (i > 0) decls.set(d.slice(0, i).trim(), d.slice(i + 1).trim());
    }
    out.push({ selector, decls });
  }
  return out;
}

const all = rules(css);
const block = (selector: string) => {
  const r = all.find((x) => x.selector === selector);
  if (!r) throw new Error(`no ${selector} rule in styles.css`);
  return r.decls;
};
const base = block(':root');
const simple = block(':root[data-simple]');

function hex(c: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(c.trim());
  if (!m) throw new Error(`${c} is not a #rrggbb colour`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(c: string): number {
  const [r, g, b] = hex(c).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour variable's value in the mode. */
const colour = (name: string) => {
  const v = simple.get(`--${name}`);
  if (!v) throw new Error(`--${name} is not set for the simple mode`);
  return v;
};
const varOf = (value: string | undefined) => (value ? /^var\(--([\w-]+)\)/.exec(value)?.[1] : undefined);

describe('the contrast calculation', () => {
  it('gives the known WCAG values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });
});

describe('simple mode palette (MIIT: contrast at least 7:1)', () => {
  it('sets every colour the app uses, so no ordinary colour leaks into the mode', () => {
    const used = [...base.keys()].filter((k) => k.startsWith('--') && /^#/.test(base.get(k)!));
    expect(used.length).toBeGreaterThan(10);
    for (const k of used) expect(simple.has(k), k).toBe(true);
  });

  // Every pair of text colour and background the stylesheet writes: a rule's own colour on its own
  // background; a colour alone on the page and on a card; a background alone with the colour of the
  // state's base rule (`.btn-primary:hover` → `.btn-primary`), else the body text.
  const stateless = (sel: string) => sel.replace(/:(hover|active|focus(-visible)?|disabled|not\([^)]*\))/g, '');
  const baseColour = (sel: string) =>
    varOf(all.find((x) => x.selector === stateless(sel) && x.decls.has('color'))?.decls.get('color'));
  const pairs = new Set<string>();
  for (const r of all) {
    const bg = varOf(r.decls.get('background') ?? r.decls.get('background-color'));
    const fg = varOf(r.decls.get('color')) ?? (bg ? baseColour(r.selector) : undefined);
    if (fg && bg) pairs.add(`${fg}/${bg}`);
    else if (fg) ['bg', 'surface'].forEach((b) => pairs.add(`${fg}/${b}`));
    else if (bg) pairs.add(`text/${bg}`);
  }

  it('finds the pairs, the light of the phone line among them', () => {
    expect(pairs.size).toBeGreaterThan(15);
    expect(pairs.has('elder-open-text/elder-open-bg')).toBe(true);
    expect(pairs.has('elder-closed-text/elder-closed-bg')).toBe(true);
    expect(pairs.has('primary-text/primary')).toBe(true);
  });

  it('has at least 7:1 on every pair', () => {
    const low = [...pairs]
      .map((p) => {
        const [fg, bg] = p.split('/');
        return { p, ratio: contrast(colour(fg), colour(bg)) };
      })
      .filter(({ ratio }) => ratio < 7);
    expect(low).toEqual([]);
  });

  it('would fail the ordinary palette (the test can see a low contrast)', () => {
    const ordinary = (n: string) => base.get(`--${n}`)!;
    // The ordinary links and buttons are AA (4.5:1), not AAA: the mode needs its own palette.
    expect(contrast(ordinary('primary'), ordinary('bg'))).toBeLessThan(7);
  });
});

describe('simple mode spacing and targets (MIIT)', () => {
  it('spaces lines at least 1.3 everywhere, 1.7 for the mode', () => {
    expect(Number(simple.get('line-height'))).toBeGreaterThanOrEqual(1.3);
    const heights = all.flatMap((r) => (r.decls.has('line-height') ? [[r.selector, r.decls.get('line-height')!]] : []));
    expect(heights.length).toBeGreaterThan(5);
    for (const [sel, v] of heights) {
      expect(/^\d+(\.\d+)?$/.test(v), `${sel}: ${v} (unitless, so it scales with the text)`).toBe(true);
      expect(Number(v), sel).toBeGreaterThanOrEqual(1.3);
    }
  });

  it('makes every kind of target at least 44 px, over any smaller button rule', () => {
    const r = all.find((x) => x.selector.startsWith(':root[data-simple] :is(') && x.decls.has('min-height'));
    expect(r, 'the targets rule').toBeDefined();
    const kinds = /:is\(([^)]*)\)/.exec(r!.selector)![1].split(',').map((s) => s.trim());
    expect(kinds).toEqual(expect.arrayContaining(['button', 'a', 'input', 'select', 'textarea', 'summary']));
    for (const prop of ['min-height', 'min-width']) {
      const m = /^([\d.]+)rem\s*!important$/.exec(r!.decls.get(prop) ?? '');
      expect(m, `${prop}: ${r!.decls.get(prop)}`).not.toBeNull();
      // 1rem is at least 16 px (20 px in the mode): conservative.
      expect(Number(m![1]) * 16).toBeGreaterThanOrEqual(44);
    }
  });
});
