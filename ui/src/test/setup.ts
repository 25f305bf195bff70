// The app loads every screen but the case list on demand (src/lib/lazy.tsx): the first time a screen
// is shown it draws nothing until its chunk has arrived. The tests click through screens with short
// waits, so every screen is loaded here first and then renders at once, as before the split.
import { preloadScreens } from '../lib/lazy';
import '../app';

await preloadScreens();
