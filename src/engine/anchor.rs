//! Keeping a network near weights it once had: the diagonal Fisher information of those weights on
//! a task, and the quadratic penalties that pull a network back towards them. Elastic weight
//! consolidation (Kirkpatrick et al. 2017, "Overcoming catastrophic forgetting in neural
//! networks", PNAS 114(13)) weighs each weight's pull by its Fisher information,
//! λ/2·Σᵢ Fᵢ(θᵢ − θ*ᵢ)²; plain L2 towards θ* weighs every weight alike. Both work on any Burn
//! module: the parameters are visited, flattened, in the module's own order.

use burn::module::{Module, ModuleVisitor, Param};
use burn::prelude::*;
use burn::tensor::Gradients;

struct Flat(Vec<Tensor<1>>);

impl ModuleVisitor for Flat {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        self.0.push(p.val().flatten(0, D - 1));
    }
}

/// Every float parameter of `model`, flattened to `[n]`, still tracked by autodiff.
pub fn tracked<M: Module>(model: &M) -> Vec<Tensor<1>> {
    let mut f = Flat(Vec::new());
    model.visit(&mut f);
    f.0
}

struct Grads<'a>(&'a Gradients, Vec<Tensor<1>>);

impl ModuleVisitor for Grads<'_> {
    fn visit_float<const D: usize>(&mut self, p: &Param<Tensor<D>>) {
        let v = p.val();
        let g = v.grad(self.0).unwrap_or_else(|| v.inner().zeros_like());
        self.1.push(g.flatten(0, D - 1));
    }
}

/// The gradient of every float parameter of `model` in `grads` (zeros where it took no part),
/// flattened in [`tracked`]'s order, without autodiff.
pub fn gradients<M: Module>(model: &M, grads: &Gradients) -> Vec<Tensor<1>> {
    let mut g = Grads(grads, Vec::new());
    model.visit(&mut g);
    g.1
}

/// The empirical diagonal Fisher information of `model`'s weights: the mean over `n` examples of
/// each weight's squared per-example gradient of the negative log-likelihood,
/// Fᵢ = (1/n)·Σₖ (∂ℓₖ/∂θᵢ)². `example_loss(model, k)` is example k's loss, `[1]`. One backward
/// pass per example: per-example gradients cannot be recovered from a batch's mean gradient.
pub fn diagonal_fisher<M: Module>(
    model: &M,
    n: usize,
    example_loss: impl Fn(&M, usize) -> Tensor<1>,
) -> Vec<Tensor<1>> {
    let mut sum: Option<Vec<Tensor<1>>> = None;
    for k in 0..n {
        let g = gradients(model, &example_loss(model, k).backward());
        let sq = g.into_iter().map(|t| t.powi_scalar(2));
        sum = Some(match sum {
            None => sq.collect(),
            Some(s) => s.into_iter().zip(sq).map(|(a, b)| a + b).collect(),
        });
    }
    let scale = 1.0 / n.max(1) as f64;
    sum.unwrap_or_default().into_iter().map(|t| t * scale).collect()
}

/// Where a network should stay near, and how strongly per weight.
#[derive(Clone, Debug)]
pub struct Anchor {
    /// The weights θ* (flattened, no autodiff).
    pub theta: Vec<Tensor<1>>,
    /// Each weight's pull: its Fisher information for EWC, 1 for plain L2.
    pub weight: Vec<Tensor<1>>,
}

impl Anchor {
    /// EWC's anchor: `model`'s current weights, each weighed by its Fisher information.
    pub fn ewc<M: Module>(model: &M, fisher: Vec<Tensor<1>>) -> Self {
        Self { theta: crate::engine::models::weights::flatten(model), weight: fisher }
    }

    /// Plain L2's anchor: `model`'s current weights, every one weighed 1.
    pub fn l2<M: Module>(model: &M) -> Self {
        let theta = crate::engine::models::weights::flatten(model);
        let weight = theta.iter().map(|t| t.ones_like()).collect();
        Self { theta, weight }
    }

