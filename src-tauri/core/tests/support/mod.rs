//! Helpers shared by the engine's integration tests: typed ids, instances, actions from JSON.
#![allow(dead_code)] // each test crate uses a different part

use serde_json::Value;
use widget_host_core::engine::{Action, ApiCall, CallOutcome, Delivery, Engine, InstanceBinding};
use widget_host_core::error::CoreError;
use widget_host_core::event::EventName;
use widget_host_core::event::Kind;
use widget_host_core::ids::{InstanceId, InteractionId, WidgetId};

pub fn iid(s: &str) -> InstanceId {
    InstanceId::parse(s).expect("test instance id")
}

pub fn int(s: &str) -> InteractionId {
    InteractionId::parse(s).expect("test interaction id")
}

/// Attaches `instance` of widget `widget`, bound to `interaction`, subscribed to every event.
pub fn attach_all(e: &mut Engine, instance: &str, widget: &str, interaction: Option<&str>) {
    e.attach_instance(
        iid(instance),
        InstanceBinding {
            widget: WidgetId::parse(widget).expect("test widget id"),
            interaction: interaction.map(int),
        },
    );
    for k in Kind::ALL {
        e.subscribe(&iid(instance), EventName::of(*k))
            .expect("attached");
    }
}

/// An action from the JSON the control panel sends.
pub fn action(v: Value) -> Action {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

/// Applies a JSON action that must succeed.
pub fn apply(e: &mut Engine, v: Value) -> Vec<Delivery> {
    e.apply(action(v.clone()))
        .unwrap_or_else(|err| panic!("{v}: {err}"))
        .deliveries
}

/// A widget API call from `instance`.
pub fn call(
    e: &mut Engine,
    instance: &str,
    method: &str,
    args: Vec<Value>,
) -> Result<CallOutcome, CoreError> {
    e.call(
        &iid(instance),
        ApiCall {
            method: method.into(),
            args,
            interaction: None,
        },
    )
}

/// The instances that received event `name`, in order.
pub fn receivers(ds: &[Delivery], name: &str) -> Vec<String> {
    ds.iter()
        .filter(|d| d.name == name)
        .map(|d| d.instance.to_string())
        .collect()
}

/// A comparable snapshot of everything a widget or the host can see of the model.
pub fn snapshot(e: &Engine) -> Value {
    serde_json::json!({
        "mirror": serde_json::to_value(e.mirror()).expect("mirror serialises"),
        "view": serde_json::to_value(e.view()).expect("view serialises"),
        "focused": e.focused().map(|f| f.to_string()),
        "now": e.now_ms(),
        "cards": e.custom_cards().len(),
        "panels": e.panels().len(),
        "services": e.services().clone(),
        "menu": e.menu_items().clone(),
        "overrides": e.overrides().iter().cloned().collect::<Vec<_>>(),
        "revision": e.revision(),
    })
}
