//! Several jobs seen as one: a panel that trains two runs side by side (two schedules, two kinds of
//! weight decay, a race and a comparison) reports one status, one step count and one merged set of
//! metrics, and its Play/Pause/Step/Reset act on all of them.

use super::job::Status;
use super::metrics::Metrics;
use super::scheduler::JobHandle;

/// The jobs of one panel.
#[derive(Clone, Default)]
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

    /// Steps done and steps budgeted, summed over the jobs (a progress bar over all of them).
    pub fn progress(&self) -> (u64, u64) {
        self.0.iter().map(|j| (j.borrow().steps(), j.borrow().budget())).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }

    /// All jobs' series in one set. Names must be unique across a panel's jobs; where two clash,
    /// the first job's series is kept (see [`JobGroup::try_metrics`], which the tests call).
    pub fn metrics(&self) -> Metrics {
        self.merged().0
    }

    /// All jobs' series in one set, or the names that two jobs both report.
    pub fn try_metrics(&self) -> Result<Metrics, Vec<String>> {
        match self.merged() {
            (m, clashes) if clashes.is_empty() => Ok(m),
            (_, clashes) => Err(clashes),
        }
    }

    fn merged(&self) -> (Metrics, Vec<String>) {
        let mut m = Metrics::default();
        let mut clashes = Vec::new();
        for j in &self.0 {
            if let Err(c) = m.merge(j.borrow().metrics()) {
                clashes.extend(c);
            }
        }
        (m, clashes)
    }

    /// Applies `f` to every job (play, pause, step, reset).
    pub fn each(&self, f: impl Fn(&mut dyn super::job::Steppable)) {
        for j in &self.0 {
            f(&mut *j.borrow_mut());
        }
    }
}
