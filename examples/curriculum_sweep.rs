//! Measures panel 11's orderings natively on the CPU backend, to choose its defaults and find
//! where ordering matters: for each `steps,noise,pacing,ramp` given, every ordering's final test
//! accuracy (mean of the three seeds, with the lowest and highest), its accuracy by difficulty,
//! and the wall time.
//!
//!   SEED=1 cargo run --release --example curriculum_sweep -- 600,0,sqrt,0.5 600,0.3,sqrt,0.5

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::choice::Choice;
use trainlab::engine::job::Job;
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::curriculum::pacing::{Ordering, Pacing};
use trainlab::panels::curriculum::params::CurriculumParams;
use trainlab::panels::curriculum::race::Race;

fn main() {
    let seed = std::env::var("SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    for a in std::env::args().skip(1) {
        let f: Vec<&str> = a.split(',').collect();
        let [steps, noise, pacing, ramp] = f.as_slice() else { continue };
        let p = CurriculumParams {
            steps: steps.parse().unwrap_or(600),
            noise: noise.parse().unwrap_or(0.0),
            pacing: Pacing::from_key(pacing).unwrap_or(Pacing::Sqrt),
            ramp: ramp.parse().unwrap_or(0.5),
            seed,
            ..Default::default()
        };
        println!("== {a} (seed {seed})");
        for o in Ordering::ALL {
            let (cfg, device) = (p.race(o), cpu_device());
            let job = Rc::new(RefCell::new(Job::new(Box::new(move || Race::new(cfg, &device)), p.steps)));
            job.borrow_mut().play();
            let t = Instant::now();
            run_blocking(job.clone());
            let j = job.borrow();
            let last = |n: String| j.metrics().last(&n).unwrap_or(f64::NAN);
            let k = o.key();
            let by: Vec<String> = (1..=4).map(|d| format!("{:.2}", last(format!("acc_d{d}_{k}")))).collect();
            let mid = j
                .metrics()
                .get(&format!("test_acc_{k}"))
                .and_then(|s| s.points.get(s.points.len() / 2))
                .map_or(0.0, |p| p.1);
            println!(
                "  {k:>13}: {:.1}s  acc {:.3} [{:.3}, {:.3}]  halfway {mid:.3}  by digits {}",
                t.elapsed().as_secs_f64(),
                last(format!("test_acc_{k}")),
                last(format!("test_acc_{k}_min")),
                last(format!("test_acc_{k}_max")),
                by.join(" ")
            );
        }
    }
}
