//! Concept 11, curriculum learning: a perceptron learns to add numbers of 1 to 4 digits, fed in
//! four orders at equal compute (random, easy to hard, hard to easy, self-paced), three seeds
//! each, with a budget and label noise to find where order matters and where it does not.

use crate::plot::picture::Picture;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod pacing;
pub mod params;
pub mod race;
pub mod runs;
pub mod task;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::CurriculumParams,
    view: view::CurriculumPanel,
    explanation: explain::CurriculumExplanation,
    series: &[
        "test_acc_random", "test_acc_easy_to_hard", "test_acc_hard_to_easy", "test_acc_self_paced",
        "batch_difficulty_random", "batch_difficulty_easy_to_hard", "batch_difficulty_hard_to_easy",
        "batch_difficulty_self_paced",
    ],
    watch: "the accuracy chart halfway through, where easy to hard and self-paced lead random order by about twice; then the end, where random has nearly caught up; then the budget slider: with steps to spare the lead is gone.",
    picture: picture,
    test_query: "steps=20",
};

/// The three pacing functions' competence over a ramp.
fn picture() -> Picture {
    use pacing::{competence, Pacing};
    let curve = |p| (0..=60u64).map(|t| (t as f64 / 60.0, competence(p, t, 50, task::DIGITS))).collect();
    Picture {
        lines: vec![(0, curve(Pacing::Linear)), (1, curve(Pacing::Sqrt)), (2, curve(Pacing::Step))],
        dots: Vec::new(),
        alt: "Three pacing functions: the share of the training set a curriculum may draw from, rising to all of it",
        same_scale: true,
    }
}
