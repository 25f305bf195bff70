import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Analysis, Intake, IpcError } from './ipc';
import { toIpcError } from './ipc';
import { debounce } from './lib/debounce';
import { useApp } from './context';

/** The current time, refreshed every `ms` (for countdowns). */
export function useNow(ms = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    setNow(new Date()); // a new pace starts from the current time, not the time of the first render
    const id = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** A form's fields in one state object; `set(name, value)` changes one of them. */
export function useFields<F extends object>(initial: F | (() => F)): [F, <K extends keyof F>(name: K, value: F[K]) => void] {
  const [fields, setFields] = useState<F>(initial);
  const set = <K extends keyof F>(name: K, value: F[K]) => setFields((f) => ({ ...f, [name]: value }));
  return [fields, set];
}

/** A short message for an aria-live region that clears itself. */
export function useFlash(ms = 4000): [string, (msg: string) => void] {
  const [msg, setMsg] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const flash = (m: string) => {
    setMsg(m);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMsg(''), ms);
  };
  return [msg, flash];
}

/**
 * The engine's live analysis of `intake`, recomputed ~250 ms after the last change. `initial` is the
 * analysis of the first `intake`, which is then not sent again.
 */
export function useAnalysis(intake: Intake | null, caseId: string | null, initial: Analysis | null = null) {
  const { api } = useApp();
  const [analysis, setAnalysis] = useState<Analysis | null>(initial);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  // The intake that `analysis` belongs to (or is being computed for).
  const analysed = useRef<Intake | null>(initial ? intake : null);
  const run = useMemo(
    () =>
      debounce((i: Intake, id: string | null) => {
        const n = ++seq.current;
        setBusy(true);
        api.analyse(i, id).then(
          (a) => {
            if (n !== seq.current) return;
            setAnalysis(a);
            setError(null);
            setBusy(false);
          },
          (e) => {
            if (n !== seq.current) return;
            analysed.current = null; // try again when the same intake comes back
            setError(toIpcError(e));
            setBusy(false);
          },
        );
      }, 250),
    [api],
  );
  useEffect(() => {
    if (!intake || intake === analysed.current) return;
    analysed.current = intake;
    run(intake, caseId);
  }, [intake, caseId, run]);
  useEffect(() => () => run.cancel(), [run]);
  // Analyse the same intake again (something outside it changed: the platform's standing).
  const refresh = useCallback(() => {
    if (analysed.current) run(analysed.current, caseId);
  }, [run, caseId]);
  return { analysis, error, busy, refresh };
}
