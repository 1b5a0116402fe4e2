//! A widget's own dev server (`override_url`): before its page loads a bundle from there, the
//! host asks the server itself, so that what can go wrong is said plainly, naming the URL: the
//! server is down, it answers 404 or 500, or its certificate is refused (host and reason).
//!
//! Certificates: a server on a **loopback** host (`localhost`, `127.0.0.1`, `[::1]`, any port)
//! is the developer's own, often with a self-signed certificate or one from an untrusted local
//! CA, as in Avaya's nginx set-up on `https://localhost:8443/`. Its certificate is accepted, as
//! the developer's browser would after they accepted it once, and the host says so once per
//! origin. Any other host is checked against the system's trusted roots, as WebKit checks it.

use crate::locks::lock;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;
use tauri::Url;
use widget_host_core::ids::InstanceId;

/// What the host remembers of dev servers: the origins whose certificate it accepted, and the
/// pages waiting for theirs.
#[derive(Default)]
pub struct DevServers {
    inner: Mutex<Remembered>,
}

#[derive(Default)]
struct Remembered {
    accepted: BTreeSet<String>,
    waiting: BTreeSet<InstanceId>,
}

impl DevServers {
    /// The certificate of `origin` is accepted; whether that is new (the log says it once).
    pub fn accepted(&self, origin: &str) -> bool {
        lock(&self.inner).accepted.insert(origin.to_string())
    }

    /// The page waits for its server; whether it was not waiting already.
    pub fn wait(&self, page: &InstanceId) -> bool {
        lock(&self.inner).waiting.insert(page.clone())
    }

    /// The page waits no more.
    pub fn done_waiting(&self, page: &InstanceId) {
        lock(&self.inner).waiting.remove(page);
    }
}

/// How long the host waits for a dev server to connect and answer.
const TIMEOUT: Duration = Duration::from_secs(3);

/// What asking a dev server for a bundle found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// It answered 2xx or 3xx. For an HTTPS loopback server, its certificate (DER), to accept.
    Up {
        /// The leaf certificate of a loopback HTTPS server.
        certificate: Option<Vec<u8>>,
    },
    /// It did not answer (down, refused, timed out).
    Down(String),
    /// It answered with an error status.
    Status(u16),
    /// Its certificate is refused (not a loopback host).
    Certificate(String),
}

impl Probe {
    /// What to tell the developer, naming the URL; `None` when the server is up.
    pub fn problem(&self, url: &Url) -> Option<String> {
        match self {
            Probe::Up { .. } => None,
            Probe::Down(why) => Some(format!("the dev server for {url} does not answer ({why}); the widget loads when it is up")),
            Probe::Status(code) => Some(format!("the dev server answered {code} for {url}; the widget loads when it answers 200")),
            Probe::Certificate(why) => Some(format!(
                "the certificate of {} is refused: {why} (only loopback dev servers may use a self-signed one)",
                url.host_str().unwrap_or("?")
            )),
        }
    }
}

/// Whether a host is this machine: its dev server may use any certificate.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.to_ascii_lowercase().ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Asks the server at `url` for it (`GET`, the status line is all that is read).
pub fn probe(url: &Url) -> Probe {
    let Some(host) = url.host_str() else {
        return Probe::Down("the URL has no host".into());
    };
    let port = url.port_or_known_default().unwrap_or(80);
    let addr = match (host.trim_start_matches('[').trim_end_matches(']'), port)
        .to_socket_addrs()
        .map(|mut a| a.next())
    {
        Ok(Some(a)) => a,
        Ok(None) | Err(_) => return Probe::Down(format!("`{host}` cannot be resolved")),
    };
    probe_at(url, addr)
}

/// The same, connecting to `addr` whatever the URL's host resolves to.
fn probe_at(url: &Url, addr: std::net::SocketAddr) -> Probe {
    let host = url.host_str().unwrap_or_default();
    let tcp = match TcpStream::connect_timeout(&addr, TIMEOUT) {
        Ok(s) => s,
        Err(e) => return Probe::Down(e.to_string()),
    };
    let _ = tcp.set_read_timeout(Some(TIMEOUT));
    let _ = tcp.set_write_timeout(Some(TIMEOUT));
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: widget-host\r\nConnection: close\r\n\r\n",
        url.authority()
    );
    match url.scheme() {
        "https" => https(tcp, host, &request),
        _ => status(tcp, &request, None),
    }
}

fn https(tcp: TcpStream, host: &str, request: &str) -> Probe {
    let loopback = is_loopback(host);
    let config = match client_config(loopback) {
        Ok(c) => c,
        Err(e) => return Probe::Certificate(e),
    };
    let name = match rustls::pki_types::ServerName::try_from(
        host.trim_start_matches('[')
            .trim_end_matches(']')
            .to_string(),
    ) {
        Ok(n) => n,
        Err(e) => return Probe::Down(format!("`{host}`: {e}")),
    };
    let conn = match rustls::ClientConnection::new(Arc::new(config), name) {
        Ok(c) => c,
        Err(e) => return Probe::Down(e.to_string()),
    };
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    if let Err(e) = tls.conn.complete_io(&mut tls.sock) {
        return match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            Some(rustls::Error::InvalidCertificate(why)) => {
                Probe::Certificate(certificate_reason(why))
            }
            _ => Probe::Down(e.to_string()),
        };
    }
    let certificate = loopback
        .then(|| {
            tls.conn
                .peer_certificates()
                .and_then(|c| c.first())
                .map(|c| c.to_vec())
        })
        .flatten();
    status(tls, request, certificate)
}

