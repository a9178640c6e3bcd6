//! Gradient clipping over a whole model. Burn's own `GradientClippingConfig::Norm` clips each
//! parameter tensor by its own norm (burn-optim 0.22.1, `module_optimizer.rs:453-457`, called per
//! parameter); the usual recipe for language models clips by the norm of *all* gradients together
//! (Pascanu et al. 2013, "On the difficulty of training recurrent neural networks", algorithm 1):
//! g ← g · min(1, c / ‖g‖). [`clip_global_norm`] does that on the device, with no host round trip,
//! and returns ‖g‖ before clipping for the step's metrics; [`clip_value`] clamps every entry.

use burn::module::{Module, ModuleVisitor, Param};
use burn::optim::GradientsParams;
use burn::prelude::*;

/// Sums the squares of every gradient the model's parameters have.
struct SquareSum<'a> {
    grads: &'a GradientsParams,
    sum: Option<Tensor<1>>,
}

impl ModuleVisitor for SquareSum<'_> {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        if let Some(g) = self.grads.get::<D>(p.id) {
            let s = g.square().sum();
            self.sum = Some(match self.sum.take() {
                Some(a) => a + s,
                None => s,
            });
        }
    }
}

/// The largest |entry| over every gradient.
struct MaxAbs<'a> {
    grads: &'a GradientsParams,
    max: Option<Tensor<1>>,
}

impl ModuleVisitor for MaxAbs<'_> {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        if let Some(g) = self.grads.get::<D>(p.id) {
            let m = g.abs().max();
            self.max = Some(match self.max.take() {
                Some(a) => Tensor::cat(vec![a, m], 0).max(),
                None => m,
            });
        }
    }
}

/// The largest L2 norm of any one gradient tensor.
struct TensorNorms<'a> {
    grads: &'a GradientsParams,
    max: Option<Tensor<1>>,
}

impl ModuleVisitor for TensorNorms<'_> {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        if let Some(g) = self.grads.get::<D>(p.id) {
            let n = g.square().sum().sqrt();
            self.max = Some(match self.max.take() {
                Some(a) => Tensor::cat(vec![a, n], 0).max(),
                None => n,
            });
        }
    }
}

/// Replaces every gradient `g` by `f(g)`.
struct MapGrads<'a, F> {
    grads: &'a mut GradientsParams,
    f: F,
}

/// A map over gradient tensors of any rank (a closure cannot be generic over the rank).
trait GradMap {
    fn apply<const D: usize>(&self, g: Tensor<D>) -> Tensor<D>;
}

impl<F: GradMap> ModuleVisitor for MapGrads<'_, F> {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        if let Some(g) = self.grads.remove::<D>(p.id) {
            self.grads.register::<D>(p.id, self.f.apply(g));
        }
    }
}

/// Multiplies by a `[1]` factor.
struct Scale(Tensor<1>);
impl GradMap for Scale {
    fn apply<const D: usize>(&self, g: Tensor<D>) -> Tensor<D> {
        g * self.0.clone().unsqueeze::<D>()
    }
}

/// Clamps into `[-c, c]`.
struct Clamp(f32);
impl GradMap for Clamp {
    fn apply<const D: usize>(&self, g: Tensor<D>) -> Tensor<D> {
        g.clamp(-self.0, self.0)
    }
}

/// ‖g‖₂ over every gradient of `model`'s parameters, `[1]` (zero when there are none).
pub fn global_norm<M: Module>(model: &M, grads: &GradientsParams, device: &Device) -> Tensor<1> {
    let mut sq = SquareSum { grads, sum: None };
    model.visit(&mut sq);
    sq.sum.unwrap_or_else(|| Tensor::zeros([1], device)).sqrt()
}

/// The largest |entry| of any gradient of `model`'s parameters, `[1]` (zero when there are none).
pub fn max_abs<M: Module>(model: &M, grads: &GradientsParams, device: &Device) -> Tensor<1> {
    let mut m = MaxAbs { grads, max: None };
    model.visit(&mut m);
    m.max.unwrap_or_else(|| Tensor::zeros([1], device))
}

/// The largest norm of any single parameter's gradient, `[1]`: what Burn's per-tensor
/// `GradientClippingConfig::Norm` compares with its threshold.
pub fn largest_tensor_norm<M: Module>(model: &M, grads: &GradientsParams, device: &Device) -> Tensor<1> {
    let mut m = TensorNorms { grads, max: None };
    model.visit(&mut m);
    m.max.unwrap_or_else(|| Tensor::zeros([1], device))
}

/// Scales every gradient by min(1, c / ‖g‖), ‖g‖ over all of them; returns ‖g‖ before clipping.
pub fn clip_global_norm<M: Module>(model: &M, grads: &mut GradientsParams, c: f32, device: &Device) -> Tensor<1> {
    let norm = global_norm(model, grads, device);
    // Where ‖g‖ ≤ c the factor is exactly 1; the tiny floor only keeps 0/0 away.
    let factor = (norm.clone().clamp_min(1e-12).recip() * c).clamp_max(1.0);
    model.visit(&mut MapGrads { grads, f: Scale(factor) });
    norm
}

/// Clamps every gradient entry into `[-c, c]` (clipping by value).
pub fn clip_value<M: Module>(model: &M, grads: &mut GradientsParams, c: f32) {
    model.visit(&mut MapGrads { grads, f: Clamp(c.abs()) });
}

/// Multiplies every gradient by `k` (to average gradients that were summed over micro-batches).
pub fn scale<M: Module>(model: &M, grads: &mut GradientsParams, k: f32, device: &Device) {
    model.visit(&mut MapGrads { grads, f: Scale(Tensor::from_floats([k], device)) });
}
