//! What the scheduler sees of a job: its lifecycle [`Status`], the object-safe [`Steppable`] face,
//! and a slice's readback ([`Pending`], with the [`Ticket`] that files it when it returns).
//! [`Job`](super::job::Job) implements it.

use super::metrics::{Metrics, Points};
use super::view::Frame;
use burn::tensor::{TensorData, Transaction};

/// Where a job is in its life. `as_str` gives the names scripts see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Built, not started (or reset).
    Idle,
    /// Stepping whenever the scheduler gives it a slice.
    Running,
    /// Stopped by the reader; resumes where it was.
    Paused,
    /// A metric came back NaN or infinite; only reset leaves this state.
    Diverged,
    /// The step budget is spent.
    Done,
}

impl Status {
    /// `"idle"`, `"running"`, `"paused"`, `"diverged"` or `"done"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Diverged => "diverged",
            Status::Done => "done",
        }
    }

    /// After Play: idle and paused runs run; others stay as they are.
    pub fn played(self) -> Self {
        if matches!(self, Status::Idle | Status::Paused) {
            Status::Running
        } else {
            self
        }
    }

    /// After Pause: a running run pauses.
    pub fn paused(self) -> Self {
        if self == Status::Running {
            Status::Paused
        } else {
            self
        }
    }

    /// Whether Step once may run a step from here (budget permitting): not once diverged or done.
    pub fn can_step(self) -> bool {
        matches!(self, Status::Idle | Status::Paused | Status::Running)
    }
}

/// A slice's readback, waiting to be executed (`Transaction::execute_async` in the browser,
/// `execute` natively) and handed back through [`Steppable::complete`].
pub struct Pending {
    /// All tensors of the slice, registered in order: metrics, then extra, then snapshot.
    pub tx: Transaction,
    pub(crate) ticket: Ticket,
}

impl Pending {
    /// Splits into the transaction to run and the ticket to hand back with its data.
    pub fn into_parts(self) -> (Transaction, Ticket) {
        (self.tx, self.ticket)
    }
}

/// What a readback needs to be filed correctly when it returns.
#[derive(Clone, Debug)]
pub struct Ticket {
    pub(crate) epoch: u64,
    pub(crate) first_step: u64,
    pub(crate) steps: u64,
    pub(crate) extra: usize,
    /// Per step, the host-side metric values.
    pub(crate) host: Vec<Vec<f32>>,
}

/// The object-safe face of a job that the scheduler drives.
pub trait Steppable {
    /// Whether the scheduler should give this job a slice now.
    fn wants_slice(&self) -> bool;
    /// Enqueues up to `max_steps` steps, stopping early once `over_budget()` says so (checked after
    /// each step; at least one step runs). Returns the slice's readback.
    fn run_slice(&mut self, max_steps: u64, over_budget: &mut dyn FnMut() -> bool) -> Option<Pending>;
    /// Files a finished readback. An `Err` (a lost device, say) is reported as diverged-free failure.
    fn complete(&mut self, ticket: Ticket, data: Result<Vec<TensorData>, String>);
    /// Whether the last readback failed (the device may be lost).
    fn readback_failed(&self) -> bool;
    /// Whether the panel is on screen (jobs off screen do not run).
    fn set_visible(&mut self, visible: bool);
    /// Current lifecycle state.
    fn status(&self) -> Status;
    /// Steps whose results have been read back.
    fn steps(&self) -> u64;
    /// The step budget: the run is done when it is spent.
    fn budget(&self) -> u64;
    /// Recorded metric series.
    fn metrics(&self) -> &Metrics;
    /// What went wrong, for the reader (divergence, a lost device), if anything did.
    fn error(&self) -> Option<String>;
    /// A counter bumped whenever what a view shows may have changed: a readback filed, a chunk of
    /// host work done, a reset. Views redraw when it moves, not on every tick.
    fn revision(&self) -> u64;
    /// Start or resume (see [`Job::play`]).
    fn play(&mut self);
    /// Pause (see [`Job::pause`]).
    fn pause(&mut self);
    /// One inspected step, then pause (see [`Job::step_once`]).
    fn step_once(&mut self);
    /// Start over (see [`Job::reset`]).
    fn reset(&mut self);
    /// Asks for the view tensors with the next slice (see [`Job::request_snapshot`]).
    fn request_snapshot(&mut self) {}
    /// The metric points recorded since the last call, for a copy of the metrics elsewhere.
    fn take_points(&mut self) -> Points {
        Points::default()
    }
    /// The experiment's view state, when it changed (see [`Experiment::view`](super::experiment::Experiment::view)).
    fn view_frame(&mut self) -> Option<Frame> {
        None
    }
}
