//! Concept 15, model collapse: each generation trains only (or mostly) on samples drawn from the
//! generation before, and the rare parts of the distribution disappear. Two views: a 1-D Gaussian
//! mixture fitted by gradient descent, and a character language model retrained on its own text.

use crate::plot::picture::{self, Picture};
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod gmm;
pub mod mixture;
pub mod params;
pub mod pool;
#[cfg(target_arch = "wasm32")]
pub mod ridgeline;
pub mod runs;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::CollapseParams,
    view: view::CollapsePanel,
    explanation: explain::CollapseExplanation,
    series: &["fit_nll", "sigma", "tail_mass", "lm_loss", "perplexity", "distinct_4grams"],
    watch: "under \"replace\" the ridgeline's rare right-hand mode fades generation by generation, and σ and the tail mass fall below their dashed real values.",
    picture: picture,
    test_query: "gens=2&fit_steps=10&text_gens=2&text_steps=20&chars=500&n=20",
};

/// The real mixture's density, rare mode on the right, over the 50 points generation 0 learns from.
fn picture() -> Picture {
    let real = mixture::Mixture::real();
    let xs = real.sample_stratified(50, &mut crate::engine::rng::Rng::new(0));
    Picture {
        lines: vec![(0, picture::curve(-4.0, 7.5, 80, |x| real.density(x)))],
        dots: xs.into_iter().map(|x| (x, -0.02, 1)).collect(),
        alt: "The real mixture's density with its rare mode on the right, and generation 0's 50 real points",
        same_scale: false,
    }
}
