//! Concept 04, learning-rate schedules: two runs of the same model under two schedules.

pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::ScheduleParams,
    view: view::ScheduleRaceView,
    explanation: explain::ScheduleExplanation,
    series: &["loss_a", "lr_a", "loss_b", "lr_b"],
    watch: "run A, with no warm-up, throws its loss up more than tenfold in its first steps and never recovers, while run B warms up and trains smoothly to a far lower loss.",
    test_query: "total=60&warmup=6",
};
