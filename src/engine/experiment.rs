//! What a training run is, to the engine: an [`Experiment`] enqueues one step at a time and hands
//! back a metric vector; it may ask for view tensors, wait for a host round trip at a generation
//! boundary, leave bounded host work, and record points of its own. [`Job`](super::job::Job)
//! drives it.

use burn::tensor::Tensor;

/// What one training step hands back.
pub struct StepOutput {
    /// The step's device metrics, `[k]`: the first `k` of [`Experiment::metric_names`].
    pub metrics: Tensor<1>,
    /// Metrics the host already knows, named by the rest of [`Experiment::metric_names`].
    pub host: Vec<f32>,
    /// Extra tensors asked for by `inspect` (the step-once detail), read back with the slice.
    pub extra: Vec<Tensor<1>>,
}

/// A trainable experiment: model, optimizer, schedule and data, behind one step function.
pub trait Experiment {
    /// Names (lower_snake_case, stable) of the per-step metrics: the device vector's entries, then
    /// the host values'.
    fn metric_names(&self) -> Vec<String>;
    /// Enqueues one forward + backward + optimizer step. `step` counts from 1.
    /// With `inspect`, also returns the tensors the step-once view shows. For an experiment with
    /// micro-steps (see [`Experiment::micro_steps`]), this is the optimizer step's last
    /// micro-batch and the update.
    fn train_step(&mut self, step: u64, inspect: bool) -> StepOutput;
    /// Micro-batches per optimizer step (gradient accumulation); 1 means none. The job calls
    /// [`Experiment::micro_step`] for all but the last of them, each on its own, so that a long
    /// accumulated step shares the worker with other jobs instead of holding it for its whole
    /// length, and then [`Experiment::train_step`]. Metrics come once per optimizer step: the
    /// step counter, budgets and series count optimizer steps.
    fn micro_steps(&self) -> u64 {
        1
    }
    /// Forward and backward of micro-batch `micro` (from 0) of optimizer step `step`,
    /// accumulating its gradient; no update and no metrics.
    fn micro_step(&mut self, _step: u64, _micro: u64) {}
    /// View tensors (a decision boundary, say), read back with the slice when one was requested.
    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        Vec::new()
    }
    /// When set, the run also counts as diverged once the named loss exceeds `ratio` times its
    /// value at step 1: cross-entropy's gradients are bounded, so a far too large learning rate
    /// often throws the loss up by orders of magnitude without ever producing NaN. The loss must
    /// be one of [`Experiment::metric_names`]; the job refuses to start otherwise.
    fn divergence_guard(&self) -> Option<DivergenceGuard> {
        None
    }
    /// Receives the read-back `extra` (from an inspecting step) and `snapshot` data.
    fn absorb(&mut self, _extra: Vec<Vec<f32>>, _snapshot: Vec<Vec<f32>>) {}
    /// Whether the experiment cannot step until its snapshot has come back to the host: a
    /// generation boundary, say, where the next training set is sampled on the host from the
    /// weights just trained. The job then ends the slice, reads the snapshot back, and resumes
    /// once [`Experiment::absorb`] has cleared the wait.
    fn waiting(&self) -> bool {
        false
    }
    /// Does one bounded chunk (a few milliseconds) of host-side work that an `absorb` left behind,
    /// such as sampling a generation's text from read-back weights, so that the work is spread
    /// over frames instead of blocking one. Returns whether more remains. The job calls it, within
    /// the scheduler's time share, whenever [`Experiment::host_work_pending`] says so.
    fn host_work(&mut self) -> bool {
        false
    }
    /// Whether host work is waiting to be done.
    fn host_work_pending(&self) -> bool {
        false
    }
    /// Points the experiment measured itself, at an x of its own (a generation number rather than
    /// a step), taken after each `absorb` and recorded with the per-step series.
    fn drain_records(&mut self) -> Vec<Record> {
        Vec::new()
    }
    /// What the panel's view shows of the run beyond its metrics (a decision boundary, sampled
    /// text), encoded, or `None` when nothing changed since the last call. Called after results
    /// came back, at most about 30 times a second; the frame travels to the page (see
    /// [`Frame`](super::view::Frame)).
    fn view(&mut self) -> Option<super::view::Frame> {
        None
    }
}

/// A point an experiment records outside the per-step vector: series `name`, at `x`, value `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Series name (lower_snake_case, distinct from the per-step names), which may be made at
    /// run time (panel 12 names each run's result after its size and data).
    pub name: String,
    /// Where on the x axis (a generation number, say).
    pub x: u64,
    /// The value.
    pub y: f64,
}

/// Which metric is the loss, and how far above its first value it may climb before the run counts
/// as diverged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DivergenceGuard {
    /// The loss series' name (one of the experiment's metric names).
    pub loss: &'static str,
    /// Diverged once `loss > ratio × loss at step 1`.
    pub ratio: f64,
}
