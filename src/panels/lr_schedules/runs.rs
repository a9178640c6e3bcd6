//! Panel 04's jobs, built from its parameters on a given device: the view builds them on the
//! runtime's device, the registry-driven native tests on the CPU.

use super::experiment::ScheduleRun;
use super::params::ScheduleParams;
use crate::engine::job::Job;
use crate::engine::schedule::Kind;
use crate::engine::scheduler::JobHandle;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// One job of the panel.
pub type SharedJob = Rc<RefCell<Job<ScheduleRun>>>;

/// Builds run `run` ("a" or "b") under schedule `kind` from `p`.
pub fn factory(p: &ScheduleParams, kind: Kind, run: &'static str, device: &Device) -> Box<dyn Fn() -> ScheduleRun> {
    let (s, seed, device) = (p.schedule(kind), p.seed, device.clone());
    Box::new(move || ScheduleRun::new(&s, seed, run, &device))
}

/// The two runs: schedule A and schedule B.
pub fn pair(p: &ScheduleParams, device: &Device) -> [SharedJob; 2] {
    let budget = p.total as u64;
    [
        Rc::new(RefCell::new(Job::new(factory(p, p.a, "a", device), budget))),
        Rc::new(RefCell::new(Job::new(factory(p, p.b, "b", device), budget))),
    ]
}

/// The pair, and the jobs to schedule (both).
pub fn build(p: &ScheduleParams, device: &Device) -> ([SharedJob; 2], Vec<JobHandle>) {
    let jobs = pair(p, device);
    let scheduled = jobs.iter().map(|j| j.clone() as JobHandle).collect();
    (jobs, scheduled)
}

/// Every change restarts both runs from the new settings.
pub fn rebuild(jobs: &[SharedJob; 2], _old: &ScheduleParams, p: &ScheduleParams, device: &Device, play: bool) {
    for (j, (kind, run)) in jobs.iter().zip([(p.a, "a"), (p.b, "b")]) {
        j.borrow_mut().reconfigure(factory(p, kind, run, device), p.total as u64, play);
    }
}
