//! Panel 04's training run: the same MLP on the same data, trained with Adam while a learning-rate
//! schedule (Burn's scheduler, see [`crate::engine::schedule`]) sets the step size. Two of these run
//! side by side with different schedules.
//!
//! Per step it records `loss` and `lr` (the panel renames them `loss_a`, `lr_a`, …).

use crate::engine::data::toy2d::{self, Points, Shape};
use crate::engine::job::{Experiment, StepOutput};
use crate::engine::models::mlp::{Activation, Mlp};
use crate::engine::schedule::Schedule;
use crate::engine::view::Frame;
use burn::lr_scheduler::constant::ConstantLr;
use burn::lr_scheduler::module_lr_scheduler::ModuleLrScheduler;
use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// Data set size for the schedule runs.
pub const POINTS: usize = 512;

/// The network: three tanh hidden layers. Deep enough that Adam's first full-sized steps throw it
/// off (the no-warm-up spike), smooth enough that no unit dies for good at the panel's rates (a
/// ReLU net of two layers lost units at peaks where warm-up mattered; see `examples/lr_sweep.rs`).
pub const DIMS: [usize; 5] = [2, 32, 32, 32, 2];
/// The hidden activation.
pub const ACT: Activation = Activation::Tanh;

/// One schedule's run.
pub struct ScheduleRun {
    model: Option<Mlp>,
    optim: ModuleOptimizer,
    scheduler: ModuleLrScheduler,
    loss_fn: CrossEntropyLoss,
    x: Tensor<2>,
    y: Tensor<1, Int>,
    /// The data (same for both runs: same seed).
    pub points: Points,
    run: &'static str,
    /// Why the requested schedule could not be used, if it could not.
    pub error: Option<String>,
    view_sent: bool,
}

impl ScheduleRun {
    /// Builds the run `run` ("a" or "b") for `schedule` on `device`; `seed` fixes data and weights.
    /// Should Burn reject the schedule's numbers, the run uses a constant LR and says why in `error`.
    pub fn new(schedule: &Schedule, seed: u64, run: &'static str, device: &Device) -> Self {
        let points = toy2d::generate(Shape::Spiral, POINTS, 0.05, seed);
        let (x, y) = points.tensors(device);
        let (scheduler, error) = match schedule.burn() {
            Ok(s) => (s, None),
            Err(e) => (ConstantLr::from(schedule.peak.clamp(1e-6, 1.0)).into(), Some(e)),
        };
        Self {
            model: Some(Mlp::new(&DIMS, ACT, seed, device)),
            optim: AdamConfig::new().init(),
            scheduler,
            loss_fn: CrossEntropyLossConfig::new().init(device),
            x,
            y,
            points,
            run,
            error,
            view_sent: false,
        }
    }
}

impl Experiment for ScheduleRun {
    fn metric_names(&self) -> Vec<String> {
        vec![format!("loss_{}", self.run), format!("lr_{}", self.run)]
    }

    fn train_step(&mut self, _step: u64, _inspect: bool) -> StepOutput {
        let model = self.model.take().expect("model is always put back after a step");
        let lr = self.scheduler.step().base();
        let logits = model.forward(self.x.clone(), ACT); // [n, 2]
        let loss = self.loss_fn.forward(logits, self.y.clone()); // [1]
        let metric_loss = loss.clone().inner();
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(lr, model, grads));
        // The LR is known here on the host: it rides beside the readback, not through the device.
        StepOutput { metrics: metric_loss, host: vec![lr as f32], extra: Vec::new() }
    }

    /// Once: why the schedule asked for was replaced, if it was (an `Option<String>`).
    fn view(&mut self) -> Option<Frame> {
        (!std::mem::replace(&mut self.view_sent, true)).then(|| Frame::encode(&self.error))
    }
}
