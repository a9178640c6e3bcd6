//! Several jobs seen as one: a panel that trains two runs side by side (two schedules, two kinds of
//! weight decay, a race and a comparison) reports one status, one step count and one merged set of
//! metrics, and its Play/Pause/Step/Reset act on all of them.

use super::job::Status;
use super::metrics::Metrics;
use super::scheduler::JobHandle;
use std::cell::RefCell;

/// Series a panel computes from its jobs' series rather than trains (panel 12's fit of a law to
/// its runs' results, whose runs are spread over several jobs): `update` receives the merged
/// series and the derived ones so far, and is called again only when the series whose names begin
/// with `input` gained or lost points.
#[derive(Clone, Copy)]
pub struct Derive {
    /// Prefix of the series the derived ones depend on.
    pub input: &'static str,
    /// Brings the derived series up to date.
    pub update: fn(&Metrics, &mut Metrics),
}

/// The jobs of one panel.
#[derive(Clone, Default)]
pub struct JobGroup {
    /// The jobs, in the panel's order.
    pub jobs: Vec<JobHandle>,
    derive: Option<Derive>,
    /// Points of the input series at the last update, and the derived series.
    derived: RefCell<(usize, Metrics)>,
}

impl JobGroup {
    /// The group of `jobs`.
    pub fn new(jobs: Vec<JobHandle>) -> Self {
        Self { jobs, ..Self::default() }
    }

    /// Adds the derived series `derive` (if any) to the group's metrics.
    pub fn with_derive(mut self, derive: Option<Derive>) -> Self {
        self.derive = derive;
        self
    }

    /// Sets the derived series' rule.
    pub fn set_derive(&mut self, derive: Option<Derive>) {
        self.derive = derive;
        *self.derived.borrow_mut() = (0, Metrics::default());
    }

    /// Replaces the jobs, keeping the derived series' rule.
    pub fn set_jobs(&mut self, jobs: Vec<JobHandle>) {
        self.jobs = jobs;
    }

    /// Diverged if any diverged, running if any runs, done when all are done, then paused, idle.
    pub fn status(&self) -> Status {
        let s: Vec<Status> = self.jobs.iter().map(|j| j.borrow().status()).collect();
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
        self.jobs.iter().map(|j| j.borrow().steps()).min().unwrap_or(0)
    }

    /// Steps done and steps budgeted, summed over the jobs (a progress bar over all of them).
    pub fn progress(&self) -> (u64, u64) {
        self.jobs.iter().map(|j| (j.borrow().steps(), j.borrow().budget())).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
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
        for j in &self.jobs {
            if let Err(c) = m.merge(j.borrow().metrics()) {
                clashes.extend(c);
            }
        }
        if let Some(d) = self.derive {
            let n: usize = m.iter().filter(|(k, _)| k.starts_with(d.input)).map(|(_, s)| s.points.len()).sum();
            let mut cache = self.derived.borrow_mut();
            if n != cache.0 {
                if n < cache.0 {
                    cache.1.clear();
                }
                cache.0 = n;
                (d.update)(&m, &mut cache.1);
            }
            if let Err(c) = m.merge(&cache.1) {
                clashes.extend(c);
            }
        }
        (m, clashes)
    }

    /// Applies `f` to every job (play, pause, step, reset).
    pub fn each(&self, f: impl Fn(&mut dyn super::job::Steppable)) {
        for j in &self.jobs {
            f(&mut *j.borrow_mut());
        }
    }
}
