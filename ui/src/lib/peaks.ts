// Time windows as typed in the platform form: "09:00-10:00, 19:00-21:00" ⇄ ["09:00-10:00", "19:00-21:00"].

const WINDOW = /^(\d{1,2}):(\d{2})\s*[-–~～—至到]\s*(\d{1,2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** One window `H:MM-H:MM` → `HH:MM-HH:MM`; `null` when not a valid, non-empty window. */
export function normaliseWindow(s: string): string | null {
  const m = WINDOW.exec(s.trim());
  if (!m) return null;
  const [h1, m1, h2, m2] = [+m[1], +m[2], +m[3], +m[4]];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 !== 0)) return null;
  if (h1 * 60 + m1 >= h2 * 60 + m2) return null;
  return `${pad(h1)}:${pad(m1)}-${pad(h2)}:${pad(m2)}`;
}

export interface ParsedPeaks {
  peaks: string[];
  /** The pieces that are not a window, as typed. */
  invalid: string[];
}

/** Splits on commas (also ，、;；) and new lines; empty text → no peaks. */
export function parsePeaks(text: string): ParsedPeaks {
  const peaks: string[] = [];
  const invalid: string[] = [];
  for (const piece of text.split(/[,，、;；\n]+/)) {
    const p = piece.trim();
    if (!p) continue;
    const w = normaliseWindow(p);
    if (w) peaks.push(w);
    else invalid.push(p);
  }
  return { peaks, invalid };
}

export function formatPeaks(peaks: string[]): string {
  return peaks.join(', ');
}
