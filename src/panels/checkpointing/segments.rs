//! Panel 07's gradient computation with activation checkpointing, layer by layer, for a deep tanh
//! MLP (`Linear → tanh` n times, then a `Linear` head, cross-entropy loss). The forward pass keeps
//! only the layer inputs a [`Strategy`] names (its checkpoints); the backward pass recomputes a
//! missing input from the nearest checkpoint below it. The backward pass of each layer is written
//! out (z = hW + b, h' = tanh z: dz = g ⊙ (1 − h'²), dW = hᵀdz, db = Σ dz, g ← dz Wᵀ), so that
//! every activation the step holds is a tensor held here, and its bytes are counted as it is
//! stored and freed. The tests check the gradients against Burn's autodiff.
//!
//! Burn's own checkpointing (`Device::autodiff().gradient_checkpointing()`) chooses per operation
//! what to recompute and has no per-layer setting; Chen et al. 2016 ("Training Deep Nets with
//! Sublinear Memory Cost") checkpoint every k-th layer, which for k = √n keeps O(√n) activations
//! for about one extra forward pass.

use crate::engine::memory::bytes;
use burn::prelude::*;
use burn::tensor::activation::softmax;

/// Which layer inputs the forward pass keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Every layer's input (nothing is recomputed).
    All,
    /// The input of every k-th layer (0, k, 2k, …).
    EveryK(usize),
    /// Every k-th with k = ⌈√n⌉.
    Sqrt,
    /// Only the network's input: each layer's input is recomputed from it.
    None,
}

impl Strategy {
    /// Name in series and parts: `all`, `every_k`, `sqrt`, `none`.
    pub fn key(self) -> &'static str {
        match self {
            Strategy::All => "all",
            Strategy::EveryK(_) => "every_k",
            Strategy::Sqrt => "sqrt",
            Strategy::None => "none",
        }
    }

    /// The checkpoint spacing for `n` layers (`None`: only the input is kept).
    pub fn spacing(self, n: usize) -> Option<usize> {
        match self {
            Strategy::All => Some(1),
            Strategy::EveryK(k) => Some(k.max(1)),
            Strategy::Sqrt => Some(sqrt_k(n)),
            Strategy::None => None,
        }
    }

    /// Whether the input of layer `l` (0-based) is kept by the forward pass.
    pub fn keeps(self, l: usize, n: usize) -> bool {
        l == 0 || self.spacing(n).is_some_and(|k| l.is_multiple_of(k))
    }

    /// Layer forwards the backward pass recomputes, by formula: 0 for `All`; n − ⌈n/k⌉ for every
    /// k-th (each segment of s layers recomputes s − 1 of them: the top layer's output is kept);
    /// n(n − 1)/2 for `None` (layer l's input costs l forwards from the network's input).
    pub fn recomputes(self, n: usize) -> usize {
        match self.spacing(n) {
            Some(k) => n - n.div_ceil(k),
            None => n * n.saturating_sub(1) / 2,
        }
    }
}

/// ⌈√n⌉, at least 1.
pub fn sqrt_k(n: usize) -> usize {
    (1..=n.max(1)).find(|k| k * k >= n).unwrap_or(1)
}

/// The activation bytes held, as they change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tracker {
    held: usize,
    /// The most ever held at once.
    pub peak: usize,
    /// Bytes held after each operation (a layer's forward, recompute or backward).
    pub timeline: Vec<usize>,
}

impl Tracker {
    fn add<const D: usize>(&mut self, t: &Tensor<D>) {
        self.held += bytes(t);
        self.peak = self.peak.max(self.held);
    }
    fn sub<const D: usize>(&mut self, t: &Tensor<D>) {
        self.held -= bytes(t);
    }
    fn mark(&mut self) {
        self.timeline.push(self.held);
    }
}

/// One layer's weights `[in, out]` and bias `[out]` (inner backend, no graph).
pub type Weights = (Tensor<2>, Tensor<1>);

/// What one forward and backward pass produced.
pub struct Pass {
    /// Mean cross-entropy, `[1]`.
    pub loss: Tensor<1>,
    /// (dW, db) of every layer, head last.
    pub grads: Vec<Weights>,
    /// Activation bytes over the pass.
    pub memory: Tracker,
    /// Layer forwards recomputed during the backward pass.
    pub recomputed: usize,
}

