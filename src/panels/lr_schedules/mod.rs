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
    watch: "the two loss curves in the first steps, while run B is still warming up, and again at the end, after B's decay.",
    test_query: "total=60&warmup=6",
};
