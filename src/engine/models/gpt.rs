//! A small GPT (Radford et al. 2018, as in Karpathy's nanoGPT): token and learned position
//! embeddings, Burn's pre-LayerNorm [`TransformerEncoder`] with a causal mask and GELU MLPs, a
//! final LayerNorm and a linear head to the vocabulary. No dropout.

use burn::nn::attention::generate_autoregressive_mask;
use burn::nn::transformer::{TransformerEncoder, TransformerEncoderConfig, TransformerEncoderInput};
use burn::nn::{Embedding, EmbeddingConfig, LayerNorm, LayerNormConfig, Linear, LinearConfig};
use burn::prelude::*;

use super::weights::{flatten, load};
use crate::engine::backend::cpu_device;

/// Shape of a [`Gpt`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GptShape {
    /// Vocabulary size.
    pub vocab: usize,
    /// Context length.
    pub context: usize,
    /// Transformer blocks.
    pub layers: usize,
    /// Attention heads per block.
    pub heads: usize,
    /// Model width.
    pub d_model: usize,
    /// MLP width.
    pub d_ff: usize,
}

/// The model.
#[derive(Module, Debug)]
pub struct Gpt {
    tokens: Embedding,
    positions: Embedding,
    blocks: TransformerEncoder,
    norm: LayerNorm,
    head: Linear,
}

impl Gpt {
    /// Burn's default initialisation, drawn on the CPU backend from `seed` and then loaded onto
    /// `device`, so that a seed gives the same weights on every backend.
    pub fn seeded(s: GptShape, seed: u64, device: &Device) -> Self {
        let cpu = cpu_device();
        cpu.seed(seed);
        let host: Vec<Vec<f32>> = flatten(&Self::new(s, &cpu))
            .into_iter()
            .map(|t| t.into_data().try_into_vec::<f32>().unwrap_or_default())
            .collect();
        let model = Self::new(s, device);
        load(model, &host).expect("a model of one shape has the same parameters on every device")
    }

    /// Burn's default initialisation (seed the device for reproducible weights).
    pub fn new(s: GptShape, device: &Device) -> Self {
        let blocks =
            TransformerEncoderConfig::new(s.d_model, s.d_ff, s.heads, s.layers).with_norm_first(true).with_dropout(0.0);
        Self {
            tokens: EmbeddingConfig::new(s.vocab, s.d_model).init(device),
            positions: EmbeddingConfig::new(s.context, s.d_model).init(device),
            blocks: blocks.init(device),
            norm: LayerNormConfig::new(s.d_model).init(device),
            head: LinearConfig::new(s.d_model, s.vocab).init(device),
        }
    }

    /// Tokens `[B, T]` → logits `[B, T, V]`, each position seeing only itself and earlier ones.
    pub fn forward(&self, x: Tensor<2, Int>) -> Tensor<3> {
        let [b, t] = x.dims();
        let device = x.device();
        let pos = Tensor::<1, Int>::arange(0..t as i64, &device).reshape([1, t]); // [1, T]
        let h = self.tokens.forward(x) + self.positions.forward(pos); // [B, T, d]
        let mask = generate_autoregressive_mask(b, t, &device);
        let h = self.blocks.forward(TransformerEncoderInput::new(h).mask_attn(mask)); // [B, T, d]
        self.head.forward(self.norm.forward(h)) // [B, T, V]
    }
}

impl GptShape {
    /// Parameters: embeddings, blocks (attention 4(d² + d), MLP 2·d·f + d + f, two LayerNorms
    /// 4d), the final LayerNorm and the head.
    pub fn params(&self) -> usize {
        let (v, t, l, d, f) = (self.vocab, self.context, self.layers, self.d_model, self.d_ff);
        let block = 4 * (d * d + d) + 2 * d * f + d + f + 4 * d;
        v * d + t * d + l * block + 2 * d + d * v + v
    }

    /// Kaplan et al. (2020)'s N: the non-embedding parameters, ≈ 12·L·d² when f = 4d (their
    /// compute estimate C ≈ 6·N·D counts these).
    pub fn non_embedding(&self) -> usize {
        let (l, d, f) = (self.layers, self.d_model, self.d_ff);
        l * (4 * (d * d + d) + 2 * d * f + d + f + 4 * d)
    }
}
