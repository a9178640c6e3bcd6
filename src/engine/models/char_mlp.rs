//! A character-level MLP language model in the style of Bengio et al. 2003 ("A Neural
//! Probabilistic Language Model"): the previous `context` characters are embedded, concatenated,
//! passed through one tanh layer, and mapped to logits over the vocabulary.
//!
//! The same forward pass is also written for the host ([`HostCharMlp`]) so that text can be sampled
//! from read-back weights one character at a time without a device round trip per character; a
//! test checks the two agree.

use crate::engine::rng::Rng;
use burn::module::Param;
use burn::prelude::*;

/// Shape of a [`CharMlp`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CharMlpShape {
    /// Vocabulary size V.
    pub vocab: usize,
    /// Characters of context C.
    pub context: usize,
    /// Embedding width d.
    pub embed: usize,
    /// Hidden width h.
    pub hidden: usize,
}

/// Embedding `[V, d]` → tanh layer `[C·d, h]` → output layer `[h, V]`.
#[derive(Module, Debug)]
pub struct CharMlp {
    /// Character embeddings, `[V, d]`.
    pub embed: Param<Tensor<2>>,
    /// Hidden weights `[C·d, h]` and bias `[h]`.
    pub w1: Param<Tensor<2>>,
    /// Hidden bias.
    pub b1: Param<Tensor<1>>,
    /// Output weights `[h, V]`.
    pub w2: Param<Tensor<2>>,
    /// Output bias `[V]`.
    pub b2: Param<Tensor<1>>,
}

fn uniform(rng: &mut Rng, n: usize, bound: f64) -> Vec<f32> {
    (0..n).map(|_| rng.range(-bound, bound) as f32).collect()
}

impl CharMlp {
    /// Seeded weights: embeddings uniform in ±1, layers Glorot-uniform (bound √(6/(fan_in+fan_out)),
    /// Glorot & Bengio 2010), zero biases.
    pub fn new(s: CharMlpShape, seed: u64, device: &Device) -> Self {
        let mut rng = Rng::stream(seed, 7);
        let cd = s.context * s.embed;
        let t2 = |v: Vec<f32>, r: usize, c: usize| {
            Param::from_tensor(Tensor::<2>::from_data(TensorData::new(v, [r, c]), device))
        };
        let embed = t2(uniform(&mut rng, s.vocab * s.embed, 1.0), s.vocab, s.embed);
        let w1 = t2(uniform(&mut rng, cd * s.hidden, (6.0 / (cd + s.hidden) as f64).sqrt()), cd, s.hidden);
        let w2 =
            t2(uniform(&mut rng, s.hidden * s.vocab, (6.0 / (s.hidden + s.vocab) as f64).sqrt()), s.hidden, s.vocab);
        Self {
            embed,
            w1,
            b1: Param::from_tensor(Tensor::zeros([s.hidden], device)),
            w2,
            b2: Param::from_tensor(Tensor::zeros([s.vocab], device)),
        }
    }

    /// Contexts `[B, C]` → logits `[B, V]`.
    pub fn forward(&self, ctx: Tensor<2, Int>) -> Tensor<2> {
        let [b, c] = ctx.dims();
        let d = self.embed.val().dims()[1];
        let e = self.embed.val().select(0, ctx.reshape([b * c])).reshape([b, c * d]); // [B, C·d]
        let h = (e.matmul(self.w1.val()) + self.b1.val().unsqueeze()).tanh(); // [B, h]
        h.matmul(self.w2.val()) + self.b2.val().unsqueeze() // [B, V]
    }

    /// The weights, flattened, in [`HostCharMlp::from_parts`] order (inner backend, no gradient).
    pub fn parts(&self) -> Vec<Tensor<1>> {
        let flat2 = |p: &Param<Tensor<2>>| p.val().inner().flatten(0, 1);
        vec![flat2(&self.embed), flat2(&self.w1), self.b1.val().inner(), flat2(&self.w2), self.b2.val().inner()]
    }
}

