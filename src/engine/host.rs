//! Where jobs train: a [`Host`] builds jobs from their descriptions, steps them with the fair
//! [`Scheduler`], and reports each one's progress as [`Update`]s, at most one per job every
//! [`Host::min_interval_ms`] (about 30 a second) unless its status or a command needs an answer
//! sooner. A Web Worker runs one; the page runs one itself when no worker can start. The clock is
//! the caller's, so native tests drive it.

use super::protocol::{Op, ToHost, ToMain, Update};
use super::scheduler::{JobHandle, Readback, Scheduler};
use super::spec::{JobSpec, Spawn};
use super::steppable::Status;
use burn::tensor::Device;
use std::collections::BTreeMap;

/// At most this many workers: each holds its own copy of the module's memory and of its jobs'
/// models and data, and no page trains more than a handful of jobs at once.
pub const MAX_WORKERS: usize = 4;

/// Workers for this page: `?workers=N` (1–8) if given, else one per core but one (the page's own
/// thread renders), at least one, at most [`MAX_WORKERS`].
pub fn pool_size(query_workers: Option<usize>, hardware_concurrency: usize) -> usize {
    match query_workers {
        Some(n) => n.clamp(1, 8),
        None => hardware_concurrency.saturating_sub(1).clamp(1, MAX_WORKERS),
    }
}

/// One hosted job and what was last reported of it.
struct Hosted {
    handle: JobHandle,
    sched: u64,
    visible: bool,
    epoch: u64,
    seq: u64,
    /// `(revision, status, steps, error, epoch, seq)` at the last update.
    last: Option<(u64, Status, u64, Option<String>, u64, u64)>,
    sent_at: f64,
}

/// Jobs built from descriptions, stepped fairly, reported in updates.
pub struct Host {
    spawn: Spawn,
    device: Device,
    scheduler: Scheduler,
    jobs: BTreeMap<u64, Hosted>,
    tab_hidden: bool,
    steps_run: u64,
    out: Vec<ToMain>,
    /// The least time between two updates of one running job.
    pub min_interval_ms: f64,
}

impl Host {
    /// A host that builds jobs with `spawn` on `device`.
    pub fn new(spawn: Spawn, device: Device) -> Self {
        let scheduler = Scheduler::default();
        Self {
            spawn,
            device,
            scheduler,
            jobs: BTreeMap::new(),
            tab_hidden: false,
            steps_run: 0,
            out: Vec::new(),
            min_interval_ms: 33.0,
        }
    }

    /// Caps the steps of one slice (small on the GPU, whose steps are enqueued faster than they run).
    pub fn set_max_steps_per_slice(&mut self, n: u64) {
        self.scheduler.max_steps_per_slice = n.max(1);
    }

    /// Steps run here since the host started.
    pub fn steps_run(&self) -> u64 {
        self.steps_run
    }

    /// Acts on a message from the page. A job that cannot be built is reported by the next
    /// [`Host::updates`]; commands for unknown jobs are ignored.
    pub fn handle(&mut self, msg: ToHost) {
        match msg {
            ToHost::Submit { job, spec, play, visible, epoch, seq } => {
                self.drop_job(job);
                if let Some(handle) = self.build(job, &spec) {
                    let mut h = handle.borrow_mut();
                    h.set_visible(visible);
                    if play {
                        h.play();
                    }
                    drop(h);
                    let sched = self.scheduler.add(handle.clone());
                    self.jobs.insert(
                        job,
                        Hosted { handle, sched, visible, epoch, seq, last: None, sent_at: f64::NEG_INFINITY },
                    );
                }
            }
            ToHost::Reconfigure { job, spec, play, seq } => self.reconfigure(job, &spec, play, seq),
            ToHost::Cmd { job, seq, op } => {
                let Some(j) = self.jobs.get_mut(&job) else { return };
                j.seq = seq;
                let mut h = j.handle.borrow_mut();
                match op {
                    Op::Play => h.play(),
                    Op::Pause => h.pause(),
                    Op::Step => h.step_once(),
                    Op::Reset => {
                        h.reset();
                        j.epoch += 1;
                    }
                }
            }
            ToHost::Visible { job, on } => {
                if let Some(j) = self.jobs.get_mut(&job) {
                    j.visible = on;
                    j.handle.borrow_mut().set_visible(on);
                }
            }
            ToHost::Tab { hidden } => self.tab_hidden = hidden,
            ToHost::Snapshot { job } => {
                if let Some(j) = self.jobs.get(&job) {
                    j.handle.borrow_mut().request_snapshot();
                }
            }
            ToHost::Drop { job } => self.drop_job(job),
            ToHost::Crash | ToHost::Panic => {}
        }
    }

