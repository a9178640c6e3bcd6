//! One scheduler for all training on a page: every frame, each job that wants to run gets a fair
//! share of a fixed time budget.
//!
//! Fairness: the frame budget is split evenly between the jobs that want a slice, and the job that
//! goes first rotates every frame, so a slow job can delay but never starve a fast one. Each slice
//! runs at least one step. The caller supplies the clock, which keeps this module free of any
//! browser API and lets native tests drive it.

use super::job::{Pending, Steppable};
use std::cell::RefCell;
use std::rc::Rc;

/// A job as the scheduler holds it, shared with the panel that owns it.
pub type JobHandle = Rc<RefCell<dyn Steppable>>;

/// A slice's readback together with the job to hand it back to.
pub struct Readback {
    /// The job that produced it.
    pub job: JobHandle,
    /// The transaction and its ticket.
    pub pending: Pending,
}

/// Round-robin, time-budgeted stepping of every registered job.
pub struct Scheduler {
    jobs: Vec<(u64, JobHandle)>,
    next_id: u64,
    cursor: usize,
    /// Upper bound on steps per slice (the GPU path keeps this small: its steps are enqueued
    /// faster than they run, so the clock alone does not bound them).
    pub max_steps_per_slice: u64,
    host_work_done: bool,
}

impl Default for Scheduler {
    fn default() -> Self {
        Self { jobs: Vec::new(), next_id: 1, cursor: 0, max_steps_per_slice: 256, host_work_done: false }
    }
}

impl Scheduler {
    /// Registers a job; the id unregisters it.
    pub fn add(&mut self, job: JobHandle) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.jobs.push((id, job));
        id
    }

    /// Whether a slice since the last call did host work instead of steps (and clears the flag).
    pub fn take_host_work_done(&mut self) -> bool {
        std::mem::take(&mut self.host_work_done)
    }

    /// Removes a job (when its panel unmounts).
    pub fn remove(&mut self, id: u64) {
        self.jobs.retain(|(i, _)| *i != id);
    }

    /// Runs one frame: gives every job that wants one a slice of `budget_ms / n` milliseconds, as
    /// measured by `now_ms`, and returns their readbacks for the caller to execute. A slice spent
    /// on host work (see [`Experiment::host_work`](super::job::Experiment::host_work)) has no
    /// readback; [`Scheduler::take_host_work_done`] tells the caller that the view may have changed.
    pub fn frame(&mut self, budget_ms: f64, now_ms: &dyn Fn() -> f64) -> Vec<Readback> {
        let n = self.jobs.len();
        if n == 0 {
            return Vec::new();
        }
        let start = self.cursor % n;
        self.cursor = self.cursor.wrapping_add(1);
        let order: Vec<JobHandle> = (0..n).map(|i| self.jobs[(start + i) % n].1.clone()).collect();
        let wanting: Vec<JobHandle> = order.into_iter().filter(|j| j.borrow().wants_slice()).collect();
        if wanting.is_empty() {
            return Vec::new();
        }
        let share = budget_ms / wanting.len() as f64;
        let mut out = Vec::new();
        for job in wanting {
            let t0 = now_ms();
            let mut over = || now_ms() - t0 >= share;
            let pending = job.borrow_mut().run_slice(self.max_steps_per_slice, &mut over);
            match pending {
                Some(pending) => out.push(Readback { job, pending }),
                None => self.host_work_done = true,
            }
        }
        out
    }
}

impl Readback {
    /// Executes the readback synchronously (native, and the CPU backend) and files the result.
    pub fn complete_blocking(self) {
        let (tx, ticket) = self.pending.into_parts();
        let data = tx.try_execute().map_err(|e| format!("{e:?}"));
        self.job.borrow_mut().complete(ticket, data);
    }

    /// Executes the readback asynchronously (the browser) and files the result.
    pub async fn complete_async(self) {
        let (tx, ticket) = self.pending.into_parts();
        let data = tx.execute_async().await.map_err(|e| format!("{e:?}"));
        self.job.borrow_mut().complete(ticket, data);
    }
}

/// Steps `job` (already playing) until it stops wanting slices: done, diverged or paused, or not
/// visible. For native code (tests, examples, benchmarks), where readbacks complete synchronously.
pub fn run_blocking(job: JobHandle) {
    let mut scheduler = Scheduler::default();
    scheduler.add(job.clone());
    while job.borrow().wants_slice() {
        for rb in scheduler.frame(f64::INFINITY, &|| 0.0) {
            rb.complete_blocking();
        }
    }
}