/// A read-back copy of a [`CharMlp`] for sampling on the host.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HostCharMlp {
    shape: CharMlpShape,
    #[serde(with = "crate::engine::wire::f32s")]
    embed: Vec<f32>,
    #[serde(with = "crate::engine::wire::f32s")]
    w1: Vec<f32>,
    #[serde(with = "crate::engine::wire::f32s")]
    b1: Vec<f32>,
    #[serde(with = "crate::engine::wire::f32s")]
    w2: Vec<f32>,
    #[serde(with = "crate::engine::wire::f32s")]
    b2: Vec<f32>,
}

impl HostCharMlp {
    /// From the read-back [`CharMlp::parts`]; `None` if the sizes do not fit `shape`.
    pub fn from_parts(shape: CharMlpShape, mut parts: Vec<Vec<f32>>) -> Option<Self> {
        if parts.len() != 5 {
            return None;
        }
        let s = shape;
        let sizes = [s.vocab * s.embed, s.context * s.embed * s.hidden, s.hidden, s.hidden * s.vocab, s.vocab];
        if parts.iter().zip(sizes).any(|(p, n)| p.len() != n) {
            return None;
        }
        let b2 = parts.pop()?;
        let w2 = parts.pop()?;
        let b1 = parts.pop()?;
        let w1 = parts.pop()?;
        let embed = parts.pop()?;
        Some(Self { shape, embed, w1, b1, w2, b2 })
    }

    /// Logits `[V]` for one context of C tokens.
    pub fn logits(&self, ctx: &[u32]) -> Vec<f32> {
        let s = self.shape;
        let x: Vec<f32> =
            ctx.iter().flat_map(|&t| &self.embed[t as usize * s.embed..(t as usize + 1) * s.embed]).copied().collect();
        let h: Vec<f32> = (0..s.hidden)
            .map(|j| {
                (self.b1[j] + x.iter().enumerate().map(|(i, xi)| xi * self.w1[i * s.hidden + j]).sum::<f32>()).tanh()
            })
            .collect();
        (0..s.vocab)
            .map(|k| self.b2[k] + h.iter().enumerate().map(|(j, hj)| hj * self.w2[j * s.vocab + k]).sum::<f32>())
            .collect()
    }

    /// `len` tokens sampled after `prompt` (at least C tokens) at `temperature`.
    pub fn sample(&self, prompt: &[u32], len: usize, temperature: f64, rng: &mut Rng) -> Vec<u32> {
        let c = self.shape.context;
        let mut ctx: Vec<u32> = prompt.iter().rev().take(c).rev().copied().collect();
        while ctx.len() < c {
            ctx.insert(0, 0);
        }
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            let z = self.logits(&ctx);
            let p = crate::engine::xent::softmax(&z.iter().map(|&v| f64::from(v)).collect::<Vec<_>>(), temperature);
            let mut u = rng.uniform();
            let next = p.iter().position(|&pk| {
                u -= pk;
                u < 0.0
            });
            let next = next.unwrap_or(p.len() - 1) as u32;
            out.push(next);
            ctx.remove(0);
            ctx.push(next);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::backend::cpu_device;

    #[test]
    fn host_forward_matches_the_device_forward() {
        let device = cpu_device();
        let shape = CharMlpShape { vocab: 11, context: 3, embed: 4, hidden: 8 };
        let model = CharMlp::new(shape, 5, &device);
        let ctx = [3u32, 10, 0];
        let x = Tensor::<2, Int>::from_data(
            TensorData::new(ctx.iter().map(|&t| i64::from(t)).collect::<Vec<_>>(), [1, 3]),
            &device,
        );
        let dev: Vec<f32> = model.forward(x).into_data().iter::<f32>().collect();
        let parts = model.parts().into_iter().map(|t| t.into_data().iter::<f32>().collect()).collect();
        let host = HostCharMlp::from_parts(shape, parts).expect("sizes fit");
        for (a, b) in host.logits(&ctx).iter().zip(&dev) {
            assert!((a - b).abs() < 1e-4, "{a} vs {b}");
        }
        let s = host.sample(&ctx, 20, 1.0, &mut Rng::new(1));
        assert_eq!(s.len(), 20);
        assert!(s.iter().all(|&t| (t as usize) < shape.vocab));
    }
}
