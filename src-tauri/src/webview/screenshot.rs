//! A screenshot of the window as the X display shows it (widget webviews included, which
//! paint in their own process): for the scripted harness and for `widget-host test` failures.

use crate::label;
use std::path::Path;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// Saves the window as a PNG file; returns the crop of the display it took.
pub fn window<R: Runtime>(app: &AppHandle<R>, file: &Path) -> Result<String, String> {
    // WebKit paints in its own process: let the last DOM change reach the X display.
    std::thread::sleep(Duration::from_millis(250));
    // The X display is larger than the window: keep the window only. GTK reports no outer
    // size for a window of child webviews, so measure the host page instead.
    let w = app.get_window(label::WINDOW).ok_or("no window")?;
    let pos = w.inner_position().map_err(|e| e.to_string())?;
    let size = super::eval::eval(
        app,
        label::HOST,
        "[Math.round(window.innerWidth * devicePixelRatio), Math.round(window.innerHeight * devicePixelRatio)]",
    )?;
    let (width, height) = (size[0].as_i64().unwrap_or(0), size[1].as_i64().unwrap_or(0));
    let crop = format!("{width}x{height}+{}+{}", pos.x.max(0), pos.y.max(0));
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let status = std::process::Command::new("import")
        .args(["-window", "root", "-crop", &crop, "+repage"])
        .arg(file)
        .status()
        .map_err(|e| format!("cannot run `import` (ImageMagick, package `imagemagick`): {e}"))?;
    if !status.success() {
        return Err(format!("`import` failed with {status}"));
    }
    Ok(crop)
}
