//! A virtual X display for headless runs: `widget-host test` starts Xvfb when there is no
//! display, and stops it when the run ends (also on a panic: it is stopped on drop).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running Xvfb.
pub struct VirtualDisplay {
    child: Child,
    /// `:N`.
    pub name: String,
}

impl VirtualDisplay {
    /// Starts Xvfb on the first free display number from 90.
    pub fn start() -> Result<Self, String> {
        let n = (90..400)
            .find(|n| {
                !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                    && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            })
            .ok_or("no free X display number between :90 and :399")?;
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
        let mut display = VirtualDisplay { child, name };
        let socket = format!("/tmp/.X11-unix/X{n}");
        let until = Instant::now() + Duration::from_secs(10);
        while !Path::new(&socket).exists() {
            if let Ok(Some(status)) = display.child.try_wait() {
                return Err(format!("Xvfb {} exited at start ({status})", display.name));
            }
            if Instant::now() >= until {
                return Err(format!("Xvfb {} did not start within 10 s", display.name));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(display)
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
