/* global document */
// A classic script in <head>, so it runs before the first frame is drawn: a window whose person chose Light or Dark
// opens in it instead of flashing the system's theme first (module scripts, the app's own, run only after a paint).
// The choice is kept under the same key by src/renderer/src/theme/themeChoice.ts, which takes over from here.
try {
  const choice = JSON.parse(localStorage.getItem('loupe.theme') ?? 'null')
  if (choice === 'light' || choice === 'dark') document.documentElement.dataset.theme = choice
} catch {
  // Nothing readable stored: the system's theme, which theme.css follows by itself.
}
