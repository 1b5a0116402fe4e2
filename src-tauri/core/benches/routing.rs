//! Routing and dispatch throughput of the engine alone, with 32 widget instances attached.
//!
//! Each case is one engine operation per iteration; the group's throughput is the number of
//! deliveries that operation produces, so criterion reports deliveries per second. The target
//! is more than 1,000,000 deliveries per second in every case. Building the action or call
//! (a clone of a prepared one) and dropping the deliveries are part of the measured work.
//!
//! `cargo bench -p widget-host-core --bench routing`; results under
//! `target/criterion/core_32_instances/<case>/new/`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use std::hint::black_box;
use widget_host_core::actions::FireTarget;
use widget_host_core::engine::{Action, ApiCall, Engine, InstanceBinding};
use widget_host_core::event::EventName;
use widget_host_core::event::Kind;
use widget_host_core::ids::{InstanceId, InteractionId, WidgetId};

const INSTANCES: usize = 32;

fn instance(n: usize) -> InstanceId {
    InstanceId::parse(&format!("w-{n:02}")).expect("instance id")
}

fn interaction(n: usize) -> InteractionId {
    InteractionId::parse(&format!("int-{n}")).expect("interaction id")
}

/// Attaches an instance of one of four widgets, subscribed to every event of the catalogue (the
/// largest subscription set, so lookups are not flattered).
fn attach(e: &mut Engine, n: usize, bound_to: Option<InteractionId>) {
    let widget = WidgetId::parse(&format!("widget-{}", n % 4)).expect("widget id");
    e.attach_instance(
        instance(n),
        InstanceBinding {
            widget,
            interaction: bound_to,
        },
    );
    for k in Kind::ALL {
        e.subscribe(&instance(n), EventName::of(*k))
            .expect("attached");
    }
}

/// 32 instances on Home and sidebar views, no work cards.
fn home_desk() -> Engine {
    let mut e = Engine::new();
    for n in 0..INSTANCES {
        attach(&mut e, n, None);
    }
    e
}

/// Four accepted chats; 8 instances on Home, 6 on each chat's tab.
fn busy_desk() -> Engine {
    let mut e = Engine::new();
    for c in 1..=4 {
        let created = e.apply(Action::CreateInteraction(
            serde_json::from_value(
                json!({"channel": "WEBCHAT", "customerName": format!("Customer {c}")}),
            )
            .expect("new interaction"),
        ));
        created.expect("created");
        e.apply(Action::Accept {
            interaction: interaction(c),
        })
        .expect("accepted");
    }
    for n in 0..INSTANCES {
        let bound = (n >= 8).then(|| interaction((n - 8) / 6 + 1));
        attach(&mut e, n, bound);
    }
    e
}

fn navigation() -> Value {
    json!({"view": "dashboard", "id": "dashboard", "name": "Dashboard"})
}

fn fire(event: &str, payload: Value, target: FireTarget) -> Action {
    Action::FireEvent {
        event: widget_host_core::event::Kind::from_name(event).expect("a catalogue event"),
        payload,
        target,
    }
}

fn call(method: &str, args: Vec<Value>) -> ApiCall {
    ApiCall {
        method: method.into(),
        args,
        interaction: None,
    }
}

fn routing(c: &mut Criterion) {
    let mut group = c.benchmark_group("core_32_instances");

    // The event composer fires a global event: every instance subscribed to it receives it.
    let mut engine = home_desk();
    let global = fire("onNavigationEvent", navigation(), FireTarget::All);
    let n = engine
        .apply(global.clone())
        .expect("fired")
        .deliveries
        .len();
    assert_eq!(n, INSTANCES, "a global event reaches every instance");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("fire_global", |b| {
        b.iter(|| black_box(engine.apply(black_box(global.clone())).expect("fired")))
    });

    // The same engine, the event aimed at one instance.
    let one = fire(
        "onNavigationEvent",
        navigation(),
        FireTarget::Instance {
            instance: instance(17),
        },
    );
    let n = engine.apply(one.clone()).expect("fired").deliveries.len();
    assert_eq!(n, 1, "a targeted event reaches its instance only");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("fire_one", |b| {
        b.iter(|| black_box(engine.apply(black_box(one.clone())).expect("fired")))
    });

    // A widget broadcasts to every other widget (onMessageEvent).
    let sender = instance(0);
    let broadcast = call(
        "sendMessageToAnyWidget",
        vec![json!({"eventType": "REFRESH", "data": {"customer": "Ana", "score": 42}})],
    );
    let n = engine
        .call(&sender, broadcast.clone())
        .expect("sent")
        .deliveries
        .len();
    assert_eq!(
        n,
        INSTANCES - 1,
        "every instance but the sender receives the message"
    );
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("widget_call", |b| {
        b.iter(|| {
            black_box(
                engine
                    .call(&sender, black_box(broadcast.clone()))
                    .expect("sent"),
            )
        })
    });

    // Four live chats with their tabs: per iteration a CRM record for one chat (its 6 tab
    // instances), a widget message within another chat's tab (5: not the sender), and a global
    // navigation (all 32).
    let mut engine = busy_desk();
    let crm = fire(
        "onCRMDataEvent",
        json!({"accountId": "A-100", "tier": "gold"}),
        FireTarget::Interaction {
            interaction: interaction(2),
        },
    );
    let tab_sender = instance(20); // on int-3's tab
    let local = call(
        "sendMessage",
        vec![json!({"eventType": "SELECTED", "row": 3})],
    );
    let mixed = |e: &mut Engine| {
        let a = e
            .apply(black_box(crm.clone()))
            .expect("crm")
            .deliveries
            .len();
        let b = e
            .call(&tab_sender, black_box(local.clone()))
            .expect("message")
            .deliveries
            .len();
        let c = e
            .apply(black_box(global.clone()))
            .expect("navigation")
            .deliveries
            .len();
        (a, b, c)
    };
    let (a, b, c) = mixed(&mut engine);
    assert_eq!(
        (a, b, c),
        (6, 5, INSTANCES),
        "interaction scope and context decide who receives what"
    );
    group.throughput(Throughput::Elements((a + b + c) as u64));
    group.bench_function("mixed", |bench| {
        bench.iter(|| black_box(mixed(&mut engine)))
    });

    group.finish();
}

criterion_group!(benches, routing);
criterion_main!(benches);
