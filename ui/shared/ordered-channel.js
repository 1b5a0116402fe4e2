// An ordered channel, as @tauri-apps/api's Channel: Rust numbers its messages and they are
// handled in that order even if they arrive out of order. Shared by the host UI (a classic
// script before its modules) and the Widget API runtime (inside its closure).
// `T` is window.__TAURI_INTERNALS__; returns the value to pass as a Channel argument.
function openOrderedChannel(T, onmessage, onerror) {
  let next = 0;
  const pending = {};
  const id = T.transformCallback((m) => {
    if ('end' in m) return;
    if (m.index !== next) { pending[m.index] = m.message; return; }
    // A handler that throws must not stall the channel: the next message still comes.
    const run = (x) => {
      try { onmessage(x); } catch (e) { onerror(e); }
      next++;
    };
    run(m.message);
    while (next in pending) { const x = pending[next]; delete pending[next]; run(x); }
  });
  return `__CHANNEL__:${id}`;
}
