//! The grokking model: two tokens `a`, `b` of a vocabulary of `p` are looked up in one shared
//! embedding, concatenated, passed through one ReLU layer and mapped to logits over the `p`
//! answers. This is the MLP of PAIR's "Do Machine Learning Models Memorize or Generalize?"
//! explorable (Pearce, Ghandeharioun et al. 2023), where the embedding is the part that turns
//! periodic once the model generalises.

use crate::engine::rng::Rng;
use burn::module::Param;
use burn::prelude::*;
use burn::tensor::activation::relu;

/// Embedding `[p, d]` (shared by both inputs) → ReLU layer `[2d, h]` → output `[h, p]`.
#[derive(Module, Debug)]
pub struct PairMlp {
    /// Token embeddings, `[p, d]`.
    pub embed: Param<Tensor<2>>,
    /// Hidden weights `[2d, h]`.
    pub w1: Param<Tensor<2>>,
    /// Hidden bias `[h]`.
    pub b1: Param<Tensor<1>>,
    /// Output weights `[h, p]`.
    pub w2: Param<Tensor<2>>,
    /// Output bias `[p]`.
    pub b2: Param<Tensor<1>>,
}

impl PairMlp {
    /// Seeded weights: embeddings N(0, 1/d), layers He-uniform (bound √(6/fan_in), He et al. 2015),
    /// zero biases.
    pub fn new(p: usize, d: usize, h: usize, seed: u64, device: &Device) -> Self {
        let mut rng = Rng::stream(seed, 21);
        let mut t2 = |r: usize, c: usize, draw: &dyn Fn(&mut Rng) -> f64| {
            let v: Vec<f32> = (0..r * c).map(|_| draw(&mut rng) as f32).collect();
            Param::from_tensor(Tensor::<2>::from_data(TensorData::new(v, [r, c]), device))
        };
        let sd = (1.0 / d as f64).sqrt();
        let embed = t2(p, d, &|r| r.normal() * sd);
        let b = (6.0 / (2 * d) as f64).sqrt();
        let w1 = t2(2 * d, h, &|r| r.range(-b, b));
        let b = (6.0 / h as f64).sqrt();
        let w2 = t2(h, p, &|r| r.range(-b, b));
        Self {
            embed,
            w1,
            b1: Param::from_tensor(Tensor::zeros([h], device)),
            w2,
            b2: Param::from_tensor(Tensor::zeros([p], device)),
        }
    }

    /// Pairs `[B, 2]` → logits `[B, p]`.
    pub fn forward(&self, pairs: Tensor<2, Int>) -> Tensor<2> {
        let [b, _] = pairs.dims();
        let d = self.embed.val().dims()[1];
        let e = self.embed.val().select(0, pairs.reshape([b * 2])).reshape([b, 2 * d]); // [B, 2d]
        let h = relu(e.matmul(self.w1.val()) + self.b1.val().unsqueeze()); // [B, h]
        h.matmul(self.w2.val()) + self.b2.val().unsqueeze() // [B, p]
    }

    /// ‖θ‖₂ over every weight and bias, `[1]` (inner backend, no gradient).
    pub fn weight_norm(&self) -> Tensor<1> {
        let sq2 = |p: &Param<Tensor<2>>| p.val().inner().powi_scalar(2).sum();
        let sq1 = |p: &Param<Tensor<1>>| p.val().inner().powi_scalar(2).sum();
        let parts = vec![sq2(&self.embed), sq2(&self.w1), sq1(&self.b1), sq2(&self.w2), sq1(&self.b2)];
        Tensor::cat(parts, 0).sum().sqrt()
    }
}
