//! Two-class 2-D data sets for the classifier panels: spiral, circles, XOR and Gaussian blobs.
//!
//! Points lie roughly in [-1, 1]²; `noise` (0 to 0.5) jitters every coordinate by a uniform
//! ±`noise`. The shapes follow TensorFlow Playground's data sets, rescaled.

use crate::engine::choice::Choice;
use crate::engine::rng::Rng;
use burn::prelude::*;
use std::f64::consts::PI;

/// Which shape to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Two interleaved spiral arms, one per class.
    Spiral,
    /// A disc of one class inside a ring of the other.
    Circles,
    /// Quadrants: class 1 where x·y > 0.
    Xor,
    /// Two Gaussian clusters.
    Blobs,
}

impl Choice for Shape {
    const ALL: &'static [Self] = &[Shape::Spiral, Shape::Circles, Shape::Xor, Shape::Blobs];

    fn key(self) -> &'static str {
        match self {
            Shape::Spiral => "spiral",
            Shape::Circles => "circles",
            Shape::Xor => "xor",
            Shape::Blobs => "blobs",
        }
    }
}

/// A labelled 2-D point set.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Points {
    /// Coordinates, `[n][2]`.
    pub xs: Vec<[f32; 2]>,
    /// Class labels, 0 or 1.
    pub ys: Vec<u8>,
}

impl Points {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.xs.len()
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }
    /// Coordinates flattened row-major, `[n * 2]`.
    pub fn flat_xs(&self) -> Vec<f32> {
        self.xs.iter().flat_map(|p| p.iter().copied()).collect()
    }

    /// The points as training tensors on `device`: inputs `[n, 2]` and class labels `[n]`.
    pub fn tensors(&self, device: &Device) -> (Tensor<2>, Tensor<1, Int>) {
        let n = self.len();
        let x = Tensor::<2>::from_data(TensorData::new(self.flat_xs(), [n, 2]), device);
        let labels: Vec<i64> = self.ys.iter().map(|&c| i64::from(c)).collect();
        (x, Tensor::<1, Int>::from_data(TensorData::new(labels, [n]), device))
    }
}

/// Generates `n` points (half per class) of `shape` with uniform jitter `noise`.
pub fn generate(shape: Shape, n: usize, noise: f64, seed: u64) -> Points {
    let mut rng = Rng::stream(seed, 1);
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    for i in 0..n {
        let class = (i % 2) as u8;
        let (x, y) = match shape {
            Shape::Spiral => {
                // Arm radius grows with t; the two arms are half a turn apart.
                let t = rng.uniform();
                let angle = 1.75 * 2.0 * PI * t + PI * f64::from(class);
                (0.95 * t * angle.sin(), 0.95 * t * angle.cos())
            }
            Shape::Circles => {
                let r = if class == 0 { rng.range(0.0, 0.45) } else { rng.range(0.65, 0.95) };
                let a = rng.range(0.0, 2.0 * PI);
                (r * a.cos(), r * a.sin())
            }
            Shape::Xor => {
                // Keep a small margin off the axes so the classes are separable at zero noise.
                let pick = |rng: &mut Rng| {
                    let v = rng.range(0.05, 0.95);
                    if rng.uniform() < 0.5 {
                        -v
                    } else {
                        v
                    }
                };
                let x = pick(&mut rng);
                let mut y = pick(&mut rng);
                if (x * y > 0.0) != (class == 1) {
                    y = -y;
                }
                (x, y)
            }
            Shape::Blobs => {
                let c = if class == 0 { -0.45 } else { 0.45 };
                (c + 0.2 * rng.normal(), c + 0.2 * rng.normal())
            }
        };
        let jx = rng.range(-noise, noise);
        let jy = rng.range(-noise, noise);
        xs.push([(x + jx) as f32, (y + jy) as f32]);
        ys.push(class);
    }
    Points { xs, ys }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_bounded_and_seeded() {
        for &shape in Shape::ALL {
            let p = generate(shape, 200, 0.1, 5);
            assert_eq!(p.len(), 200);
            assert_eq!(p.ys.iter().filter(|&&y| y == 1).count(), 100);
            assert!(p.xs.iter().all(|q| q.iter().all(|v| v.abs() < 1.6)), "{shape:?}");
            assert_eq!(p, generate(shape, 200, 0.1, 5));
            assert_ne!(p, generate(shape, 200, 0.1, 6));
        }
    }

    #[test]
    fn xor_labels_follow_the_quadrants_without_noise() {
        let p = generate(Shape::Xor, 100, 0.0, 1);
        for (q, y) in p.xs.iter().zip(&p.ys) {
            assert_eq!(q[0] * q[1] > 0.0, *y == 1);
        }
    }
}
