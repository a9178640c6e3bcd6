//! The page's copy of a job that trains in a [`Host`](super::host::Host) (a Web Worker, or the page
//! itself): a [`Mirror`] answers what the scheduler, the panels and `window.trainlab` ask of a
//! job (status, steps, metrics, errors) from the host's last [`Update`], and turns Play, Pause,
//! Step, Reset and visibility into messages. Play and Reset show at once (a reset run's old
//! updates are dropped); Pause and Step show once the host answers, so that a paused run's step
//! count holds. See [`protocol`](super::protocol) for why the host's later updates cannot undo
//! what the page shows.

use super::metrics::Metrics;
use super::protocol::{Op, ToHost, Update};
use super::spec::JobSpec;
use super::steppable::{Pending, Status, Steppable, Ticket};
use super::view::Frame;
use burn::tensor::TensorData;
use serde::de::DeserializeOwned;
use std::rc::Rc;

/// Where a mirror's messages go (the runtime routes them to the job's worker).
pub type Sender = Rc<dyn Fn(ToHost)>;

/// A job that trains elsewhere, as the page sees it.
pub struct Mirror {
    id: u64,
    spec: JobSpec,
    status: Status,
    steps: u64,
    budget: u64,
    metrics: Metrics,
    error: Option<String>,
    revision: u64,
    epoch: u64,
    seq: u64,
    view: Option<Frame>,
    view_revision: u64,
    visible: bool,
    /// Its host is gone (a worker crashed): the next Reset or Play builds it again elsewhere.
    lost: bool,
    send: Sender,
}

impl Mirror {
    /// A mirror of a job not yet submitted (see [`Mirror::submit`]).
    pub fn new(id: u64, spec: JobSpec, send: Sender) -> Self {
        let budget = spec.budget.max(1);
        Self {
            id,
            spec,
            status: Status::Idle,
            steps: 0,
            budget,
            metrics: Metrics::default(),
            error: None,
            revision: 0,
            epoch: 0,
            seq: 0,
            view: None,
            view_revision: 0,
            visible: true,
            lost: false,
            send,
        }
    }

    /// The page's id for the job.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// What the job was built from.
    pub fn spec(&self) -> &JobSpec {
        &self.spec
    }

    /// Asks the host to build the job, playing at once when `play` is set.
    pub fn submit(&mut self, play: bool) {
        if play {
            self.status = self.status.played();
        }
        let (job, spec, visible, epoch, seq) = (self.id, self.spec.clone(), self.visible, self.epoch, self.seq);
        (self.send)(ToHost::Submit { job, spec, play, visible, epoch, seq });
    }

    /// Submits the job again (to a new host, after its first one could not start), in the state
    /// the page shows: same epoch, playing if it was.
    pub fn resubmit(&mut self) {
        let play = self.status == Status::Running;
        self.submit(play);
    }

    /// Applies a host's update; one of an older epoch is ignored, and its status only counts once
    /// the host has seen the latest command.
    pub fn apply(&mut self, u: Update) {
        if u.epoch != self.epoch || self.lost {
            return;
        }
        self.metrics.replay(&u.points);
        self.steps = u.steps;
        self.budget = u.budget.max(1);
        self.error = u.error;
        if let (true, Some(s)) = (u.seq >= self.seq, u.status) {
            self.status = s;
        }
        if u.view.is_some() {
            self.view = u.view;
            self.view_revision += 1;
        }
        self.revision += 1;
    }

    /// The job's host failed it (a worker crashed, or the job could not be built): training
    /// stops with `why` shown, and Reset (or Play) builds it again.
    pub fn fail(&mut self, why: String) {
        self.lost = true;
        self.status = Status::Paused;
        self.error = Some(why);
        self.revision += 1;
    }

    /// Whether the host failed the job (see [`Mirror::fail`]).
    pub fn is_lost(&self) -> bool {
        self.lost
    }

    /// Starts over from `spec`: a new epoch, running when `play` is set or it was running.
    pub fn reconfigure(&mut self, spec: JobSpec, play: bool) {
        let run = play || self.status == Status::Running;
        self.spec = spec;
        self.budget = self.spec.budget.max(1);
        self.start_over();
        if self.lost {
            self.lost = false;
            self.submit(run);
            return;
        }
        if run {
            self.status = Status::Running;
        }
        let (job, spec, seq) = (self.id, self.spec.clone(), self.seq);
        (self.send)(ToHost::Reconfigure { job, spec, play: run, seq });
    }

    /// The view state the host last sent, decoded as `T`; `None` before the first, or when it does
    /// not decode as `T`.
    pub fn view<T: DeserializeOwned>(&self) -> Option<T> {
        self.view.as_ref().and_then(|f| f.decode().ok())
    }

    /// Bumped whenever a new view state arrives (a view that consumes each one compares it).
    pub fn view_revision(&self) -> u64 {
        self.view_revision
    }

    fn start_over(&mut self) {
        self.epoch += 1;
        self.seq += 1;
        self.status = Status::Idle;
        self.steps = 0;
        self.metrics.clear();
        self.error = None;
        self.view = None;
        self.revision += 1;
    }

    fn command(&mut self, op: Op) {
        self.seq += 1;
        (self.send)(ToHost::Cmd { job: self.id, seq: self.seq, op });
    }
}

impl Steppable for Mirror {
    fn wants_slice(&self) -> bool {
        false
    }
    fn run_slice(&mut self, _max_steps: u64, _over: &mut dyn FnMut() -> bool) -> Option<Pending> {
        None
    }
    fn complete(&mut self, _ticket: Ticket, _data: Result<Vec<TensorData>, String>) {}
    fn readback_failed(&self) -> bool {
        false
    }
    fn set_visible(&mut self, visible: bool) {
        if visible != self.visible {
            self.visible = visible;
            (self.send)(ToHost::Visible { job: self.id, on: visible });
        }
    }
    fn status(&self) -> Status {
        self.status
    }
    fn steps(&self) -> u64 {
        self.steps
    }
    fn budget(&self) -> u64 {
        self.budget
    }
    fn metrics(&self) -> &Metrics {
        &self.metrics
    }
    fn error(&self) -> Option<String> {
        self.error.clone()
    }
    fn revision(&self) -> u64 {
        self.revision
    }
    fn play(&mut self) {
        if self.lost {
            self.reset();
        }
        self.status = self.status.played();
        self.command(Op::Play);
    }
    /// The status changes once the host answers, not at once: steps already under way still come
    /// in, and a paused run must not count on.
    fn pause(&mut self) {
        self.command(Op::Pause);
    }
    fn step_once(&mut self) {
        if self.lost {
            self.reset();
        }
        // As with Pause, "paused" shows once the host has run the step.
        self.command(Op::Step);
    }
    fn reset(&mut self) {
        self.start_over();
        if self.lost {
            self.lost = false;
            self.submit(false);
        } else {
            (self.send)(ToHost::Cmd { job: self.id, seq: self.seq, op: Op::Reset });
        }
    }
    fn request_snapshot(&mut self) {
        (self.send)(ToHost::Snapshot { job: self.id });
    }
}

impl Drop for Mirror {
    fn drop(&mut self) {
        (self.send)(ToHost::Drop { job: self.id });
    }
}
