import { render } from 'preact';
import { App } from './app';
import { inTauri, tauriApi, type Api } from './ipc';
import './styles.css';

async function pickApi(): Promise<Api> {
  if (inTauri()) return tauriApi;
  // In a plain browser (`npm run dev`, or a `vite build --mode fake` as bench/page-cost.sh makes), use
  // the in-memory fake so the screens can be looked at.
  if (import.meta.env.DEV || import.meta.env.MODE === 'fake') {
    const { fakeApi } = await import('./ipc/fake');
    return fakeApi();
  }
  return tauriApi;
}

pickApi().then((api) => render(<App api={api} />, document.getElementById('app')!));
