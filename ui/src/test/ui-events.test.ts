// @vitest-environment happy-dom
// The shell's events reach the page on one channel (src-tauri/src/ui_events.rs): opened once, by
// the first handler, each kind to its own handlers; a refused channel is asked for again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Channel } from '@tauri-apps/api/core';
import type { OpenRequest, TrackerChanged, TrayHint, UiEvent } from '../ipc';

type Commands = typeof import('../ipc/commands');
let commands: Commands;
let opened: Channel<UiEvent>[];
let refuse: boolean;

beforeEach(async () => {
  vi.resetModules(); // a fresh module: no channel opened yet
  commands = await import('../ipc/commands');
  opened = [];
  refuse = false;
  mockIPC((cmd, args) => {
    if (cmd !== 'ui_events') throw new Error(`unexpected command ${cmd}`);
    if (refuse) throw { code: 'unknown', field: null, message: 'refused' };
    opened.push((args as { channel: Channel<UiEvent> }).channel);
  });
});
afterEach(() => clearMocks());

/** What the shell's `Channel::send` does in the page: the channel's callback with the next index. */
function send(channel: Channel<UiEvent>, message: UiEvent, index: number) {
  (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } }).__TAURI_INTERNALS__.runCallback(
    channel.id,
    { message, index },
  );
}

describe('the shell events channel', () => {
  it('is opened once and hands each kind to its own handlers', async () => {
    const changed: TrackerChanged[] = [];
    const opens: OpenRequest[] = [];
    const hints: TrayHint[] = [];
    const offChanged = await commands.onTrackerChanged((c) => changed.push(c));
    await commands.onOpenRequest((r) => opens.push(r));
    await commands.onTrayHint((h) => hints.push(h));
    expect(opened).toHaveLength(1);

    const [channel] = opened;
    send(channel, { kind: 'tracker_changed', unread: 2, cases: ['c1'] }, 0);
    send(channel, { kind: 'open_case', case_id: 'c1', notification_id: 5, order_watch_id: null }, 1);
    send(channel, { kind: 'tray_hidden', text: 'closed to the tray' }, 2);
    expect(changed.map((c) => c.unread)).toEqual([2]);
    expect(opens.map((r) => r.notification_id)).toEqual([5]);
    expect(hints.map((h) => h.text)).toEqual(['closed to the tray']);

    offChanged();
    send(channel, { kind: 'tracker_changed', unread: 3, cases: [] }, 3);
    expect(changed).toHaveLength(1);
  });

  it('is asked for again after the shell refused it', async () => {
    refuse = true;
    const changed: TrackerChanged[] = [];
    await expect(commands.onTrackerChanged((c) => changed.push(c))).rejects.toMatchObject({ message: 'refused' });
    refuse = false;
    await commands.onTrackerChanged((c) => changed.push(c));
    expect(opened).toHaveLength(1);
    send(opened[0], { kind: 'tracker_changed', unread: 1, cases: [] }, 0);
    // Only the handler added after the refusal is there.
    expect(changed).toHaveLength(1);
  });
});
