//! Prints panel 16's final A and B metrics per branch for given settings (a tuning aid).
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::Job;
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::forgetting::pair::{Language, Pair, Visual};
use trainlab::panels::forgetting::run::{Forgetting, ForgettingRun, Settings};

fn show<P: Pair + 'static>(make: impl Fn() -> P + 'static, s: Settings) {
    let t = std::time::Instant::now();
    let f = move || ForgettingRun::drive(Forgetting::new(make(), s));
    let budget = s.steps.0 + s.steps.1;
    let job = Rc::new(RefCell::new(Job::new(Box::new(f), budget)));
    job.borrow_mut().play();
    run_blocking(job.clone());
    let j = job.borrow();
    println!("{} {:?} {:.1}s err={:?}", P::NAME, j.status(), t.elapsed().as_secs_f64(), j.error);
    for (key, _) in s.branches() {
        let last = |t: &str| j.metrics().last(&format!("{}_{t}_{key}", P::METRIC)).unwrap_or(f64::NAN);
        let first = j.metrics().get(&format!("{}_a_{key}", P::METRIC)).map(|s| s.points[0].1).unwrap_or(f64::NAN);
        println!("  {key:10} A {first:.3} -> {:.3}   B {:.3}", last("a"), last("b"));
    }
}

fn main() {
    let a: Vec<f64> = std::env::args().skip(1).map(|v| v.parse().unwrap()).collect();
    let g = |i: usize, d: f64| a.get(i).copied().unwrap_or(d);
    let device = cpu_device();
    let s = Settings {
        steps: (g(0, 300.0) as u64, g(1, 300.0) as u64),
        lr: g(2, 0.01),
        replay: 0.25,
        ewc: g(3, 1000.0),
        l2: g(4, 1.0),
        low_lr: 0.1,
        every: 10,
        sweep: true,
        seed: 1,
    };
    let d = device.clone();
    show(move || Visual::new(1, &d), s);
    let d = device.clone();
    let s2 = Settings {
        steps: (g(5, 800.0) as u64, g(6, 400.0) as u64),
        lr: g(9, 0.003),
        ewc: g(7, 100.0),
        l2: g(8, 0.1),
        every: 25,
        ..s
    };
    show(move || Language::new(&d), s2);
}
