import { render } from 'preact';
import { App } from './app';
import { inTauri, tauriApi, type Api } from './ipc';
import './styles.css';

async function pickApi(): Promise<Api> {
  if (inTauri()) return tauriApi;
  if (import.meta.env.DEV) {
    // In a plain browser (`npm run dev`), use the in-memory fake so the screens can be looked at.
    const { fakeApi } = await import('./ipc/fake');
    return fakeApi();
  }
  return tauriApi;
}

pickApi().then((api) => render(<App api={api} />, document.getElementById('app')!));
