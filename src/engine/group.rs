//! Several jobs seen as one: a panel that trains two runs side by side (two schedules, two kinds of
//! weight decay, a race and a comparison) reports one status, one step count and one merged set of
//! metrics, and its Play/Pause/Step/Reset act on all of them.

use super::job::Status;
use super::metrics::Metrics;
use super::scheduler::JobHandle;

/// The jobs of one panel.
#[derive(Clone)]
pub struct JobGroup(pub Vec<JobHandle>);

impl JobGroup {
    /// Diverged if any diverged, running if any runs, done when all are done, then paused, idle.
    pub fn status(&self) -> Status {
        let s: Vec<Status> = self.0.iter().map(|j| j.borrow().status()).collect();
        if s.contains(&Status::Diverged) {
            Status::Diverged
        } else if s.contains(&Status::Running) {
            Status::Running
        } else if !s.is_empty() && s.iter().all(|x| *x == Status::Done) {
            Status::Done
        } else if s.contains(&Status::Paused) {
            Status::Paused
        } else {
            Status::Idle
        }
    }

    /// Steps completed by the slowest job.
    pub fn steps(&self) -> u64 {
        self.0.iter().map(|j| j.borrow().steps()).min().unwrap_or(0)
    }

    /// All jobs' series in one set (names are unique across a panel's jobs).
    pub fn metrics(&self) -> Metrics {
        let mut m = Metrics::default();
        for j in &self.0 {
            m.merge(j.borrow().metrics());
        }
        m
    }

    /// Applies `f` to every job (play, pause, step, reset).
    pub fn each(&self, f: impl Fn(&mut dyn super::job::Steppable)) {
        for j in &self.0 {
            f(&mut *j.borrow_mut());
        }
    }
}
