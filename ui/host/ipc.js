// The host UI's link to Rust: commands, and one private ordered channel for what Rust pushes
// (the reader is ui/shared/ordered-channel.js, loaded before this module).
const T = window.__TAURI_INTERNALS__;

/** Calls a host command; rejects with {code, message}. */
export function invoke(cmd, args = {}) {
  return T.invoke(cmd, args);
}

/** Opens an ordered channel and returns its IPC value. */
export function channel(onmessage) {
  return window.openOrderedChannel(T, onmessage, (e) => console.error('channel handler failed', e));
}
