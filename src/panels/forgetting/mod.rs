//! Concept 16, catastrophic forgetting: a network trained on task A and then on task B loses A,
//! unless something holds it back. Five ways of learning B from the same network side by side:
//! plain fine-tuning, replay, elastic weight consolidation, L2 towards the old weights, and a
//! lower learning rate; on a visual pair of 2-D tasks and on a language pair (a character model
//! moved from *Moby-Dick* to State of the Union addresses).

use crate::plot::picture::Picture;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod pair;
pub mod params;
pub mod run;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::ForgetParams,
    view: view::ForgetPanel,
    explanation: explain::ForgetExplanation,
    series: &[
        "acc_a_finetune", "acc_b_finetune", "acc_a_replay", "acc_b_replay", "acc_a_ewc", "acc_b_ewc",
        "acc_a_l2", "acc_b_l2", "acc_a_low_lr", "acc_b_low_lr", "loss_a_finetune", "loss_b_finetune",
    ],
    watch: "the first chart: under plain fine-tuning task A's accuracy falls from near 1 towards 0 within a few dozen steps of training on B, while replay and EWC hold it up and still learn B.",
    picture: picture,
    test_query: "steps_a=40&steps_b=20&text_a=20&text_b=10&sweep=false",
};

/// Task A's points on the left, task B's on the right, their classes split by the mirrored rule.
fn picture() -> Picture {
    let dots =
        pair::task_points(1).into_iter().step_by(4).map(|(x, y, c)| (f64::from(x), f64::from(y), c as usize)).collect();
    Picture {
        lines: Vec::new(),
        dots,
        alt: "Two tasks side by side: on the left class 1 lies above the axis, on the right below it",
        same_scale: true,
    }
}
