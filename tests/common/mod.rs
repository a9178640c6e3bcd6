//! Helpers shared by the native test files: run a job to completion on the CPU backend.

#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::{Experiment, Job};
use trainlab::engine::scheduler::Scheduler;
use trainlab::panels::backprop::{BackpropExperiment, BackpropParams};

/// A backprop job for `p` on the CPU backend.
pub fn backprop_job(p: &BackpropParams) -> Rc<RefCell<Job<BackpropExperiment>>> {
    let p2 = p.clone();
    let device = cpu_device();
    Rc::new(RefCell::new(Job::new(Box::new(move || BackpropExperiment::new(&p2, &device)), p.steps)))
}

/// Plays the job and drives a scheduler until it stops running (done or diverged), or `frames` pass.
pub fn run_to_end<E: Experiment + 'static>(job: &Rc<RefCell<Job<E>>>, frames: usize) {
    let mut sched = Scheduler::default();
    sched.add(job.clone());
    job.borrow_mut().play();
    for _ in 0..frames {
        for rb in sched.frame(1e9, &|| 0.0) {
            rb.complete_blocking();
        }
        let s = job.borrow().status();
        if s.as_str() != "running" {
            break;
        }
    }
}

/// The values of a series.
pub fn values<E: Experiment>(job: &Job<E>, name: &str) -> Vec<f64> {
    job.metrics().get(name).map(|s| s.points.iter().map(|p| p.1).collect()).unwrap_or_default()
}
