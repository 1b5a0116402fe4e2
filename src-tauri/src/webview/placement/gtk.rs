//! Linux workaround for tauri issue 10420: tauri-runtime-wry packs `Window::add_child` webviews
//! into the window's vertical GtkBox, so the position and size we pass are ignored. We re-parent
//! them instead: the host webview becomes the main child of a GtkOverlay and widget webviews go
//! into a pass-through GtkFixed layered over it, where `move_` and `set_size_request` work.
//! Inside that layer a GtkLayout (a container with windows of its own, whose size does not
//! grow with its children) covers the content area only and clips: a widget scrolled partly
//! out of the view never covers the host UI's bars. Its windows pass input through (CSS
//! `pointer-events: none`), so the host UI under it, between widgets, still gets clicks.
//! Revisit when the upstream fix lands.

use super::Rect;
use gtk::prelude::*;
use std::cell::RefCell;
use std::sync::mpsc;
use std::time::Duration;
use tauri::{Runtime, Webview};

thread_local! {
    // GTK objects live on the main thread only; `with_webview` runs closures there.
    static FIXED: RefCell<Option<gtk::Fixed>> = const { RefCell::new(None) };
    // The clipping layer, and where it is in the host webview.
    static CLIP: RefCell<Option<(gtk::Layout, Rect)>> = const { RefCell::new(None) };
}

/// Wraps the host webview in an overlay with a fixed layer for widgets. Call once, before any
/// [`place`].
pub fn install_host<R: Runtime>(host: &Webview<R>) -> tauri::Result<()> {
    host.with_webview(|pw| {
        let wv = pw.inner();
        // The host UI is ours and needs no GPU compositing. Without a GPU (Xvfb, many VMs)
        // WebKit composites in software GL, and redrawing the log and cards that way took the
        // host's web process a whole core during event bursts (measured with widget-host-bench).
        {
            use webkit2gtk::{SettingsExt, WebViewExt};
            if let Some(s) = WebViewExt::settings(&wv) {
                s.set_hardware_acceleration_policy(webkit2gtk::HardwareAccelerationPolicy::Never);
            }
        }
        let Some(parent) = wv.parent().and_then(|p| p.downcast::<gtk::Box>().ok()) else {
            tracing::error!("host webview is not in a GtkBox; widget placement will not work");
            return;
        };
        let overlay = gtk::Overlay::new();
        let fixed = gtk::Fixed::new();
        let clip = gtk::Layout::new(None::<&gtk::Adjustment>, None::<&gtk::Adjustment>);
        clip.connect_realize(|c| {
            for w in [c.window(), c.bin_window()].into_iter().flatten() {
                w.set_pass_through(true);
                #[allow(deprecated)]
                w.set_background_pattern(None);
            }
        });
        fixed.put(&clip, 0, 0);
        clip.set_size_request(1, 1);
        parent.remove(&wv);
        overlay.add(&wv);
        overlay.add_overlay(&fixed);
        overlay.set_overlay_pass_through(&fixed, true);
        parent.pack_start(&overlay, true, true, 0);
        overlay.show_all();
        FIXED.with(|f| *f.borrow_mut() = Some(fixed));
        let at = Rect {
            x: 0,
            y: 0,
            width: 1,
            height: 1,
        };
        CLIP.with(|c| *c.borrow_mut() = Some((clip, at)));
    })
}

/// Widget webviews show inside `rect` of the host webview only (the content area).
pub fn set_clip<R: Runtime>(host: &Webview<R>, rect: Rect) -> tauri::Result<()> {
    host.with_webview(move |_| {
        FIXED.with(|f| {
            CLIP.with(|c| {
                let (Some(fixed), Some((clip, at))) = (f.borrow().clone(), &mut *c.borrow_mut())
                else {
                    return;
                };
                if *at == rect {
                    return;
                }
                let (dx, dy) = (rect.x - at.x, rect.y - at.y);
                fixed.move_(clip, rect.x, rect.y);
                clip.set_size_request(rect.width.max(1), rect.height.max(1));
                // Children keep their place in the host webview.
                if dx != 0 || dy != 0 {
                    for child in clip.children() {
                        let x = clip.child_property::<i32>(&child, "x");
                        let y = clip.child_property::<i32>(&child, "y");
                        clip.move_(&child, x - dx, y - dy);
                    }
                }
                *at = rect;
            })
        })
    })
}

