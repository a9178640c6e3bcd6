//! A job: one training run (an [`Experiment`]) plus its lifecycle, step budget and metrics.
//!
//! The job is where the engine's readback rule lives. A slice of steps is enqueued on the device
//! without waiting; every per-step metric vector of the slice, plus any view tensors, goes into one
//! Burn [`Transaction`], so there is **one readback per job per frame**. Values the host already
//! knows (the learning rate a schedule chose, say) travel beside the slice instead of through the
//! device. View tensors are only computed when the UI has asked for a fresh snapshot (and on the
//! first, last and step-once slices). When the data comes back
//! (async on wasm) it is checked for NaN/Inf, which turns the job `Diverged`, and recorded as
//! [`Metrics`]. Reset rebuilds the experiment from its factory and bumps an epoch so that a readback
//! still in flight from before the reset is ignored.

use super::metrics::{Metrics, Points, Recorder};
use super::view::Frame;
use burn::tensor::{Tensor, TensorData, Transaction};

pub use super::experiment::{DivergenceGuard, Experiment, Record, StepOutput};
pub use super::steppable::{Pending, Status, Steppable, Ticket};

/// A training run with lifecycle controls. `E` is rebuilt from `factory` on reset.
pub struct Job<E: Experiment> {
    exp: E,
    factory: Box<dyn Fn() -> E>,
    names: Vec<String>,
    status: Status,
    /// Steps enqueued so far.
    enqueued: u64,
    /// Steps whose metrics have come back.
    confirmed: u64,
    /// Micro-steps done toward the next optimizer step (see [`Experiment::micro_steps`]).
    micro: u64,
    budget: u64,
    rec: Recorder,
    in_flight: bool,
    epoch: u64,
    step_once: bool,
    snapshot_wanted: bool,
    visible: bool,
    /// A message for the UI when something went wrong (divergence, device loss).
    pub error: Option<String>,
    readback_failed: bool,
    first_loss: Option<f64>,
    /// Where the divergence guard's loss sits in a step's row, and its ratio.
    guard: Option<(usize, f64)>,
    /// Bumped whenever what a view shows may have changed (see [`Steppable::revision`]).
    revision: u64,
}

/// The divergence guard of `exp` as (index into `names`, ratio), or why the experiment breaks the
/// rule that its guard names one of its own series.
fn guard_of<E: Experiment>(exp: &E, names: &[String]) -> Result<Option<(usize, f64)>, String> {
    let Some(g) = exp.divergence_guard() else { return Ok(None) };
    match names.iter().position(|n| n == g.loss) {
        Some(i) => Ok(Some((i, g.ratio))),
        None => Err(format!(
            "{} names its loss “{}”, which is not one of its metrics ({}).",
            std::any::type_name::<E>(),
            g.loss,
            names.join(", ")
        )),
    }
}

impl<E: Experiment> Job<E> {
    /// A new idle job running at most `budget` steps.
    pub fn new(factory: Box<dyn Fn() -> E>, budget: u64) -> Self {
        let exp = factory();
        let names = exp.metric_names();
        Self {
            exp,
            factory,
            names,
            status: Status::Idle,
            enqueued: 0,
            confirmed: 0,
            micro: 0,
            budget: budget.max(1),
            rec: Recorder::default(),
            in_flight: false,
            epoch: 0,
            step_once: false,
            snapshot_wanted: true,
            visible: true,
            error: None,
            readback_failed: false,
            first_loss: None,
            guard: None,
            revision: 0,
        }
        .checked()
    }

    /// Refuses to run (status diverged, with the reason) an experiment that breaks the metric rules.
    fn checked(mut self) -> Self {
        match guard_of(&self.exp, &self.names) {
            Ok(g) => self.guard = g,
            Err(e) => self.refuse(e),
        }
        self
    }

    fn refuse(&mut self, why: String) {
        self.status = Status::Diverged;
        self.error = Some(format!("Internal error, not a training problem: {why}"));
    }

    /// The experiment, for the view to read its state from.
    pub fn exp(&self) -> &E {
        &self.exp
    }

    /// Current lifecycle state.
    pub fn status(&self) -> Status {
        self.status
    }
    /// Steps whose results have been read back.
    pub fn steps(&self) -> u64 {
        self.confirmed
    }
    /// Names of the recorded series, in step-vector order.
    pub fn metric_names(&self) -> &[String] {
        &self.names
    }
    /// Asks for the experiment's view tensors to be read back with the next slice.
    pub fn request_snapshot(&mut self) {
        self.snapshot_wanted = true;
    }
    /// Recorded metric series.
    pub fn metrics(&self) -> &Metrics {
        &self.rec.metrics
    }

