//! Native tests of panel 04's phenomena.

use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::Job;
use trainlab::engine::schedule::{Kind, Schedule};
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::lr_schedules::experiment::ScheduleRun;

fn run(kind: Kind, peak: f64, total: usize) -> Vec<f64> {
    let s = Schedule { kind, peak, warmup: 50, total, min_ratio: 0.01 };
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || ScheduleRun::new(&s, 1, "a", &device)), total as u64)));
    job.borrow_mut().play();
    run_blocking(job.clone());
    let j = job.borrow();
    j.metrics().get("loss_a").map(|s| s.points.iter().map(|p| p.1).collect()).unwrap_or_default()
}

/// Peak LR of the panel's default comparison: high enough that Adam without warmup spikes.
const PEAK: f64 = 0.1;
const TOTAL: usize = 400;

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn warmup_keeps_the_early_loss_below_the_no_warmup_spike() {
    let constant = run(Kind::Constant, PEAK, TOTAL);
    let warm = run(Kind::WarmupCosine, PEAK, TOTAL);
    let wsd = run(Kind::Wsd, PEAK, TOTAL);
    assert_eq!(constant.len(), TOTAL);
    // Without warmup Adam's first steps (full size from step 1) throw the loss well above its start.
    assert!(
        max(&constant) > constant[0] * 1.3,
        "no spike without warmup: max {} vs start {}",
        max(&constant),
        constant[0]
    );
    assert!(max(&warm) < max(&constant), "warmup max {} vs constant max {}", max(&warm), max(&constant));
    assert!(max(&wsd) < max(&constant));
}

#[test]
fn decaying_schedules_end_lower_than_constant() {
    let last = |k| *run(k, PEAK, TOTAL).last().unwrap();
    let constant = last(Kind::Constant);
    for kind in [Kind::Cosine, Kind::Wsd, Kind::WarmupCosine] {
        let end = last(kind);
        assert!(end < constant, "{kind:?} ends at {end}, constant at {constant}");
    }
}
