//! Panel 04's two jobs, as descriptions and as builds: the page lists them with [`parts`], and a
//! worker (or a native test) builds one with [`spawn`] on its own device.

use super::experiment::ScheduleRun;
use super::params::ScheduleParams;
use crate::engine::job::Job;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use burn::tensor::Device;
use std::cell::RefCell;
use std::rc::Rc;

/// Run A and run B (`"a"`, `"b"`); every change restarts both.
pub fn parts(p: &ScheduleParams) -> Vec<Part> {
    vec![Part::new("a", p.total as u64), Part::new("b", p.total as u64)]
}

/// Builds run `part` under its schedule from `p`.
pub fn spawn(part: &str, p: &ScheduleParams, budget: u64, device: &Device) -> Option<JobHandle> {
    let (kind, run) = match part {
        "a" => (p.a, "a"),
        "b" => (p.b, "b"),
        _ => return None,
    };
    let (s, seed, device) = (p.schedule(kind), p.seed, device.clone());
    Some(Rc::new(RefCell::new(Job::new(Box::new(move || ScheduleRun::new(&s, seed, run, &device)), budget))))
}
