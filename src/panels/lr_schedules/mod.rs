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
    watch: "the first steps of the loss chart: run A (no warm-up) jumps to about three times its starting loss while run B, still warming up, stays below its start. Then the end: after B's decay its loss ends well below A's.",
    test_query: "total=60&warmup=6",
};
