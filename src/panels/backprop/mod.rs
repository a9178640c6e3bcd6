//! Concept 02, backpropagation and gradient descent: parameters, the training run, and the view.

use crate::plot::picture::Picture;
pub mod experiment;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

pub use experiment::BackpropExperiment;
pub use params::BackpropParams;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::BackpropParams,
    view: view::BackpropPanel,
    explanation: explain::BackpropExplanation,
    series: &["train_loss", "train_acc", "grad_norm_layer_0", "grad_norm_layer_1", "grad_norm_layer_2"],
    watch: "the decision boundary bending to follow the spiral as the training loss falls, and the gradient-norm chart showing how hard each layer is being pushed.",
    picture: picture,
    test_query: "steps=40",
};

/// The spiral the network learns to separate.
fn picture() -> Picture {
    let points = crate::engine::data::toy2d::generate(crate::engine::data::toy2d::Shape::Spiral, 160, 0.03, 1);
    let dots =
        points.xs.iter().zip(&points.ys).map(|(p, &c)| (f64::from(p[0]), f64::from(p[1]), usize::from(c))).collect();
    Picture {
        lines: Vec::new(),
        dots,
        alt: "The two-arm spiral whose classes the network learns to separate",
        same_scale: true,
    }
}
