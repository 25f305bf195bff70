import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const registry: (() => Promise<unknown>)[] = [];

/** Loads every lazy screen now, so each then renders at once (the tests; never the app's start). */
export function preloadScreens(): Promise<unknown> {
  return Promise.all(registry.map((f) => f()));
}

/**
 * A screen whose code is fetched the first time it is shown. The start screen (the case list) is in
 * the entry script; every other screen is its own chunk, so the WebView parses and keeps in memory
 * only what the first screen needs at start-up. Until the chunk has loaded nothing is drawn (a chunk
 * comes from the app's own protocol, in a few milliseconds).
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element | null {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetch = () => (pending ??= load().then((c) => (loaded = c)));
  registry.push(fetch);
  return function Lazy(props: P) {
    const [, setReady] = useState(0);
    useEffect(() => {
      if (!loaded) fetch().then(() => setReady((n) => n + 1));
    }, []);
    const C = loaded;
    return C ? <C {...props} /> : null;
  };
}
