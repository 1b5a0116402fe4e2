//! Where the test and bench harness watches the app from inside. The app runs with
//! [`NoHooks`]; a harness run passes its own (see `harness/`), fixed when the app is built.

use widget_host_core::engine::ApiCall;
use widget_host_core::ids::InstanceId;

/// What a harness may observe. Every method does nothing unless a harness overrides it.
pub trait Hooks: Send + Sync + 'static {
    /// A Widget API call arrived from a page, before it is applied.
    fn call_arrived(&self, _instance: &InstanceId, _call: &ApiCall) {}
    /// Instances mounted again after their files changed, this long after the change.
    fn reloaded(&self, _instances: &[String], _after: std::time::Duration) {}
    /// The inspector was asked for on the webview `label`; `false` keeps it closed (a
    /// harness checks the call without opening a window).
    fn inspect(&self, _label: &str) -> bool {
        true
    }
}

/// The app's hooks: none.
pub struct NoHooks;

impl Hooks for NoHooks {}