fn forward(layer: &Weights, h: &Tensor<2>) -> Tensor<2> {
    (h.clone().matmul(layer.0.clone()) + layer.1.clone().unsqueeze()).tanh()
}

/// Loss and gradients of `layers` (n hidden, then the head) on inputs `x` `[B, in]` and classes
/// `y` `[B]`, keeping the activations `strategy` says.
pub fn pass(layers: &[Weights], x: Tensor<2>, y: Tensor<1, Int>, strategy: Strategy) -> Pass {
    let n = layers.len() - 1;
    let mut t = Tracker::default();
    let mut saved: Vec<Option<Tensor<2>>> = vec![None; n + 1];
    t.add(&x);
    t.mark();
    let mut h = x;
    for (l, layer) in layers[..n].iter().enumerate() {
        let next = forward(layer, &h);
        t.add(&next);
        if strategy.keeps(l, n) {
            saved[l] = Some(h);
        } else {
            t.sub(&h);
        }
        h = next;
        t.mark();
    }
    let (loss, head, mut g) = head(&layers[n], &h, y);
    saved[n] = Some(h);
    t.add(&g);
    t.mark();
    let mut grads = vec![head];
    let mut recomputed = 0;
    for l in (0..n).rev() {
        if saved[l].is_none() {
            recomputed += restore(layers, &mut saved, l, strategy == Strategy::None, &mut t);
        }
        let h_in = saved[l].clone().expect("restored above");
        let h_out = saved[l + 1].take().expect("kept or restored: the layer above used it as input");
        let dz = g.clone() * (h_out.clone().square().neg() + 1.0); // [B, out]
        t.add(&dz);
        let (dw, db) = (h_in.transpose().matmul(dz.clone()), dz.clone().sum_dim(0).squeeze_dim(0));
        t.sub(&h_out);
        t.sub(&g);
        let next = dz.clone().matmul(layer_weight(layers, l).transpose()); // [B, in]
        t.add(&next);
        t.sub(&dz);
        g = next;
        grads.push((dw, db));
        t.mark();
    }
    grads.reverse();
    Pass { loss, grads, memory: t, recomputed }
}

fn layer_weight(layers: &[Weights], l: usize) -> Tensor<2> {
    layers[l].0.clone()
}

/// The head's loss, its (dW, db), and the gradient reaching its input.
fn head(layer: &Weights, h: &Tensor<2>, y: Tensor<1, Int>) -> (Tensor<1>, Weights, Tensor<2>) {
    let logits = h.clone().matmul(layer.0.clone()) + layer.1.clone().unsqueeze(); // [B, C]
    let [b, classes] = logits.dims();
    let p = softmax(logits, 1);
    let onehot = y.one_hot(classes).float();
    let loss = (p.clone().clamp_min(1e-30).log() * onehot.clone()).sum().neg() / b as f32;
    let dlogits = (p - onehot) / b as f32; // ∂ mean CE / ∂ logits
    let (dw, db) = (h.clone().transpose().matmul(dlogits.clone()), dlogits.clone().sum_dim(0).squeeze_dim(0));
    let g = dlogits.matmul(layer.0.clone().transpose());
    (loss, (dw, db), g)
}

/// Puts layer `l`'s input back into `saved` by recomputing from the nearest checkpoint below it;
/// with `only_last`, the layers in between are not kept (O(1) memory, O(n²) forwards). Returns
/// the forwards recomputed.
fn restore(layers: &[Weights], saved: &mut [Option<Tensor<2>>], l: usize, only_last: bool, t: &mut Tracker) -> usize {
    let c = (0..l).rev().find(|&i| saved[i].is_some()).expect("the network's input is always kept");
    let mut h = saved[c].clone().expect("found above");
    for j in c..l {
        let next = forward(&layers[j], &h);
        t.add(&next);
        if only_last && j > c {
            t.sub(&h);
        } else if j > c {
            saved[j] = Some(h);
        }
        h = next;
        t.mark();
    }
    saved[l] = Some(h);
    l - c
}