/// Moves a widget webview into the fixed layer (first call) and gives it `rect`, or hides it.
pub fn place<R: Runtime>(w: &Webview<R>, rect: Rect, visible: bool) -> tauri::Result<()> {
    let label = w.label().to_owned();
    w.with_webview(move |pw| {
        let wv = pw.inner();
        CLIP.with(|c| {
            let c = c.borrow();
            let Some((fixed, at)) = c.as_ref() else {
                tracing::error!(webview = %label, "widget placed before the host overlay exists");
                return;
            };
            let (x, y) = (rect.x - at.x, rect.y - at.y);
            let in_fixed = wv
                .parent()
                .is_some_and(|p| &p == fixed.upcast_ref::<gtk::Widget>());
            if !in_fixed {
                if let Some(old) = wv
                    .parent()
                    .and_then(|p| p.downcast::<gtk::Container>().ok())
                {
                    old.remove(&wv);
                }
                fixed.put(&wv, x, y);
            } else {
                fixed.move_(&wv, x, y);
            }
            wv.set_size_request(rect.width.max(1), rect.height.max(1));
            if visible {
                wv.show();
            } else {
                wv.hide();
            }
        });
    })
}

/// The real GTK allocation of a webview and whether it is mapped (shown). Blocks until the main
/// thread answers, so call it from a worker thread only.
pub fn allocation<R: Runtime>(w: &Webview<R>) -> Option<(Rect, bool)> {
    let (tx, rx) = mpsc::channel();
    w.with_webview(move |pw| {
        let wv = pw.inner();
        let a = wv.allocation();
        // The clipping layer has a window of its own: allocations inside it are relative to it.
        let (ox, oy) = CLIP.with(|c| {
            c.borrow()
                .as_ref()
                .map(|(_, at)| (at.x, at.y))
                .unwrap_or((0, 0))
        });
        let _ = tx.send((
            Rect {
                x: a.x() + ox,
                y: a.y() + oy,
                width: a.width(),
                height: a.height(),
            },
            wv.is_visible(),
        ));
    })
    .ok()?;
    rx.recv_timeout(Duration::from_secs(2)).ok()
}

/// The WebKit view behind a webview, to relate a new one to it (so both share its web
/// process). Blocks until the main thread answers, so call it from a worker thread only.
pub fn webkit_view<R: Runtime>(w: &Webview<R>) -> Option<webkit2gtk::WebView> {
    /// A GObject reference carried from the main thread to the caller, which only hands it
    /// back to Tauri (whose webview attributes are Send for the same reason) to be used on the
    /// main thread again. GObject reference counting is atomic.
    struct OnMainThreadOnly(webkit2gtk::WebView);
    // SAFETY: the view is never used off the main thread; only its reference moves.
    unsafe impl Send for OnMainThreadOnly {}
    let (tx, rx) = mpsc::channel();
    w.with_webview(move |pw| {
        let _ = tx.send(OnMainThreadOnly(pw.inner()));
    })
    .ok()?;
    rx.recv_timeout(Duration::from_secs(2)).ok().map(|v| v.0)
}

/// Stops the web process behind a webview (it is started again by the next load).
pub fn stop_web_process<R: Runtime>(w: &Webview<R>) -> tauri::Result<()> {
    w.with_webview(|pw| {
        use webkit2gtk::WebViewExt;
        pw.inner().terminate_web_process();
    })
}
