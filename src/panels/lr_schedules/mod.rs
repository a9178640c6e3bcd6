//! Concept 04, learning-rate schedules: two runs of the same model under two schedules.

pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::kit::Panel {
    jobs: runs::jobs,
    round_trip: crate::kit::round_trip::<params::ScheduleParams>,
    series: &["loss_a", "lr_a", "loss_b", "lr_b"],
    test_query: "total=60&warmup=6",
    #[cfg(target_arch = "wasm32")]
    view: || {
        use leptos::prelude::*;
        view! { <view::ScheduleRaceView /> }.into_any()
    },
    #[cfg(target_arch = "wasm32")]
    explanation: || {
        use leptos::prelude::*;
        view! { <explain::ScheduleExplanation /> }.into_any()
    },
};
