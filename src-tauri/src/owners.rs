//! Whose an instance is: its widget and the card of its tab. Log rows name instances; a test
//! expectation or a recording reads them after the card may have ended and its instances gone,
//! so the session remembers the owners of instances that ended (the newest few thousand).

use std::collections::{BTreeMap, VecDeque};
use widget_host_core::ids::{InstanceId, InteractionId};

/// How many ended instances are remembered.
const REMEMBERED: usize = 4096;

/// An instance's widget and card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The widget's library id.
    pub widget: String,
    /// The card of its tab; `None` on Home and link views.
    pub interaction: Option<InteractionId>,
}

/// The owners of instances that have ended, oldest forgotten first.
#[derive(Default)]
pub struct Ended {
    by_instance: BTreeMap<InstanceId, Owner>,
    order: VecDeque<InstanceId>,
}

impl Ended {
    /// `instance` ended; it was `owner`'s.
    pub fn keep(&mut self, instance: InstanceId, owner: Owner) {
        if self.by_instance.insert(instance.clone(), owner).is_none() {
            self.order.push_back(instance);
        }
        while self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.by_instance.remove(&old);
            }
        }
    }

    /// Whose an ended instance was.
    pub fn get(&self, instance: &InstanceId) -> Option<&Owner> {
        self.by_instance.get(instance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_are_kept_and_the_oldest_forgotten() {
        let mut e = Ended::default();
        let id = |n: usize| InstanceId::parse(&format!("int-{n}-chat-greeter")).unwrap();
        for n in 0..REMEMBERED + 10 {
            e.keep(
                id(n),
                Owner {
                    widget: "greeter".into(),
                    interaction: Some(InteractionId::parse(&format!("int-{n}")).unwrap()),
                },
            );
        }
        assert!(e.get(&id(0)).is_none());
        assert_eq!(
            e.get(&id(REMEMBERED + 9))
                .unwrap()
                .interaction
                .as_ref()
                .unwrap()
                .as_str(),
            format!("int-{}", REMEMBERED + 9)
        );
        assert_eq!(e.order.len(), REMEMBERED);
    }
}
