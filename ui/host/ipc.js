// The host UI's link to Rust: commands, and one private ordered channel for what Rust pushes.
const T = window.__TAURI_INTERNALS__;

/** Calls a host command; rejects with {code, message}. */
export function invoke(cmd, args = {}) {
  return T.invoke(cmd, args);
}

/** Opens an ordered channel (as @tauri-apps/api's Channel) and returns its IPC value. */
export function channel(onmessage) {
  let next = 0;
  const pending = {};
  const id = T.transformCallback((m) => {
    if ('end' in m) return;
    if (m.index !== next) { pending[m.index] = m.message; return; }
    // A handler that throws must not stall the channel: the next message still comes.
    const run = (x) => { try { onmessage(x); } catch (e) { console.error('channel handler failed', e); } next++; };
    run(m.message);
    while (next in pending) { const x = pending[next]; delete pending[next]; run(x); }
  });
  return `__CHANNEL__:${id}`;
}
