// The Record control in the top bar: on, what you do in the window becomes test steps; off,
// the recording (with the widgets' API calls as its expectations) is saved as a test file for
// `widget-host test`, and the log says where it went and how to replay it.
export function setupRecord(invoke, toast) {
  const button = document.getElementById('record');
  let on = false;
  const show = () => {
    button.classList.toggle('recording', on);
    button.textContent = on ? '● Stop and save test' : 'Record';
    button.setAttribute('aria-pressed', String(on));
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if (!on) {
        await invoke('host_record', { on: true });
        on = true;
      } else {
        const saved = await invoke('host_record', { on: false });
        on = false;
        toast('info', `Test saved: ${saved.file} (${saved.steps} steps, ${saved.calls} expected calls). Replay: widget-host test ${saved.file}`);
      }
    } catch (e) {
      // A recording started before the host UI reloaded is still on.
      if (!on && e && e.code === 'invalid_state') on = true;
      else toast('error', `Record: ${e && e.message || e}`);
    } finally {
      button.disabled = false;
      show();
    }
  });
  show();
}
