//! Concept 03, Adam and AdamW: the optimiser race on 2-D surfaces, Adam's internals, and coupled
//! against decoupled weight decay.

use crate::plot::picture::Picture;
pub mod decay;
#[cfg(target_arch = "wasm32")]
pub mod explain;
pub mod params;
pub mod race;
pub mod runs;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The panel, for the registry.
pub const PANEL: crate::kit::Panel = crate::panel! {
    params: params::AdamParams,
    view: view::AdamPanel,
    explanation: explain::AdamExplanation,
    series: &[
        "loss_sgd",
        "loss_adam",
        "loss_adamw",
        "x_adam",
        "y_adam",
        "alive_adam",
        "adam_m_hat",
        "adam_v_hat",
        "decay_loss_adam_l2",
        "decay_loss_adamw",
        "weight_norm_adam_l2",
        "weight_norm_adamw",
    ],
    watch: "on the narrow valley SGD crawls along the floor while Adam moves at about η a step in both directions; lower down, AdamW's weights grow and its loss falls, while Adam + L2 keeps its weights small and its loss high.",
    picture: picture,
    test_query: "steps=40",
};

/// Gradient descent zigzagging down a narrow valley f = (x² + 25y²)/2, beside sign-sized steps
/// (Adam's early behaviour: about η per coordinate), over two of the valley's contours.
fn picture() -> Picture {
    let walk = |step: &dyn Fn(f64, f64) -> (f64, f64)| {
        let mut p = (-1.0, 0.3);
        let mut path = vec![p];
        for _ in 0..14 {
            p = step(p.0, p.1);
            path.push(p);
        }
        path
    };
    let gd = walk(&|x, y| (x - 0.075 * x, y - 0.075 * 25.0 * y));
    let sign =
        walk(&|x: f64, y: f64| (x - 0.07 * x.signum(), y - 0.07 * y.signum() * f64::from(u8::from(y.abs() > 0.035))));
    let ellipse = |r: f64| {
        let ts = (0..=48).map(|i| std::f64::consts::TAU * f64::from(i) / 48.0);
        ts.map(|t| (r * t.cos(), r * t.sin() / 5.0)).collect()
    };
    Picture {
        lines: vec![(6, ellipse(0.55)), (6, ellipse(1.1)), (4, gd), (0, sign)],
        dots: Vec::new(),
        alt: "Gradient descent zigzagging down a narrow valley beside Adam-like steps of equal size",
        same_scale: true,
    }
}
