//! Two-parameter loss surfaces for watching optimisers move, and the two-parameter "model" they
//! move. Each surface is written twice, as tensor ops (so Burn's autodiff gives the gradient that
//! Burn's optimisers use) and as plain `f64` (for drawing the grid); tests check the two agree and
//! that the gradient matches finite differences.

use burn::module::Param;
use burn::prelude::*;

/// A 2-D loss surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    /// ½(x² + κ y²) with κ = 20: a long narrow valley, the classic case for momentum and Adam.
    IllConditioned,
    /// Rosenbrock: (1 − x)² + 100 (y − x²)², minimum at (1, 1) in a curved valley.
    Rosenbrock,
    /// x² − y² (+ a quartic wall so it stays bounded): a saddle at the origin.
    Saddle,
    /// Several local minima: ⅛(x² + y²) − cos 2x · cos 2y, a bowl with ripples.
    Bumpy,
}

/// Condition number of [`Surface::IllConditioned`].
pub const KAPPA: f64 = 20.0;

impl Surface {
    /// All surfaces, in menu order.
    pub const ALL: [Surface; 4] = [Surface::IllConditioned, Surface::Rosenbrock, Surface::Saddle, Surface::Bumpy];

    /// URL / menu key.
    pub fn key(self) -> &'static str {
        match self {
            Surface::IllConditioned => "quadratic",
            Surface::Rosenbrock => "rosenbrock",
            Surface::Saddle => "saddle",
            Surface::Bumpy => "bumpy",
        }
    }

    /// Inverse of [`Surface::key`].
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == k)
    }

    /// f(x, y).
    pub fn value(self, x: f64, y: f64) -> f64 {
        match self {
            Surface::IllConditioned => 0.5 * (x * x + KAPPA * y * y),
            Surface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            Surface::Saddle => x * x - y * y + 0.25 * y.powi(4),
            Surface::Bumpy => 0.125 * (x * x + y * y) - (2.0 * x).cos() * (2.0 * y).cos(),
        }
    }

    /// f(θ) for `theta: [2]`, as tensor ops (differentiable); returns `[1]`.
    pub fn tensor(self, theta: Tensor<1>) -> Tensor<1> {
        let x = theta.clone().narrow(0, 0, 1); // [1]
        let y = theta.narrow(0, 1, 1); // [1]
        match self {
            Surface::IllConditioned => (x.clone() * x + y.clone() * y * KAPPA) * 0.5,
            Surface::Rosenbrock => {
                let a = x.clone().neg() + 1.0;
                let b = y - x.clone() * x;
                a.clone() * a + b.clone() * b * 100.0
            }
            Surface::Saddle => x.clone() * x - y.clone() * y.clone() + y.powi_scalar(4) * 0.25,
            Surface::Bumpy => {
                (x.clone() * x.clone() + y.clone() * y.clone()) * 0.125 - (x * 2.0).cos() * (y * 2.0).cos()
            }
        }
    }
}

/// The "model" of the optimiser race: just the point θ = (x, y).
#[derive(Module, Debug)]
pub struct Point {
    /// θ, `[2]`.
    pub theta: Param<Tensor<1>>,
}

impl Point {
    /// A point at `(x, y)` on `device`.
    pub fn new(x: f64, y: f64, device: &Device) -> Self {
        Self { theta: Param::from_tensor(Tensor::from_floats([x as f32, y as f32], device)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::backend::cpu_device;

    #[test]
    fn tensor_form_matches_f64_and_its_gradient_matches_finite_differences() {
        let device = cpu_device();
        for s in Surface::ALL {
            for &(x, y) in &[(0.3, -0.7), (-1.2, 0.4), (0.9, 1.1)] {
                let p = Point::new(x, y, &device);
                let f = s.tensor(p.theta.val());
                let v: f32 = f.clone().into_scalar();
                let (xf, yf) = (f64::from(x as f32), f64::from(y as f32));
                assert!((f64::from(v) - s.value(xf, yf)).abs() < 1e-3 * (1.0 + s.value(xf, yf).abs()), "{s:?}");
                let grads = f.backward();
                let g: Vec<f32> = p.theta.val().grad(&grads).unwrap().into_data().iter::<f32>().collect();
                let h = 1e-4;
                let fx = (s.value(xf + h, yf) - s.value(xf - h, yf)) / (2.0 * h);
                let fy = (s.value(xf, yf + h) - s.value(xf, yf - h)) / (2.0 * h);
                for (got, want) in [(g[0], fx), (g[1], fy)] {
                    assert!((f64::from(got) - want).abs() < 1e-2 * (1.0 + want.abs()), "{s:?} grad {got} vs {want}");
                }
            }
        }
    }
}