    /// Start or resume. No effect once diverged or done.
    pub fn play(&mut self) {
        self.status = self.status.played();
    }
    /// Pause a running job.
    pub fn pause(&mut self) {
        self.status = self.status.paused();
    }
    /// Run exactly one step (with inspection) at the next slice, then pause.
    pub fn step_once(&mut self) {
        if self.status.can_step() && self.enqueued < self.budget {
            self.step_once = true;
            self.status = Status::Paused;
        }
    }
    /// Rebuild the experiment from scratch (same seed, same parameters) and go idle.
    pub fn reset(&mut self) {
        self.revision += 1;
        self.exp = (self.factory)();
        self.names = self.exp.metric_names();
        self.status = Status::Idle;
        self.enqueued = 0;
        self.confirmed = 0;
        self.micro = 0;
        self.rec.clear();
        self.in_flight = false;
        self.epoch += 1;
        self.step_once = false;
        self.snapshot_wanted = true;
        self.error = None;
        self.readback_failed = false;
        self.first_loss = None;
        match guard_of(&self.exp, &self.names) {
            Ok(g) => self.guard = g,
            Err(e) => self.refuse(e),
        }
    }

    /// Swaps in new settings (a new factory and budget) and starts over from them, keeping the
    /// job's identity, visibility and epoch (so readbacks of the old run are ignored). Plays when
    /// `play` is set or the job was running.
    pub fn reconfigure(&mut self, factory: Box<dyn Fn() -> E>, budget: u64, play: bool) {
        let was_running = self.status == Status::Running;
        self.factory = factory;
        self.budget = budget.max(1);
        self.reset();
        if play || was_running {
            self.play();
        }
    }
}

impl<E: Experiment> Job<E> {
    /// Records the experiment's own points, and ends the run once the budget is spent and no host
    /// work is left.
    fn file_records(&mut self) {
        for r in self.exp.drain_records() {
            self.rec.push(&r.name, r.x, r.y);
        }
        let finished = self.confirmed >= self.budget && !self.exp.host_work_pending();
        if finished && self.status != Status::Diverged {
            self.status = Status::Done;
        }
    }
}

impl<E: Experiment> Job<E> {
    /// Runs the micro-batches of the next optimizer step but its last, stopping early when
    /// `over_budget` says so; returns whether they are all done.
    fn run_micro_steps(&mut self, over_budget: &mut dyn FnMut() -> bool) -> bool {
        let k = self.exp.micro_steps().max(1);
        while self.micro + 1 < k {
            self.exp.micro_step(self.enqueued + 1, self.micro);
            self.micro += 1;
            if over_budget() {
                return false;
            }
        }
        self.micro = 0;
        true
    }
}

impl<E: Experiment> Steppable for Job<E> {
    fn status(&self) -> Status {
        Job::status(self)
    }
    fn steps(&self) -> u64 {
        Job::steps(self)
    }
    fn metrics(&self) -> &Metrics {
        Job::metrics(self)
    }
    fn error(&self) -> Option<String> {
        self.error.clone()
    }
    fn revision(&self) -> u64 {
        self.revision
    }
    fn budget(&self) -> u64 {
        self.budget
    }
    fn play(&mut self) {
        Job::play(self)
    }
    fn pause(&mut self) {
        Job::pause(self)
    }
    fn step_once(&mut self) {
        Job::step_once(self)
    }
    fn reset(&mut self) {
        Job::reset(self)
    }
    fn request_snapshot(&mut self) {
        Job::request_snapshot(self)
    }
    fn take_points(&mut self) -> Points {
        self.rec.take()
    }
    fn view_frame(&mut self) -> Option<Frame> {
        self.exp.view()
    }

    fn readback_failed(&self) -> bool {
        self.readback_failed
    }

    fn set_visible(&mut self, visible: bool) {
        self.visible = visible;
    }

    fn wants_slice(&self) -> bool {
        // A generation's host work is finished even while paused: it is not a step, and a Step
        // that ended on a generation boundary should show that generation complete.
        let finishing = self.status == Status::Paused && self.exp.host_work_pending();
        let active = self.status == Status::Running || self.step_once || finishing;
        if !(active && self.visible && !self.in_flight) {
            return false;
        }
        self.exp.host_work_pending() || (self.enqueued < self.budget && !self.exp.waiting())
    }

