//! A virtual X display for headless runs: `widget-host test` starts Xvfb when there is no
//! display, and so does the bench; it is stopped when the run ends (also on a panic: on drop),
//! with SIGTERM so Xvfb removes its lock file and socket (a killed one leaves them, and every
//! run would use up a display number).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running Xvfb.
pub struct VirtualDisplay {
    child: Child,
    /// Its number, N of `:N`.
    pub number: u32,
    /// `:N`.
    pub name: String,
}

impl VirtualDisplay {
    /// Starts Xvfb on the first free display number from 90. Two runs at once may pick the
    /// same number: the display is ours only once its lock file holds our Xvfb's pid; the
    /// Xvfb that lost exits, and the next number is tried.
    pub fn start() -> Result<Self, String> {
        let mut from = 90;
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let n = (from..400)
                .find(|n| is_free(*n))
                .ok_or("no free X display number between :90 and :399")?;
            match Self::try_on(n, until)? {
                Some(display) => return Ok(display),
                None => from = n + 1,
            }
        }
    }

    /// Xvfb on `:n`: `None` when another server took that number first.
    fn try_on(n: u32, until: Instant) -> Result<Option<Self>, String> {
        let name = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([&name, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("there is no display and Xvfb cannot start ({e}): install the `xvfb` package, or run with DISPLAY set")
            })?;
        let mut display = VirtualDisplay {
            child,
            number: n,
            name,
        };
        let pid = display.child.id();
        let lock = format!("/tmp/.X{n}-lock");
        let socket = format!("/tmp/.X11-unix/X{n}");
        loop {
            if let Ok(Some(status)) = display.child.try_wait() {
                // Another server took the number: try the next. Else Xvfb itself failed.
                return if is_free(n) {
                    Err(format!("Xvfb {} exited at start ({status})", display.name))
                } else {
                    Ok(None)
                };
            }
            let owner = std::fs::read_to_string(&lock)
                .ok()
                .and_then(|t| t.trim().parse::<u32>().ok());
            if owner == Some(pid) && Path::new(&socket).exists() {
                return Ok(Some(display));
            }
            if Instant::now() >= until {
                return Err(format!("Xvfb {} did not start within 20 s", display.name));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// No running server holds display `n`: no lock file, or one whose server is gone (Xvfb takes
/// over a stale lock).
fn is_free(n: u32) -> bool {
    match std::fs::read_to_string(format!("/tmp/.X{n}-lock")) {
        Err(_) => !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists(),
        Ok(text) => text
            .trim()
            .parse::<u32>()
            .is_ok_and(|pid| !Path::new(&format!("/proc/{pid}")).exists()),
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill")
            .args(["-TERM", &pid])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let until = Instant::now() + Duration::from_secs(3);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
