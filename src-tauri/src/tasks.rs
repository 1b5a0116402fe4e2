//! Background work with an owner: delayed and periodic tasks on Tauri's async runtime, and
//! the two outbox threads. Started once, from `startup::start_background` (or by a task).

use std::time::Duration;

/// Runs `f` once, after `delay`, off the calling thread.
pub fn after(delay: Duration, f: impl FnOnce() + Send + 'static) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(delay).await;
        // Blocking work (locks, webview calls) does not hold up the async workers.
        let _ = tauri::async_runtime::spawn_blocking(f).await;
    });
}

/// Runs `f` every `period` (the first time after one period), with the real time that passed
/// since the last run.
pub fn every(period: Duration, mut f: impl FnMut(Duration) + Send + 'static) {
    tauri::async_runtime::spawn(async move {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last = tokio::time::Instant::now();
        loop {
            ticks.tick().await;
            let now = tokio::time::Instant::now();
            f(now - last);
            last = now;
        }
    });
}

/// Runs `f` every `period`, off the async workers (it may block, as a network probe does),
/// until it returns true.
pub fn until(period: Duration, f: impl FnMut() -> bool + Send + 'static) {
    let f = std::sync::Arc::new(std::sync::Mutex::new(f));
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(period).await;
            let f = f.clone();
            let done =
                tauri::async_runtime::spawn_blocking(move || (crate::locks::lock(&f))()).await;
            if done.unwrap_or(true) {
                return;
            }
        }
    });
}

/// Runs `f` on a thread of its own for as long as the process lives (an outbox flusher).
pub fn forever(name: &str, f: impl FnOnce() + Send + 'static) {
    if let Err(e) = std::thread::Builder::new().name(name.to_string()).spawn(f) {
        tracing::error!("cannot start the {name} thread: {e}");
    }
}

/// A value saved once it stops changing for `quiet`: a drag that resizes the window sends many
/// sizes; the last one is written once.
pub struct Debounced<T: Send + 'static> {
    tx: tokio::sync::mpsc::UnboundedSender<T>,
}

impl<T: Send + 'static> Debounced<T> {
    /// Calls `write` with the last value sent, `quiet` after values stop coming.
    pub fn new(quiet: Duration, write: impl Fn(T) + Send + 'static) -> Self {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<T>();
        tauri::async_runtime::spawn(async move {
            while let Some(mut value) = rx.recv().await {
                loop {
                    match tokio::time::timeout(quiet, rx.recv()).await {
                        Ok(Some(newer)) => value = newer,
                        Ok(None) => return write(value),
                        Err(_) => break,
                    }
                }
                write(value);
            }
        });
        Self { tx }
    }

    /// A new value.
    pub fn send(&self, value: T) {
        let _ = self.tx.send(value);
    }
}