    fn build(&mut self, job: u64, spec: &JobSpec) -> Option<JobHandle> {
        match (self.spawn)(spec, &self.device) {
            Ok(h) => Some(h),
            Err(message) => {
                self.out.push(ToMain::Failed { job, message });
                None
            }
        }
    }

    fn reconfigure(&mut self, job: u64, spec: &JobSpec, play: bool, seq: u64) {
        let Some(old) = self.jobs.get(&job) else { return };
        let was_running = old.handle.borrow().status() == Status::Running;
        let Some(handle) = self.build(job, spec) else {
            // The page shows the failure; the old settings must not go on training.
            self.drop_job(job);
            return;
        };
        let j = self.jobs.get_mut(&job).expect("looked up above");
        self.scheduler.remove(j.sched);
        handle.borrow_mut().set_visible(j.visible);
        if play || was_running {
            handle.borrow_mut().play();
        }
        j.sched = self.scheduler.add(handle.clone());
        j.handle = handle;
        j.epoch += 1;
        j.seq = seq;
    }

    fn drop_job(&mut self, job: u64) {
        if let Some(j) = self.jobs.remove(&job) {
            self.scheduler.remove(j.sched);
        }
    }

    /// Whether any job wants to step now.
    pub fn busy(&self) -> bool {
        !self.tab_hidden && self.jobs.values().any(|j| j.handle.borrow().wants_slice())
    }

    /// One round of stepping within `budget_ms` (split fairly among the jobs that want it);
    /// returns the readbacks to execute. Nothing while the tab is hidden.
    pub fn frame(&mut self, budget_ms: f64, now_ms: &dyn Fn() -> f64) -> Vec<Readback> {
        if self.tab_hidden {
            return Vec::new();
        }
        let rbs = self.scheduler.frame(budget_ms, now_ms);
        self.steps_run += rbs.iter().map(|rb| rb.pending.ticket.steps).sum::<u64>();
        rbs
    }

    /// The updates due at `now_ms`, failures first. The flag says whether a change was held back
    /// by the rate limit (ask again within [`Host::min_interval_ms`]).
    pub fn updates(&mut self, now_ms: f64) -> (Vec<ToMain>, bool) {
        let mut out = std::mem::take(&mut self.out);
        let mut held = false;
        let host_steps = self.steps_run;
        for (&job, j) in &mut self.jobs {
            let mut h = j.handle.borrow_mut();
            let state = (h.revision(), h.status(), h.steps(), h.error(), j.epoch, j.seq);
            if j.last.as_ref() == Some(&state) {
                continue;
            }
            let urgent = j.last.as_ref().is_none_or(|l| (l.1, l.4, l.5) != (state.1, state.4, state.5));
            if !urgent && now_ms - j.sent_at < self.min_interval_ms {
                held = true;
                continue;
            }
            let update = Update {
                job,
                epoch: j.epoch,
                seq: j.seq,
                status: Some(state.1),
                steps: state.2,
                budget: h.budget(),
                error: state.3.clone(),
                points: h.take_points(),
                view: h.view_frame(),
                host_steps,
                host_memory: 0.0,
            };
            drop(h);
            j.last = Some(state);
            j.sent_at = now_ms;
            out.push(ToMain::Update(update));
        }
        (out, held)
    }
}

#[cfg(test)]
mod tests {
    use super::pool_size;

    #[test]
    fn one_worker_per_core_but_one_capped_and_overridable() {
        assert_eq!(pool_size(None, 1), 1);
        assert_eq!(pool_size(None, 2), 1);
        assert_eq!(pool_size(None, 4), 3);
        assert_eq!(pool_size(None, 64), 4);
        assert_eq!(pool_size(Some(2), 2), 2);
        assert_eq!(pool_size(Some(0), 2), 1);
        assert_eq!(pool_size(Some(99), 2), 8);
    }
}
