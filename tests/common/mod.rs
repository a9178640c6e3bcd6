//! Helpers shared by the native test files: run a job to completion on the CPU backend.

#![allow(dead_code)]

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::{Experiment, Job};
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::backprop::{BackpropExperiment, BackpropParams};

/// A backprop job for `p` on the CPU backend.
pub fn backprop_job(p: &BackpropParams) -> Rc<RefCell<Job<BackpropExperiment>>> {
    let p2 = p.clone();
    let device = cpu_device();
    Rc::new(RefCell::new(Job::new(Box::new(move || BackpropExperiment::new(&p2, &device)), p.steps)))
}

/// Plays the job and steps it until it stops (done, diverged, or not visible).
pub fn run_to_end<E: Experiment + 'static>(job: &Rc<RefCell<Job<E>>>) {
    job.borrow_mut().play();
    run_blocking(job.clone());
}

/// The values of a series.
pub fn values<E: Experiment>(job: &Job<E>, name: &str) -> Vec<f64> {
    job.metrics().get(name).map(|s| s.points.iter().map(|p| p.1).collect()).unwrap_or_default()
}

/// Every `.rs` file below `dir` (the source checks read `src/` with it).
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}
