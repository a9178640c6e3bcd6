//! Concept 12, scaling laws: a live sweep of character language models over five or more sizes
//! and several compute budgets, with the loss-against-compute frontier, iso-FLOP profiles, a
//! parametric fit L(N, D) = E + A/N^α + B/D^β made in the page with its bootstrap, and a
//! calculator on Chinchilla's published fit beside the reader's own.

use crate::plot::picture::Picture;
pub mod analysis;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod fit;
pub mod grid;
pub mod lane;
pub mod params;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::ScalingParams,
    view: view::ScalingPanel,
    explanation: explain::ScalingExplanation,
    series: &["final_loss", "fit_alpha", "fit_beta", "fit_e"],
    watch: "the iso-FLOP profiles: at each compute budget the loss is lowest at a middle size, and that minimum moves to bigger models as the budget grows; the N_opt chart puts those minima on a power law in compute.",
    picture: picture,
    test_query: "sizes=3&budgets=2&flops=7.6",
    derive: analysis::DERIVE,
};

/// Chinchilla's law along three model sizes, against compute (each at D = C / 6N).
fn picture() -> Picture {
    use fit::CHINCHILLA as L;
    let curve = |n: f64| {
        (0..=40)
            .map(|i| {
                let c = 10f64.powf(18.0 + i as f64 * 0.15);
                (c.log10(), L.loss(n, c / (6.0 * n)))
            })
            .collect()
    };
    Picture {
        lines: vec![(0, curve(1e8)), (1, curve(1e9)), (2, curve(1e10))],
        dots: Vec::new(),
        alt: "Loss against compute for three model sizes on Chinchilla's fitted law: each bends flat where a bigger model overtakes it",
        same_scale: true,
    }
}
