//! Certificates WebKit accepts for a host, as a browser does once its user accepted one.

use tauri::{Runtime, Webview};

/// Has the web context of `w` (shared by every widget page) accept the certificate `pem` for
/// `host`. Blocks until the main thread did it, so call it from a worker thread only.
pub fn accept<R: Runtime>(w: &Webview<R>, host: &str, pem: &str) -> Result<(), String> {
    #[cfg(target_os = "linux")]
    {
        let (tx, rx) = std::sync::mpsc::channel();
        let (host, pem) = (host.to_string(), pem.to_string());
        w.with_webview(move |pw| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            let done = match (
                gtk::gio::TlsCertificate::from_pem(&pem),
                pw.inner().context(),
            ) {
                (Ok(cert), Some(context)) => {
                    context.allow_tls_certificate_for_host(&cert, &host);
                    Ok(())
                }
                (Err(e), _) => Err(format!("the certificate cannot be read: {e}")),
                (_, None) => Err("the page has no web context".to_string()),
            };
            let _ = tx.send(done);
        })
        .map_err(|e| e.to_string())?;
        rx.recv_timeout(std::time::Duration::from_secs(5))
            .map_err(|_| "the main thread did not answer".to_string())?
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (w, host, pem);
        Err("accepting a dev server's own certificate is done on Linux only".into())
    }
}
