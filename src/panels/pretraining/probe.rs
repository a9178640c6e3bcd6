//! The model's next-token distribution after the reader's prompt, computed on the page: the
//! weights a run sent are loaded into the same Burn [`Gpt`] on the CPU backend (no autodiff), and
//! its softmax after the prompt is read back. The page keeps the loaded model until newer weights
//! come.

use super::config::PretrainConfig;
use super::experiment::PretrainView;
use crate::engine::models::gpt::Gpt;
use crate::engine::models::sample::next_token_probs;
use crate::engine::models::weights::load;
use burn::prelude::*;

/// A run's model, loaded on the page.
pub struct Probe {
    model: Gpt,
    /// The step its weights are from.
    pub step: u64,
    context: usize,
}

/// A token and its probability.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The token's text.
    pub text: String,
    /// p(token | prompt).
    pub p: f32,
}

impl Probe {
    /// Loads `view`'s weights into a model of `cfg`'s shape.
    ///
    /// # Errors
    /// When the view has no weights yet, or they do not fit the shape.
    pub fn load(view: &PretrainView, cfg: &PretrainConfig) -> Result<Self, String> {
        if view.weights.is_empty() {
            return Err("no weights yet".into());
        }
        let device = Device::flex();
        let model = load(Gpt::new(cfg.shape(view.bpe.len()), &device), &view.weights)?;
        Ok(Self { model, step: view.weights_step, context: cfg.context })
    }

    /// The `k` most likely next tokens after `prompt` (already encoded, not empty), most likely
    /// first.
    pub fn top(&self, prompt: &[u32], tokens: &[String], k: usize) -> Vec<Choice> {
        if prompt.is_empty() {
            return Vec::new();
        }
        let probs = next_token_probs(&self.model, prompt, self.context);
        let probs: Vec<f32> = probs.into_data().try_into_vec::<f32>().unwrap_or_default();
        let mut order: Vec<usize> = (0..probs.len()).collect();
        order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]));
        order
            .into_iter()
            .take(k)
            .map(|i| Choice { text: tokens.get(i).cloned().unwrap_or_default(), p: probs[i] })
            .collect()
    }
}
