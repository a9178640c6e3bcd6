//! Two-parameter loss surfaces for watching optimisers move, and the two-parameter "model" they
//! move. Each surface is written twice, as tensor ops (so Burn's autodiff gives the gradient that
//! Burn's optimisers use) and as plain `f64` (for drawing the grid); tests check the two agree and
//! that the gradient matches finite differences.

use crate::engine::choice::Choice;
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

impl Choice for Surface {
    const ALL: &'static [Self] = &[Surface::IllConditioned, Surface::Rosenbrock, Surface::Saddle, Surface::Bumpy];

    fn key(self) -> &'static str {
        match self {
            Surface::IllConditioned => "quadratic",
            Surface::Rosenbrock => "rosenbrock",
            Surface::Saddle => "saddle",
            Surface::Bumpy => "bumpy",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Surface::IllConditioned => "ill-conditioned quadratic (κ = 20)",
            Surface::Rosenbrock => "Rosenbrock's banana valley",
            Surface::Saddle => "saddle point",
            Surface::Bumpy => "bowl with many local minima",
        }
    }
}

impl Surface {
    /// f(x, y).
    pub fn value(self, x: f64, y: f64) -> f64 {
        match self {
            Surface::IllConditioned => 0.5 * (x * x + KAPPA * y * y),
            Surface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            Surface::Saddle => x * x - y * y + 0.25 * y.powi(4),
            Surface::Bumpy => 0.125 * (x * x + y * y) - (2.0 * x).cos() * (2.0 * y).cos(),
        }
    }

    /// Half-width of the square `[-e, e]²` the surface is drawn on.
    pub fn extent(self) -> f64 {
        match self {
            Surface::IllConditioned | Surface::Saddle => 2.5,
            Surface::Rosenbrock => 2.0,
            Surface::Bumpy => 4.0,
        }
    }

    /// Where the race starts unless the reader drags the start elsewhere.
    pub fn default_start(self) -> (f64, f64) {
        match self {
            Surface::IllConditioned => (-2.2, 1.0),
            // The classic start of the Rosenbrock benchmark.
            Surface::Rosenbrock => (-1.2, 1.0),
            // Almost on the ridge line y = 0: plain gradient descent is slow to roll off it.
            Surface::Saddle => (2.0, 0.01),
            // In the basin of a local minimum near (π, π): plain SGD stays there at the default η.
            Surface::Bumpy => (3.8, 3.8),
        }
    }

    /// A learning rate at which the race is worth watching on this surface. Measured over 600
    /// steps from [`Surface::default_start`]: on the saddle SGD needs ≈140 steps to reach f < −0.9,
    /// momentum ≈36 and RMSprop ≈8; on the bumpy bowl SGD stays in the local minimum near (π, π),
    /// momentum and Adam settle in one nearer the centre, and RMSprop reaches the global one.
    pub fn default_lr(self) -> f64 {
        match self {
            // Below 1/κ: SGD is stable across the valley but crawls along it.
            Surface::IllConditioned => 0.02,
            Surface::Rosenbrock => 1e-3,
            Surface::Saddle => 0.02,
            Surface::Bumpy => 0.1,
        }
    }

    /// The surface on an `n × n` grid over `[-e, e]²`, row-major from the top-left (y = +e), scaled
    /// to [0, 1] as ln(1 + f − min) / max so that valleys keep their shape next to steep walls.
    pub fn grid(self, n: usize) -> Vec<f32> {
        let e = self.extent();
        let at = |i: usize| -e + (i as f64 + 0.5) * 2.0 * e / n as f64;
        let raw: Vec<f64> = (0..n * n).map(|k| self.value(at(k % n), -at(k / n))).collect();
        let min = raw.iter().copied().fold(f64::INFINITY, f64::min);
        let logs: Vec<f64> = raw.iter().map(|v| (v - min).ln_1p()).collect();
        let max = logs.iter().copied().fold(0.0, f64::max).max(1e-12);
        logs.iter().map(|v| (v / max) as f32).collect()
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
    fn grid_is_normalised_and_its_minimum_sits_where_the_surface_is_lowest() {
        let n = 41;
        for &s in Surface::ALL {
            let g = s.grid(n);
            assert_eq!(g.len(), n * n);
            assert!(g.iter().all(|v| (0.0..=1.0).contains(v)), "{s:?}");
            let k = g.iter().enumerate().min_by(|a, b| a.1.total_cmp(b.1)).map(|(k, _)| k).unwrap();
            let e = s.extent();
            let at = |i: usize| -e + (i as f64 + 0.5) * 2.0 * e / n as f64;
            let (x, y) = (at(k % n), -at(k / n));
            let best = (0..n * n).map(|j| s.value(at(j % n), -at(j / n))).fold(f64::INFINITY, f64::min);
            assert!((s.value(x, y) - best).abs() < 1e-12, "{s:?}: grid minimum at ({x}, {y})");
        }
    }

    #[test]
    fn tensor_form_matches_f64_and_its_gradient_matches_finite_differences() {
        let device = cpu_device();
        for &s in Surface::ALL {
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
