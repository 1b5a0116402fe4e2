//! Placing widget webviews over the slots the host UI reserves for them, on every platform.
//! On Linux the work is done by the private `gtk` module (tauri issue 10420).

#[cfg(target_os = "linux")]
mod gtk;

use tauri::webview::WebviewBuilder;
use tauri::{LogicalPosition, LogicalSize, Runtime, Webview};

/// A rectangle in logical pixels, relative to the host webview's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub width: i32,
    /// Height.
    pub height: i32,
}

/// Makes the host webview able to carry widgets over it (Linux needs a GTK overlay).
pub fn install_host<R: Runtime>(host: &Webview<R>) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    return gtk::install_host(host);
    #[cfg(not(target_os = "linux"))]
    {
        let _ = host;
        Ok(())
    }
}

/// Widget webviews show inside `rect` (the content area) only: a widget scrolled partly out of
/// its view is cut at the view's edge (elsewhere each platform's child webviews must do).
pub fn set_clip<R: Runtime>(host: &Webview<R>, rect: Rect) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    return gtk::set_clip(host, rect);
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (host, rect);
        Ok(())
    }
}

/// Puts a widget webview at `rect`, shown or hidden.
pub fn place<R: Runtime>(w: &Webview<R>, rect: Rect, visible: bool) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    return gtk::place(w, rect, visible);
    #[cfg(not(target_os = "linux"))]
    {
        w.set_position(LogicalPosition::new(rect.x, rect.y))?;
        w.set_size(LogicalSize::new(rect.width.max(1), rect.height.max(1)))?;
        if visible {
            w.show()
        } else {
            w.hide()
        }
    }
}

/// Where a webview really is, and whether it is shown: what tests check against the slot.
/// Blocks until the main thread answers, so call it from a worker thread only.
pub fn actual<R: Runtime>(w: &Webview<R>) -> Option<(Rect, bool)> {
    #[cfg(target_os = "linux")]
    return gtk::allocation(w);
    #[cfg(not(target_os = "linux"))]
    {
        let scale = w.window().scale_factor().ok()?;
        let p = w.position().ok()?.to_logical::<i32>(scale);
        let s = w.size().ok()?.to_logical::<i32>(scale);
        Some((
            Rect {
                x: p.x,
                y: p.y,
                width: s.width,
                height: s.height,
            },
            true,
        ))
    }
}

/// A builder whose webview shares the web process of `sibling` (where the platform allows).
/// Blocks until the main thread answers, so call it from a worker thread only.
pub fn share_web_process<R: Runtime>(
    builder: WebviewBuilder<R>,
    sibling: &Webview<R>,
) -> WebviewBuilder<R> {
    #[cfg(target_os = "linux")]
    return match gtk::webkit_view(sibling) {
        Some(view) => builder.with_related_view(view),
        None => builder,
    };
    #[cfg(not(target_os = "linux"))]
    {
        let _ = sibling;
        builder
    }
}

/// Stops the web process of a webview (where the platform allows; elsewhere a reload must do).
pub fn stop_web_process<R: Runtime>(w: &Webview<R>) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    return gtk::stop_web_process(w);
    #[cfg(not(target_os = "linux"))]
    {
        let _ = w;
        Ok(())
    }
}

/// The initial position and size given to `add_child` (ignored on Linux, where [`place`] rules).
pub fn initial(rect: Rect) -> (LogicalPosition<f64>, LogicalSize<f64>) {
    (
        LogicalPosition::new(rect.x as f64, rect.y as f64),
        LogicalSize::new(rect.width.max(1) as f64, rect.height.max(1) as f64),
    )
}
