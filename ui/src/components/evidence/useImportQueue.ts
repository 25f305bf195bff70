import { useRef, useState } from 'preact/hooks';
import type { ImportRow } from '../../lib/evidence';

/** Adds its lines to `lines.current`, calls `show()` as they change, and returns how many files it added. */
export type ImportJob = () => Promise<number>;

/**
 * One import at a time (a ref, not state: two drops can arrive before a re-render). What arrives while
 * one runs (a drop, a paste) waits in the queue and runs right after, with its own lines below.
 * `on.queued` when a job has to wait, `on.start` when a run begins, `on.done` with the files added once
 * the queue is empty.
 */
export function useImportQueue(on: { queued(): void; start(): void; done(added: number): Promise<void> }) {
  const [rows, setRows] = useState<ImportRow[]>([]);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const queue = useRef<ImportJob[]>([]);
  const lines = useRef<ImportRow[]>([]);
  const show = () => setRows([...lines.current]);
  const run = async (job: ImportJob) => {
    if (running.current) {
      queue.current.push(job);
      on.queued();
      return;
    }
    running.current = true;
    setBusy(true);
    on.start();
    lines.current = [];
    let added = 0;
    try {
      for (let next: ImportJob | undefined = job; next; next = queue.current.shift()) {
        added += await next();
      }
    } finally {
      await on.done(added);
      running.current = false;
      setBusy(false);
    }
  };
  return { rows, busy, dismiss: () => setRows([]), lines, show, run };
}
