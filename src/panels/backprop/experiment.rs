//! Panel 02's training run: an [`Mlp`] classifying a 2-D data set by full-batch gradient descent
//! with Burn's `Sgd` (optionally with momentum) and Burn's cross-entropy loss.
//!
//! Per step it records `train_loss`, `train_acc` and `grad_norm_layer_<i>` = ‖∂L/∂W_i‖_F for every
//! layer's weight matrix. Each slice also evaluates the model on a grid for the decision-boundary
//! heatmap. A step-once step additionally reads layer 0's weights before and after, and their
//! gradient, so the update θ ← θ − η∇L can be seen number by number.

use super::params::{BackpropParams, Optim};
use crate::engine::data::toy2d::{self, Points};
use crate::engine::job::{DivergenceGuard, Experiment, StepOutput};
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::view::Frame;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::momentum::MomentumConfig;
use burn::optim::{GradientsParams, ModuleOptimizer, SgdConfig};
use burn::prelude::*;
use burn::tensor::activation::softmax;

/// Side of the decision-boundary grid (cells per axis).
pub const GRID: usize = 40;
/// The grid spans `[-GRID_EXTENT, GRID_EXTENT]²`.
pub const GRID_EXTENT: f32 = 1.5;
/// How many of layer 0's weights the step-once view shows.
pub const INSPECT: usize = 6;

/// Layer 0's numbers around one step: `w_before − lr·grad` is `w_after` for plain SGD.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Inspection {
    /// The first [`INSPECT`] weights before the step.
    #[serde(with = "crate::engine::wire::f32s")]
    pub before: Vec<f32>,
    /// Their gradients ∂L/∂w.
    #[serde(with = "crate::engine::wire::f32s")]
    pub grad: Vec<f32>,
    /// The same weights after the step.
    #[serde(with = "crate::engine::wire::f32s")]
    pub after: Vec<f32>,
    /// The step that produced these numbers.
    pub step: u64,
}

/// What the view draws besides the metrics: the data, the decision boundary and the step-once detail.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BackpropView {
    /// The data.
    pub points: Points,
    /// P(class 1) on the grid (see [`BackpropExperiment::boundary`]).
    #[serde(with = "crate::engine::wire::f32s")]
    pub boundary: Vec<f32>,
    /// The latest step-once detail.
    pub inspection: Option<Inspection>,
}

/// The run itself.
pub struct BackpropExperiment {
    model: Option<Mlp>,
    optim: ModuleOptimizer,
    loss_fn: CrossEntropyLoss,
    x: Tensor<2>,
    y: Tensor<1, Int>,
    grid: Tensor<2>,
    act: Activation,
    lr: f64,
    layers: usize,
    device: Device,
    /// The data, for drawing.
    pub points: Points,
    /// P(class 1) on the grid, row-major from the top-left, `[GRID * GRID]`; empty until read.
    pub boundary: Vec<f32>,
    /// The latest step-once detail.
    pub inspection: Option<Inspection>,
    pending_inspect_step: u64,
    fresh: bool,
}

/// Grid cell centres, row-major, top row first (y = +extent), `[GRID * GRID, 2]`.
fn grid_points() -> Vec<f32> {
    let cell = 2.0 * GRID_EXTENT / GRID as f32;
    let mut v = Vec::with_capacity(GRID * GRID * 2);
    for r in 0..GRID {
        for c in 0..GRID {
            v.push(-GRID_EXTENT + (c as f32 + 0.5) * cell);
            v.push(GRID_EXTENT - (r as f32 + 0.5) * cell);
        }
    }
    v
}

