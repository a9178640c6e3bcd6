//! Panel 03's phenomena on the CPU backend: the race (momentum outruns SGD in a narrow valley; a
//! diverging racer is frozen without stopping the others), Adam's internals (the recomputed
//! moments predict the step Burn's Adam takes; the first corrected step is η, the uncorrected one
//! (1−β₁)/√(1−β₂) times larger), and Adam + L2 against AdamW (identical at λ = 0, apart at λ > 0).

mod common;

use common::{run_to_end, values};
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::{Experiment, Job, Status};
use trainlab::engine::surfaces::Surface;
use trainlab::panels::adam::decay::DecayPair;
use trainlab::panels::adam::race::{Hyper, Race, OPTIMIZERS};

fn race(surface: Surface, start: (f64, f64), h: Hyper, steps: u64) -> Rc<RefCell<Job<Race>>> {
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || Race::new(surface, start, &h, &device)), steps)));
    run_to_end(&job);
    job
}

const HYPER: Hyper = Hyper { lr: 0.02, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 };

#[test]
fn momentum_outruns_sgd_in_the_narrow_valley() {
    let job = race(Surface::IllConditioned, (2.0, 0.05), HYPER, 150);
    let j = job.borrow();
    let last = |n: &str| *values(&j, n).last().unwrap();
    for n in OPTIMIZERS {
        assert!(last(&format!("loss_{n}")) < 2.0, "{n} did not descend: {}", last(&format!("loss_{n}")));
    }
    // On f = ½(x² + 20y²) from x = 2, plain SGD at η = 0.02 shrinks x by only 2% a step; heavy-ball
    // momentum (μ = 0.9) builds up speed along the valley floor and gets much lower.
    assert!(
        last("loss_momentum") < 0.1 * last("loss_sgd"),
        "momentum {} vs sgd {}",
        last("loss_momentum"),
        last("loss_sgd")
    );
}

#[test]
fn a_diverging_racer_is_frozen_and_the_others_keep_going() {
    // At η = 0.01 on Rosenbrock, SGD's first step from (−1.2, 1) is ≈ 2.2 units and it then explodes;
    // Adam's steps are bounded by ≈ η and it stays in the valley.
    let h = Hyper { lr: 0.01, ..HYPER };
    let job = race(Surface::Rosenbrock, (-1.2, 1.0), h, 200);
    let j = job.borrow();
    assert_eq!(j.status(), Status::Done, "{:?}", j.error);
    assert_eq!(j.steps(), 200);
    let alive = |n: &str| *values(&j, &format!("alive_{n}")).last().unwrap();
    assert_eq!(alive("sgd"), 0.0, "SGD should have left the arena");
    assert_eq!(alive("adam"), 1.0);
    for (name, series) in j.metrics().iter() {
        assert!(series.points.iter().all(|p| p.1.is_finite()), "{name} has a non-finite value");
    }
    // Frozen: SGD's last recorded position is inside the arena and no longer moves.
    let xs = values(&j, "x_sgd");
    assert!(xs.last().unwrap().abs() <= trainlab::panels::adam::race::ARENA);
    assert_eq!(xs[xs.len() - 1], xs[xs.len() - 2]);
    let adam = values(&j, "loss_adam");
    assert!(adam.last().unwrap() < &adam[0], "Adam should still descend: {} → {}", adam[0], adam.last().unwrap());
}

#[test]
fn adams_recomputed_moments_predict_burns_step_and_show_the_bias_correction() {
    let job = race(Surface::IllConditioned, (2.0, 0.5), HYPER, 60);
    let j = job.borrow();
    let (m_hat, v_hat, step, raw) =
        (values(&j, "adam_m_hat"), values(&j, "adam_v_hat"), values(&j, "adam_step"), values(&j, "adam_step_raw"));
    assert_eq!(step.len(), 60);
    for t in 0..60 {
        let predicted = m_hat[t].abs() / (v_hat[t].sqrt() + HYPER.eps);
        assert!(
            (step[t] - predicted).abs() < 2e-3 * (1.0 + predicted.abs()),
            "t={t}: Burn stepped {} η, moments say {predicted}",
            step[t]
        );
    }
    // Step 1: the corrected step is exactly η; without correction m/√v = (1−β₁)/√(1−β₂) ≈ 3.16.
    assert!((step[0] - 1.0).abs() < 1e-3, "first step {}", step[0]);
    let uncorrected = (1.0 - HYPER.beta1) / (1.0 - HYPER.beta2).sqrt();
    assert!((raw[0] - uncorrected).abs() < 1e-2, "uncorrected {} vs {uncorrected}", raw[0]);
}

fn decay(lambda: f64, steps: u64) -> Rc<RefCell<Job<DecayPair>>> {
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || DecayPair::new(lambda, 1, &device)), steps)));
    run_to_end(&job);
    job
}

#[test]
fn adam_l2_and_adamw_agree_without_decay_and_part_with_it() {
    let job = decay(0.0, 30);
    let j = job.borrow();
    for (a, b) in [("decay_loss_adam_l2", "decay_loss_adamw"), ("weight_norm_adam_l2", "weight_norm_adamw")] {
        let (a, b) = (values(&j, a), values(&j, b));
        assert!(a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-5 * (1.0 + x.abs())), "λ = 0 must make them equal");
    }
    // At the panel's default λ = 0.01 (η = 0.01) the L2 term, divided by √v̂ like the rest of the
    // gradient, pulls the weights in so hard that Adam + L2 barely fits the spiral; AdamW shrinks
    // every weight by only (1 − ηλ) a step and fits it (measured: ‖θ‖ ≈ 2.3 against ≈ 29 at step 400).
    let job = decay(0.01, 400);
    let j = job.borrow();
    let last = |n: &str| *values(&j, n).last().unwrap();
    let (l2, w) = (last("weight_norm_adam_l2"), last("weight_norm_adamw"));
    eprintln!("λ = 0.01 after 400 steps: ‖θ‖ Adam+L2 {l2:.3}, AdamW {w:.3}");
    assert!(l2 < 0.5 * w, "Adam + L2 should end with a much smaller norm: {l2} vs AdamW {w}");
    assert!(last("decay_loss_adamw") < 0.5 * last("decay_loss_adam_l2"), "AdamW should fit better at this λ");
}

#[test]
fn the_panels_two_jobs_name_their_series_apart() {
    // window.trainlab merges both jobs' series, so a shared name would hide one of them.
    let device = cpu_device();
    let race = Race::new(Surface::Saddle, (1.0, 0.1), &HYPER, &device).metric_names();
    let decay = DecayPair::new(0.01, 1, &device).metric_names();
    assert!(race.iter().all(|n| !decay.contains(n)), "shared names: {race:?} / {decay:?}");
}
