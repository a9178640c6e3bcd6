//! Concept 04, learning-rate schedules: two runs of the same model under two schedules.

use crate::plot::picture::Picture;
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
    picture: picture,
    test_query: "total=60&warmup=6",
};

/// Two of the panel's schedules, from their formulas: warm-up then WSD, and warm-up then cosine.
fn picture() -> Picture {
    use crate::engine::schedule::{Kind, Schedule};
    let lr = |kind| {
        let s = Schedule { kind, peak: 1.0, warmup: 10, total: 100, min_ratio: 0.05 };
        (0..100).map(|t| (t as f64, s.lr(t))).collect()
    };
    Picture {
        lines: vec![(0, lr(Kind::Wsd)), (1, lr(Kind::WarmupCosine))],
        dots: Vec::new(),
        alt: "Two learning-rate schedules: warm-up, stable, decay; and warm-up then cosine",
        same_scale: false,
    }
}
