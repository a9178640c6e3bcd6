//! Text from a [`Gpt`], on the device it lives on: several continuations of a prompt drawn token by
//! token in one batch, with one readback at the end, and the next-token distribution after a
//! prompt. Draws use the Gumbel-max trick with noise from the engine's seeded [`Rng`]:
//! argmaxᵢ(zᵢ/T + gᵢ), gᵢ = −ln(−ln uᵢ), is a draw from softmax(z/T) (Gumbel 1954; Maddison et al.
//! 2014), so a seed gives the same text on every backend, without the device's own generator.

use super::gpt::Gpt;
use crate::engine::rng::Rng;
use burn::module::Module;
use burn::prelude::*;
use burn::tensor::activation::softmax;

/// The logits after the last position of `seq` (`[B, t]`, cropped to the last `context`
/// tokens), `[B, V]`.
fn last_logits(model: &Gpt, seq: Tensor<2, Int>, context: usize) -> Tensor<2> {
    let [b, t] = seq.dims();
    let window = seq.slice([0..b, t.saturating_sub(context)..t]);
    let logits = model.forward(window); // [B, t', V]
    let [_, tw, v] = logits.dims();
    logits.slice([0..b, tw - 1..tw, 0..v]).reshape([b, v])
}

/// Gumbel noise `[b, v]` from `rng`.
fn gumbel(b: usize, v: usize, rng: &mut Rng, device: &Device) -> Tensor<2> {
    let g: Vec<f32> = (0..b * v).map(|_| -(-(rng.uniform().max(1e-12)).ln()).ln() as f32).collect();
    Tensor::from_data(TensorData::new(g, [b, v]), device)
}

/// `rows` continuations of `prompt`, `n` tokens each, at temperature `temperature` (at or below
/// 0.01: the most likely token), as `[rows, n]` token ids still on the device. The prompt must
/// not be empty.
pub fn generate(
    model: &Gpt,
    prompt: &[u32],
    rows: usize,
    n: usize,
    temperature: f64,
    context: usize,
    rng: &mut Rng,
) -> Tensor<2, Int> {
    let model = model.valid();
    let device = model.devices().into_iter().next().expect("a Gpt has parameters, so a device");
    let ids: Vec<i64> = prompt.iter().map(|&t| i64::from(t)).cycle().take(rows * prompt.len()).collect();
    let mut seq = Tensor::<2, Int>::from_data(TensorData::new(ids, [rows, prompt.len()]), &device);
    for _ in 0..n {
        let logits = last_logits(&model, seq.clone(), context); // [rows, V]
        let [_, v] = logits.dims();
        let next = if temperature <= 0.01 {
            logits.argmax(1)
        } else {
            (logits.div_scalar(temperature) + gumbel(rows, v, rng, &device)).argmax(1)
        }; // [rows, 1]
        seq = Tensor::cat(vec![seq, next], 1);
    }
    let t = seq.dims()[1];
    seq.slice([0..rows, t - n..t])
}

/// The probabilities of the token after `prompt` (non-empty; cropped to the last `context`
/// tokens), `[V]`.
pub fn next_token_probs(model: &Gpt, prompt: &[u32], context: usize) -> Tensor<1> {
    let model = model.valid();
    let device = model.devices().into_iter().next().expect("a Gpt has parameters, so a device");
    let ids: Vec<i64> = prompt.iter().map(|&t| i64::from(t)).collect();
    let seq = Tensor::<2, Int>::from_data(TensorData::new(ids, [1, prompt.len()]), &device);
    let logits = last_logits(&model, seq, context); // [1, V]
    let [_, v] = logits.dims();
    softmax(logits, 1).reshape([v])
}