    /// The penalty ½·Σᵢ wᵢ(θᵢ − θ*ᵢ)² for `model` (times λ by the caller), `[1]`, differentiable
    /// in `model`'s weights.
    pub fn penalty<M: Module>(&self, model: &M) -> Tensor<1> {
        let terms = tracked(model).into_iter().zip(&self.theta).zip(&self.weight).map(|((p, a), w)| {
            let d = p - Tensor::from_inner(a.clone());
            (d.powi_scalar(2) * Tensor::from_inner(w.clone())).sum()
        });
        terms.reduce(|a, b| a + b).map(|t| t * 0.5).unwrap_or_else(|| Tensor::zeros([1], &Default::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::backend::cpu_device;
    use burn::nn::{Linear, LinearConfig};

    /// A 3-input, 1-output logistic regression, its weights set by hand.
    fn logistic(device: &Device) -> Linear {
        let mut l = LinearConfig::new(3, 1).init(device);
        let w = Tensor::<2>::from_floats([[0.5], [-1.0], [0.25]], device).require_grad();
        l.weight = Param::from_tensor(w);
        l.bias = Some(Param::from_tensor(Tensor::<1>::from_floats([0.1], device).require_grad()));
        l
    }

    fn scalar(t: Tensor<1>) -> f64 {
        f64::from(t.into_data().iter::<f32>().next().unwrap_or(f32::NAN))
    }

    const XS: [[f32; 3]; 4] = [[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [-1.0, 2.0, 1.0], [0.0, 0.3, -0.7]];
    const YS: [f32; 4] = [1.0, 0.0, 1.0, 0.0];

    /// Binary cross-entropy of example k: −[y ln σ(z) + (1−y) ln(1−σ(z))], written as softplus.
    fn loss(l: &Linear, k: usize) -> Tensor<1> {
        let device = cpu_device();
        let x = Tensor::<2>::from_floats([XS[k]], &device);
        let z = l.forward(x).reshape([1]);
        let y = f64::from(YS[k]);
        // softplus(z) − y·z
        (z.clone().exp() + 1.0).log() - z * y
    }

    #[test]
    fn the_fisher_is_the_mean_squared_per_example_gradient() {
        let device = cpu_device();
        let l = logistic(&device);
        let fisher: Vec<Vec<f32>> =
            diagonal_fisher(&l, 4, loss).into_iter().map(|t| t.into_data().iter::<f32>().collect()).collect();
        // By hand: ∂ℓ/∂w = (σ(z) − y)·x and ∂ℓ/∂b = σ(z) − y.
        let (w, b) = ([0.5f64, -1.0, 0.25], 0.1f64);
        let (mut fw, mut fb) = ([0.0f64; 3], 0.0f64);
        for (x, &y) in XS.iter().zip(&YS) {
            let z: f64 = b + x.iter().zip(&w).map(|(&xi, wi)| f64::from(xi) * wi).sum::<f64>();
            let r = 1.0 / (1.0 + (-z).exp()) - f64::from(y);
            x.iter().zip(fw.iter_mut()).for_each(|(&xi, f)| *f += (r * f64::from(xi)).powi(2) / 4.0);
            fb += r * r / 4.0;
        }
        assert_eq!(fisher.len(), 2, "weight, then bias");
        for (got, want) in fisher[0].iter().zip(fw) {
            assert!((f64::from(*got) - want).abs() < 1e-6, "{got} vs {want}");
        }
        assert!((f64::from(fisher[1][0]) - fb).abs() < 1e-6);
    }

    #[test]
    fn the_penalty_is_zero_at_the_anchor_and_quadratic_away_from_it() {
        let device = cpu_device();
        let l = logistic(&device);
        let anchor = Anchor::l2(&l);
        let at = scalar(anchor.penalty(&l));
        assert!(at.abs() < 1e-9);
        let moved = Linear { weight: l.weight.clone().map(|w| w + 0.5), bias: l.bias.clone() };
        let p = scalar(anchor.penalty(&moved));
        assert!((p - 0.5 * 3.0 * 0.25).abs() < 1e-6, "½·3·0.5² = 0.375, got {p}");
        let fisher = vec![Tensor::<1>::from_floats([2.0, 0.0, 1.0], &device), Tensor::from_floats([5.0], &device)];
        let ewc = scalar(Anchor::ewc(&l, fisher).penalty(&moved));
        assert!((ewc - 0.5 * 3.0 * 0.25).abs() < 1e-6, "½·(2+0+1)·0.25");
    }
}
