//! Widget instances on interaction tabs: one per live interaction, tab and widget of the
//! layout. They come and go with the work cards.

use crate::owners::Owner;
use serde::Serialize;
use std::collections::BTreeMap;
use widget_host_core::ids::{InstanceId, InteractionId};
use widget_host_core::views::{InteractionTab, Size};

/// A widget instance on an interaction tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TabMount {
    /// Library id of the widget.
    pub widget: String,
    /// The interaction.
    pub interaction: InteractionId,
    /// The tab id.
    pub tab: String,
    /// Its size on the tab.
    #[serde(flatten)]
    pub size: Size,
}

impl TabMount {
    /// Whose the instance is.
    pub fn owner(&self) -> Owner {
        Owner {
            widget: self.widget.clone(),
            interaction: Some(self.interaction.clone()),
        }
    }
}

/// The tab instances the live interactions should have.
pub fn wanted(live: &[InteractionId], tabs: &[InteractionTab]) -> BTreeMap<InstanceId, TabMount> {
    let mut wanted = BTreeMap::new();
    for interaction in live {
        for tab in tabs {
            for placed in &tab.widgets {
                let id = tab.instance(interaction.as_str(), &placed.widget);
                // Tab and widget ids are labels, so the instance id is one too; a layout that
                // made one too long is reported when it is applied, not here.
                let Ok(id) = InstanceId::parse(&id) else {
                    continue;
                };
                wanted.insert(
                    id,
                    TabMount {
                        widget: placed.widget.clone(),
                        interaction: interaction.clone(),
                        tab: tab.id.clone(),
                        size: placed.size,
                    },
                );
            }
        }
    }
    wanted
}

/// Makes `mounts` exactly `wanted`: missing ones are added, and those that no longer fit are
/// forgotten at once (so a change during their unmount grace period does not unmount them
/// twice) and returned, in order, for unmounting.
pub fn reconcile(
    mounts: &mut BTreeMap<InstanceId, TabMount>,
    wanted: BTreeMap<InstanceId, TabMount>,
) -> Vec<(InstanceId, TabMount)> {
    let gone: Vec<InstanceId> = mounts
        .keys()
        .filter(|k| !wanted.contains_key(*k))
        .cloned()
        .collect();
    let removed = gone
        .into_iter()
        .filter_map(|k| mounts.remove(&k).map(|m| (k, m)))
        .collect();
    for (instance, mount) in wanted {
        mounts.entry(instance).or_insert(mount);
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(id: &str, widgets: &[&str]) -> InteractionTab {
        InteractionTab {
            id: id.into(),
            name: id.into(),
            widgets: widgets
                .iter()
                .map(|w| widget_host_core::views::Placed {
                    widget: w.to_string(),
                    size: Size::default(),
                })
                .collect(),
        }
    }

    #[test]
    fn each_interaction_gets_each_tab_widget_once_and_loses_them_when_it_leaves() {
        let tabs = [tab("details", &["crm", "notes"]), tab("more", &["crm"])];
        let int = |s: &str| InteractionId::parse(s).unwrap();
        let mut mounts = BTreeMap::new();
        let gone = reconcile(&mut mounts, wanted(&[int("int-1"), int("int-2")], &tabs));
        assert!(gone.is_empty());
        assert_eq!(mounts.len(), 6);
        assert_eq!(
            mounts[&InstanceId::parse("int-1-more-crm").unwrap()].tab,
            "more"
        );
        let gone = reconcile(&mut mounts, wanted(&[int("int-2")], &tabs));
        assert!(gone
            .iter()
            .all(|(_, m)| m.owner().interaction == Some(int("int-1"))));
        let gone: Vec<&str> = gone.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            gone,
            ["int-1-details-crm", "int-1-details-notes", "int-1-more-crm"]
        );
        assert_eq!(mounts.len(), 3);
        assert!(
            reconcile(&mut mounts, wanted(&[int("int-2")], &tabs)).is_empty(),
            "nothing twice"
        );
    }
}