fn status<S: Read + Write>(mut stream: S, request: &str, certificate: Option<Vec<u8>>) -> Probe {
    if let Err(e) = stream.write_all(request.as_bytes()) {
        return Probe::Down(e.to_string());
    }
    let mut head = [0u8; 64];
    let mut got = 0;
    while got < 12 {
        match stream.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Probe::Down(e.to_string()),
        }
    }
    let line = String::from_utf8_lossy(&head[..got]);
    match line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
    {
        Some(code) if code < 400 => Probe::Up { certificate },
        Some(code) => Probe::Status(code),
        None => Probe::Down("it did not answer HTTP".into()),
    }
}

fn certificate_reason(e: &rustls::CertificateError) -> String {
    use rustls::CertificateError::*;
    match e {
        UnknownIssuer => {
            "it is not issued by a trusted authority (self-signed, or a private CA)".into()
        }
        NotValidForName | NotValidForNameContext { .. } => {
            "it is not issued for this host name".into()
        }
        Expired | ExpiredContext { .. } => "it has expired".into(),
        NotValidYet | NotValidYetContext { .. } => "it is not valid yet".into(),
        Revoked => "it was revoked".into(),
        BadSignature => "its signature is wrong".into(),
        // webpki's name for a self-signed certificate (its own CA) presented by a server.
        other if format!("{other:?}").contains("CaUsedAsEndEntity") => {
            "it is self-signed: not issued by a trusted authority".into()
        }
        other => format!("it is not trusted ({other:?})"),
    }
}

fn client_config(loopback: bool) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    if loopback {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth());
    }
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// Accepts any certificate: for loopback dev servers only (see the module header). The
/// handshake's signatures are still checked, so it is the server's own certificate.
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &[rustls::pki_types::CertificateDer<'_>],
        _: &rustls::pki_types::ServerName<'_>,
        _: &[u8],
        _: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// A certificate as PEM, as WebKit takes it.
pub fn pem(der: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::new();
    for chunk in der.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                b64.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                b64.push('=');
            }
        }
    }
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_this_machine_and_no_other_is() {
        for h in [
            "localhost",
            "LOCALHOST",
            "app.localhost",
            "127.0.0.1",
            "127.1.2.3",
            "[::1]",
            "::1",
        ] {
            assert!(is_loopback(h), "{h}");
        }
        for h in [
            "localhost.example.com",
            "example.com",
            "10.0.0.1",
            "192.168.1.2",
            "[::2]",
            "evil-localhost",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
    }

    #[test]
    fn a_stopped_server_is_down_and_named() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = Url::parse(&format!("https://localhost:{port}/w.js")).unwrap();
        let p = probe(&url);
        assert!(matches!(p, Probe::Down(_)), "{p:?}");
        assert!(p
            .problem(&url)
            .unwrap()
            .contains(&format!("https://localhost:{port}/w.js")));
    }

    /// An HTTPS server on loopback with a self-signed certificate for `localhost` (made with
    /// openssl), serving `dir` (Python's http.server); its port.
    fn https_server(dir: &std::path::Path) -> (std::process::Child, u16) {
        let ok = std::process::Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
            ])
            .args([
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
            ])
            .current_dir(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("openssl (make test installs it)");
        assert!(ok.success());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let serve = format!(
            "import http.server, ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\nctx.load_cert_chain('cert.pem', 'key.pem')\ns = http.server.HTTPServer(('127.0.0.1', {port}), http.server.SimpleHTTPRequestHandler)\ns.socket = ctx.wrap_socket(s.socket, server_side=True)\ns.serve_forever()"
        );
        let child = std::process::Command::new("python3")
            .args(["-c", &serve])
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3");
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        (child, port)
    }

    #[test]
    fn a_self_signed_loopback_server_is_accepted_and_any_other_host_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("w.js"), "// a bundle").unwrap();
        let (mut server, port) = https_server(dir.path());
        let url =
            |host: &str, file: &str| Url::parse(&format!("https://{host}:{port}/{file}")).unwrap();
        let up = probe(&url("localhost", "w.js"));
        assert!(
            matches!(&up, Probe::Up { certificate: Some(der) } if !der.is_empty()),
            "{up:?}"
        );
        assert_eq!(probe(&url("localhost", "nope.js")), Probe::Status(404));
        // The same server under a name that is not loopback: its certificate is checked, and
        // refused with the reason.
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let other = url("dev.example.test", "w.js");
        let refused = probe_at(&other, addr);
        assert!(
            matches!(&refused, Probe::Certificate(why) if why.contains("trusted authority") || why.contains("host name")),
            "{refused:?}"
        );
        let said = refused.problem(&other).unwrap();
        assert!(
            said.contains("dev.example.test") && said.contains("refused"),
            "{said}"
        );
        let _ = server.kill();
        let _ = server.wait();
    }

    #[test]
    fn pem_is_base64_in_lines() {
        let p =
            pem(b"any bytes at all, long enough to need more than one line of base64 text here");
        assert!(
            p.starts_with("-----BEGIN CERTIFICATE-----\nYW55IGJ5dGVz"),
            "{p}"
        );
        assert!(p.lines().all(|l| l.len() <= 64));
        assert_eq!(pem(b"ab").lines().nth(1), Some("YWI="));
    }
}