impl BackpropExperiment {
    /// Builds data, model and optimiser from the parameters on `device` (an autodiff device).
    pub fn new(p: &BackpropParams, device: &Device) -> Self {
        let points = toy2d::generate(p.dataset, super::params::POINTS, p.noise, p.seed);
        let (x, y) = points.tensors(device);
        let grid = Tensor::<2>::from_data(TensorData::new(grid_points(), [GRID * GRID, 2]), device);
        let dims = p.dims();
        let model = Mlp::new(&dims, p.act, p.seed, device);
        let momentum = match p.optim {
            Optim::Sgd => None,
            Optim::Momentum => Some(MomentumConfig { momentum: 0.9, dampening: 0.0, nesterov: false }),
        };
        let optim = SgdConfig::new().with_momentum(momentum).init();
        Self {
            model: Some(model),
            optim,
            loss_fn: CrossEntropyLossConfig::new().init(device),
            x,
            y,
            grid,
            act: p.act,
            lr: p.lr,
            layers: dims.len() - 1,
            device: device.clone(),
            points,
            boundary: Vec::new(),
            inspection: None,
            pending_inspect_step: 0,
            fresh: true,
        }
    }

    fn first_weights(model: &Mlp) -> Tensor<1> {
        let w = model.layers[0].weight.val().inner(); // [2, width]
        let flat: Tensor<1> = w.flatten(0, 1);
        let k = INSPECT.min(flat.dims()[0]);
        flat.narrow(0, 0, k)
    }
}

impl Experiment for BackpropExperiment {
    fn metric_names(&self) -> Vec<String> {
        let mut names = vec!["train_loss".to_string(), "train_acc".to_string()];
        names.extend((0..self.layers).map(|i| format!("grad_norm_layer_{i}")));
        names
    }

    fn train_step(&mut self, step: u64, inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let logits = model.forward(self.x.clone(), self.act); // [n, 2]
        let loss = self.loss_fn.forward(logits.clone(), self.y.clone()); // [1]
        let n = self.points.len();
        let predicted: Tensor<1, Int> = logits.inner().argmax(1).reshape([n]);
        let acc = predicted.equal(self.y.clone().inner()).float().mean(); // [1]
        let metrics_loss = loss.clone().inner();
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        let mut parts = vec![metrics_loss, acc];
        for layer in &model.layers {
            let norm = match grads.get::<2>(layer.weight.id) {
                Some(g) => g.inner().powi_scalar(2).sum().sqrt(),
                None => Tensor::zeros([1], &self.device),
            };
            parts.push(norm);
        }
        let mut extra = Vec::new();
        if inspect {
            extra.push(Self::first_weights(&model));
            let g = grads.get::<2>(model.layers[0].weight.id).map(|g| g.inner());
            let g = g.unwrap_or_else(|| Tensor::zeros(model.layers[0].weight.val().dims(), &self.device));
            let k = INSPECT.min(g.dims()[0] * g.dims()[1]);
            extra.push(g.flatten(0, 1).narrow(0, 0, k));
            self.pending_inspect_step = step;
        }
        let model = self.optim.step(self.lr, model, grads);
        if inspect {
            extra.push(Self::first_weights(&model));
        }
        self.model = Some(model);
        StepOutput { metrics: Tensor::cat(parts, 0), host: Vec::new(), extra }
    }

    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        Some(DivergenceGuard { loss: "train_loss", ratio: 10.0 })
    }

    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        let Some(model) = self.model.as_ref() else { return Vec::new() };
        let logits = model.valid().forward(self.grid.clone(), self.act); // [GRID², 2]
        let p1 = softmax(logits, 1).narrow(1, 1, 1).reshape([GRID * GRID]); // [GRID²]
        vec![p1.inner()]
    }

    fn absorb(&mut self, extra: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        if let [before, grad, after] = extra.as_slice() {
            self.inspection = Some(Inspection {
                before: before.clone(),
                grad: grad.clone(),
                after: after.clone(),
                step: self.pending_inspect_step,
            });
        }
        self.fresh |= !extra.is_empty() || !snapshot.is_empty();
        if let Some(b) = snapshot.into_iter().next() {
            self.boundary = b;
        }
    }

    fn view(&mut self) -> Option<Frame> {
        std::mem::take(&mut self.fresh).then(|| {
            let (points, boundary, inspection) = (self.points.clone(), self.boundary.clone(), self.inspection.clone());
            Frame::encode(&BackpropView { points, boundary, inspection })
        })
    }
}
