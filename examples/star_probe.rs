//! Prints panel 17's accuracy per round and per length, filtered and unfiltered (a tuning aid).
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::Job;
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::star::run::{Star, StarRun, StarSettings};

fn main() {
    let a: Vec<f64> = std::env::args().skip(1).map(|v| v.parse().unwrap()).collect();
    let g = |i: usize, d: f64| a.get(i).copied().unwrap_or(d);
    for filter in [true, false] {
        let s = StarSettings {
            rounds: g(0, 6.0) as usize,
            steps: g(1, 400.0) as u64,
            seed_set: g(2, 40.0) as usize,
            pool: g(3, 400.0) as usize,
            temperature: g(4, 1.0),
            filter,
            rationalize: g(5, 0.0) > 0.0,
            restart: g(6, 1.0) > 0.0,
            lr: g(7, 0.01),
            seed: g(8, 1.0) as u64,
        };
        let t = std::time::Instant::now();
        let d = cpu_device();
        let budget = StarRun::total_steps(&Star::new(s, &d));
        let job = Rc::new(RefCell::new(Job::new(Box::new(move || StarRun::drive(Star::new(s, &d))), budget)));
        job.borrow_mut().play();
        run_blocking(job.clone());
        let j = job.borrow();
        println!("filter={filter} {:?} {:.1}s", j.status(), t.elapsed().as_secs_f64());
        for (r, v) in j.exp().rounds.iter().enumerate() {
            let by: Vec<String> = v.by_len.iter().map(|a| format!("{a:.2}")).collect();
            println!("  round {r}: kept {:4}  {}", v.kept, by.join(" "));
        }
        if let Some(v) = j.exp().rounds.get(1) {
            v.examples.iter().for_each(|e| println!("    {} {}", if e.1 { "✓" } else { "✗" }, e.0));
        }
    }
}
