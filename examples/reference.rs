//! Prints panel 02's `train_loss` series as JSON for a URL query, computed natively on the CPU
//! backend. The browser tests compare it with the same query run in the page: same seed, same
//! numbers, natively and in wasm.
//!
//! Usage: `cargo run --example reference -- 'dataset=spiral&seed=3&steps=40'`

use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::Job;
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::backprop::{BackpropExperiment, BackpropParams};
use trainlab::state::query::{Query, UrlParams};

fn main() {
    let query = std::env::args().nth(1).unwrap_or_default();
    let mut notes = Vec::new();
    let p = BackpropParams::from_query(&Query::parse(&query), &mut notes);
    for n in &notes {
        eprintln!("note: {n}");
    }
    let device = cpu_device();
    let p2 = p.clone();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || BackpropExperiment::new(&p2, &device)), p.steps)));
    job.borrow_mut().play();
    run_blocking(job.clone());
    let j = job.borrow();
    let pts = j.metrics().get("train_loss").map(|s| s.points.clone()).unwrap_or_default();
    let json: Vec<(u64, f64)> = pts;
    println!("{}", serde_json::json!({ "train_loss": json, "status": j.status().as_str() }));
}