    fn run_slice(&mut self, max_steps: u64, over_budget: &mut dyn FnMut() -> bool) -> Option<Pending> {
        if !self.wants_slice() {
            return None;
        }
        if self.exp.host_work_pending() {
            while self.exp.host_work() && !over_budget() {}
            self.revision += 1;
            self.file_records();
            return None;
        }
        let once = std::mem::take(&mut self.step_once);
        let max = if once { 1 } else { max_steps.max(1) }.min(self.budget - self.enqueued);
        let first_step = self.enqueued + 1;
        let mut metric_vecs = Vec::new();
        let mut host = Vec::new();
        let mut extra = Vec::new();
        for _ in 0..max {
            if !self.run_micro_steps(&mut || !once && over_budget()) {
                break; // the slice's time ran out between micro-batches: the rest come next slice
            }
            self.enqueued += 1;
            let out = self.exp.train_step(self.enqueued, once);
            let width = out.metrics.dims()[0] + out.host.len();
            if width != self.names.len() {
                self.enqueued -= 1;
                self.refuse(format!(
                    "{} returned {} device and {} host values at step {}, for {} metric names ({}).",
                    std::any::type_name::<E>(),
                    out.metrics.dims()[0],
                    out.host.len(),
                    self.enqueued + 1,
                    self.names.len(),
                    self.names.join(", ")
                ));
                break;
            }
            metric_vecs.push(out.metrics);
            host.push(out.host);
            extra.extend(out.extra);
            if over_budget() || self.exp.waiting() {
                break;
            }
        }
        if metric_vecs.is_empty() {
            return None; // the first step broke the metric rules: nothing to read back
        }
        let steps = self.enqueued + 1 - first_step;
        let last_slice = self.enqueued >= self.budget;
        let snapshot = if std::mem::take(&mut self.snapshot_wanted) || once || last_slice || self.exp.waiting() {
            self.exp.snapshot()
        } else {
            Vec::new()
        };
        let extra_len = extra.len();
        let mut tx = Transaction::default().register(Tensor::cat(metric_vecs, 0));
        for t in extra.into_iter().chain(snapshot) {
            tx = tx.register(t);
        }
        self.in_flight = true;
        let ticket = Ticket { epoch: self.epoch, first_step, steps, extra: extra_len, host };
        Some(Pending { tx, ticket })
    }

    fn complete(&mut self, ticket: Ticket, data: Result<Vec<TensorData>, String>) {
        if ticket.epoch != self.epoch {
            return; // a readback from before a reset
        }
        self.in_flight = false;
        self.readback_failed = false;
        self.revision += 1;
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                self.error = Some(format!("Reading results from the device failed: {e}"));
                self.readback_failed = true;
                self.status = Status::Paused;
                self.enqueued = self.confirmed;
                return;
            }
        };
        let mut vecs: Vec<Vec<f32>> = data.iter().map(|d| d.iter::<f32>().collect()).collect();
        let mut rest = vecs.split_off(1.min(vecs.len()));
        let flat = vecs.pop().unwrap_or_default();
        let k = flat.len() / (ticket.steps.max(1) as usize);
        for (i, (device_row, host_row)) in flat.chunks(k.max(1)).zip(&ticket.host).enumerate() {
            let step = ticket.first_step + i as u64;
            let row: Vec<f32> = device_row.iter().chain(host_row).copied().collect();
            for (name, &v) in self.names.iter().zip(&row) {
                self.rec.push(name, step, f64::from(v));
            }
            self.confirmed = step;
            let guarded = self.guard.and_then(|(i, r)| row.get(i).map(|&v| (f64::from(v), r)));
            let first = *self.first_loss.get_or_insert(guarded.map_or(0.0, |g| g.0));
            let why = if row.iter().any(|v| !v.is_finite()) {
                Some("a value became NaN or infinite".to_string())
            } else {
                match guarded {
                    Some((l, r)) if first > 0.0 && l > r * first => {
                        Some(format!("the loss reached {l:.3}, more than {r}× its starting value {first:.3}"))
                    }
                    _ => None,
                }
            };
            if let Some(why) = why {
                self.status = Status::Diverged;
                self.error = Some(format!("Diverged at step {step}: {why}. Lower the learning rate and press Reset."));
                self.enqueued = step;
                return;
            }
        }
        let snapshot = rest.split_off(ticket.extra.min(rest.len()));
        self.exp.absorb(rest, snapshot);
        if self.exp.waiting() && !self.exp.host_work_pending() {
            // The experiment asked for this readback to go on and could not use it.
            self.status = Status::Diverged;
            self.error = Some(format!(
                "Stopped at step {}: the weights read back at the end of a generation were not usable \
                 (not finite). Lower the learning rate or press Reset.",
                self.confirmed
            ));
            return;
        }
        self.file_records();
    }
}
