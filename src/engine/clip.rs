//! Gradient clipping over a whole model. Burn's own `GradientClippingConfig::Norm` clips each
//! parameter tensor by its own norm (burn-optim 0.22.1, `module_optimizer.rs:453-457`, called per
//! parameter); the usual recipe for language models clips by the norm of *all* gradients together
//! (Pascanu et al. 2013, "On the difficulty of training recurrent neural networks", algorithm 1):
//! g ← g · min(1, c / ‖g‖). [`clip_global_norm`] does that on the device, with no host round trip,
//! and returns ‖g‖ before clipping for the step's metrics; [`clip_value`] clamps every entry.

use burn::module::{Module, ModuleVisitor, Param};
use burn::optim::GradientsParams;
use burn::prelude::*;

/// A reduction of every gradient to one number: `each` reduces one tensor to `[1]`, `combine`
/// joins two partial results (a closure cannot be generic over the rank, so this is a trait).
trait GradReduce {
    fn each<const D: usize>(&self, g: Tensor<D>) -> Tensor<1>;
    fn combine(&self, a: Tensor<1>, b: Tensor<1>) -> Tensor<1>;
}

/// Folds a [`GradReduce`] over every gradient the model's parameters have.
struct Fold<'a, R> {
    grads: &'a GradientsParams,
    r: R,
    acc: Option<Tensor<1>>,
}

impl<R: GradReduce> ModuleVisitor for Fold<'_, R> {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        if let Some(g) = self.grads.get::<D>(p.id) {
            let x = self.r.each(g);
            self.acc = Some(match self.acc.take() {
                Some(a) => self.r.combine(a, x),
                None => x,
            });
        }
    }
}

/// `r` folded over `model`'s gradients, `[1]` (zero when there are none).
fn fold<M: Module, R: GradReduce>(model: &M, grads: &GradientsParams, r: R, device: &Device) -> Tensor<1> {
    let mut f = Fold { grads, r, acc: None };
    model.visit(&mut f);
    f.acc.unwrap_or_else(|| Tensor::zeros([1], device))
}

fn larger(a: Tensor<1>, b: Tensor<1>) -> Tensor<1> {
    Tensor::cat(vec![a, b], 0).max()
}

/// Σ g², over everything.
struct SquareSum;
impl GradReduce for SquareSum {
    fn each<const D: usize>(&self, g: Tensor<D>) -> Tensor<1> {
        g.square().sum()
    }
    fn combine(&self, a: Tensor<1>, b: Tensor<1>) -> Tensor<1> {
        a + b
    }
}

/// The largest |entry|.
struct MaxAbs;
impl GradReduce for MaxAbs {
    fn each<const D: usize>(&self, g: Tensor<D>) -> Tensor<1> {
        g.abs().max()
    }
    fn combine(&self, a: Tensor<1>, b: Tensor<1>) -> Tensor<1> {
        larger(a, b)
    }
}

/// The largest L2 norm of one tensor.
struct TensorNorm;
impl GradReduce for TensorNorm {
    fn each<const D: usize>(&self, g: Tensor<D>) -> Tensor<1> {
        g.square().sum().sqrt()
    }
    fn combine(&self, a: Tensor<1>, b: Tensor<1>) -> Tensor<1> {
        larger(a, b)
    }
}

/// Collects every gradient, flattened, in the order the model visits its parameters.
struct Collect<'a> {
    grads: &'a GradientsParams,
    out: Vec<Tensor<1>>,
}

impl ModuleVisitor for Collect<'_> {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        if let Some(g) = self.grads.get::<D>(p.id) {
            self.out.push(g.flatten(0, D - 1));
        }
    }
}

/// Every gradient of `model`'s parameters, each flattened to `[n]` (for histograms and counts).
pub fn flattened<M: Module>(model: &M, grads: &GradientsParams) -> Vec<Tensor<1>> {
    let mut c = Collect { grads, out: Vec::new() };
    model.visit(&mut c);
    c.out
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
    fold(model, grads, SquareSum, device).sqrt()
}

/// The largest |entry| of any gradient of `model`'s parameters, `[1]` (zero when there are none).
pub fn max_abs<M: Module>(model: &M, grads: &GradientsParams, device: &Device) -> Tensor<1> {
    fold(model, grads, MaxAbs, device)
}

/// The largest norm of any single parameter's gradient, `[1]`: what Burn's per-tensor
/// `GradientClippingConfig::Norm` compares with its threshold.
pub fn largest_tensor_norm<M: Module>(model: &M, grads: &GradientsParams, device: &Device) -> Tensor<1> {
    fold(model, grads, TensorNorm, device)
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
