//! Native tests of the engine: determinism, an optimiser step against a hand computation, NaN
//! detection, the job lifecycle and scheduler fairness.

mod common;

use burn::module::Param;
use burn::nn::loss::CrossEntropyLossConfig;
use burn::nn::Linear;
use burn::optim::{GradientsParams, SgdConfig};
use burn::prelude::*;
use common::{backprop_job, run_to_end, values};
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::{Experiment, Job, Status, StepOutput, Steppable};
use trainlab::engine::scheduler::Scheduler;
use trainlab::panels::backprop::BackpropParams;

fn small() -> BackpropParams {
    BackpropParams { steps: 30, width: 8, ..Default::default() }
}

#[test]
fn same_seed_same_numbers_other_seed_other_numbers() {
    let a = backprop_job(&small());
    let b = backprop_job(&small());
    let c = backprop_job(&BackpropParams { seed: 2, ..small() });
    for j in [&a, &b, &c] {
        run_to_end(j);
    }
    let (la, lb, lc) =
        (values(&a.borrow(), "train_loss"), values(&b.borrow(), "train_loss"), values(&c.borrow(), "train_loss"));
    assert_eq!(la.len(), 30);
    assert_eq!(la, lb, "same seed must reproduce bit for bit");
    assert_ne!(la, lc);
    assert_eq!(a.borrow().metrics(), b.borrow().metrics());
}

#[test]
fn reset_reproduces_the_run() {
    let job = backprop_job(&small());
    run_to_end(&job);
    let first = job.borrow().metrics().clone();
    job.borrow_mut().reset();
    assert_eq!(job.borrow().status(), Status::Idle);
    assert_eq!(job.borrow().steps(), 0);
    run_to_end(&job);
    assert_eq!(job.borrow().status(), Status::Done);
    assert_eq!(job.borrow().metrics(), &first);
}

/// One SGD step of a 2→2 linear softmax classifier on one point, against the hand computation
/// ∂L/∂W = x ⊗ (softmax(xW + b) − onehot(y)), ∂L/∂b = softmax − onehot, W' = W − η ∂L/∂W.
#[test]
fn sgd_step_matches_hand_computation() {
    let device = cpu_device();
    let w0 = [[0.5f32, -0.25], [0.1, 0.3]]; // [in, out]
    let b0 = [0.05f32, -0.05];
    let x = [1.5f32, -2.0];
    let y = 1usize;
    let lr = 0.2f64;
    let layer = Linear {
        weight: Param::from_tensor(Tensor::<2>::from_data(TensorData::new(w0.concat(), [2, 2]), &device)),
        bias: Some(Param::from_tensor(Tensor::<1>::from_data(TensorData::new(b0.to_vec(), [2]), &device))),
    };
    let input = Tensor::<2>::from_data(TensorData::new(x.to_vec(), [1, 2]), &device);
    let target = Tensor::<1, Int>::from_data(TensorData::new(vec![y as i64], [1]), &device);
    let loss = CrossEntropyLossConfig::new().init(&device).forward(layer.forward(input), target);
    let loss_value: f32 = loss.clone().into_scalar();
    let grads = GradientsParams::from_grads(loss.backward(), &layer);
    let mut optim = SgdConfig::new().init();
    let layer = optim.step(lr, layer, grads);
    let w1: Vec<f32> = layer.weight.val().into_data().iter::<f32>().collect();

    // Hand computation in f64.
    let z: Vec<f64> = (0..2).map(|j| f64::from(x[0] * w0[0][j] + x[1] * w0[1][j] + b0[j])).collect();
    let m = z[0].max(z[1]);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: Vec<f64> = e.iter().map(|v| v / (e[0] + e[1])).collect();
    assert!((f64::from(loss_value) + s[y].ln()).abs() < 1e-5, "loss {loss_value} vs {}", -s[y].ln());
    for i in 0..2 {
        for j in 0..2 {
            let d = s[j] - if j == y { 1.0 } else { 0.0 };
            let expected = f64::from(w0[i][j]) - lr * f64::from(x[i]) * d;
            let got = f64::from(w1[i * 2 + j]);
            assert!((got - expected).abs() < 1e-5, "W[{i}][{j}] = {got}, hand {expected}");
        }
    }
}

/// An experiment whose loss becomes NaN at step 3 (no model needed).
struct NanAt3(Device);
impl Experiment for NanAt3 {
    fn metric_names(&self) -> Vec<String> {
        vec!["train_loss".into()]
    }
    fn train_step(&mut self, step: u64, _: bool) -> StepOutput {
        let v = if step == 3 { f32::NAN } else { 1.0 / step as f32 };
        StepOutput { metrics: Tensor::from_floats([v], &self.0), host: vec![], extra: vec![] }
    }
}

#[test]
fn nan_is_caught_and_reset_recovers() {
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || NanAt3(device.clone())), 10)));
    run_to_end(&job);
    assert_eq!(job.borrow().status(), Status::Diverged);
    assert_eq!(job.borrow().steps(), 3);
    assert!(job.borrow().error.as_deref().unwrap_or("").contains("step 3"));
    job.borrow_mut().play(); // cannot resume a diverged run
    assert_eq!(job.borrow().status(), Status::Diverged);
    job.borrow_mut().reset();
    assert_eq!(job.borrow().status(), Status::Idle);
    assert!(job.borrow().metrics().get("train_loss").is_none());
}

#[test]
fn a_huge_learning_rate_diverges_in_the_real_model() {
    let p = BackpropParams {
        lr: 10.0,
        act: trainlab::engine::models::mlp::Activation::Relu,
        steps: 2_000,
        ..Default::default()
    };
    let job = backprop_job(&p);
    run_to_end(&job);
    let j = job.borrow();
    assert_eq!(j.status(), Status::Diverged, "after {} steps", j.steps());
    assert!(j.steps() < 100, "caught early, at step {}", j.steps());
    assert!(j.error.as_deref().unwrap_or("").contains("loss reached"));
    drop(j);
    // The default learning rate never trips the same check.
    let calm =
        backprop_job(&BackpropParams { act: trainlab::engine::models::mlp::Activation::Relu, ..Default::default() });
    run_to_end(&calm);
    assert_eq!(calm.borrow().status(), Status::Done);
}

#[test]
fn step_once_runs_one_step_and_shows_the_update() {
    let p = BackpropParams { optim: trainlab::panels::backprop::params::Optim::Sgd, ..small() };
    let job = backprop_job(&p);
    job.borrow_mut().step_once();
    let mut sched = Scheduler::default();
    sched.add(job.clone());
    for rb in sched.frame(1e9, &|| 0.0) {
        rb.complete_blocking();
    }
    let j = job.borrow();
    assert_eq!(j.steps(), 1);
    assert_eq!(j.status(), Status::Paused);
    let ins = j.exp().inspection.clone().expect("step once reads layer 0");
    assert_eq!(ins.step, 1);
    for k in 0..ins.before.len() {
        let expected = ins.before[k] - (p.lr as f32) * ins.grad[k];
        assert!((ins.after[k] - expected).abs() < 1e-6, "w' = w − η g at {k}");
    }
    assert!(ins.grad.iter().any(|g| *g != 0.0));
}

#[test]
fn scheduler_is_fair_between_two_jobs() {
    let a = backprop_job(&BackpropParams { steps: 1_000, ..small() });
    let b = backprop_job(&BackpropParams { steps: 1_000, seed: 9, ..small() });
    let mut sched = Scheduler::default();
    sched.add(a.clone());
    sched.add(b.clone());
    a.borrow_mut().play();
    b.borrow_mut().play();
    // A fake clock that advances 1 ms per reading: each job's share of a 8 ms frame is 4 ms.
    let clock = std::cell::Cell::new(0.0);
    let now = || {
        clock.set(clock.get() + 1.0);
        clock.get()
    };
    for _ in 0..10 {
        for rb in sched.frame(8.0, &now) {
            rb.complete_blocking();
        }
    }
    let (sa, sb) = (a.borrow().steps(), b.borrow().steps());
    assert!(sa >= 10 && sb >= 10, "both advance: {sa} vs {sb}");
    assert!(sa.abs_diff(sb) <= 10, "evenly: {sa} vs {sb}");
    // A paused job gets nothing and leaves the whole budget to the other.
    a.borrow_mut().pause();
    for rb in sched.frame(8.0, &now) {
        rb.complete_blocking();
    }
    assert_eq!(a.borrow().steps(), sa);
    assert!(b.borrow().steps() > sb);
}

#[test]
fn an_invisible_job_does_not_run() {
    let a = backprop_job(&small());
    a.borrow_mut().set_visible(false);
    run_to_end(&a);
    assert_eq!(a.borrow().steps(), 0);
    assert_eq!(a.borrow().status(), Status::Running);
}

#[test]
fn a_readback_from_before_a_reconfigure_is_ignored() {
    let job = backprop_job(&small());
    job.borrow_mut().play();
    let mut sched = Scheduler::default();
    sched.add(job.clone());
    let stale = sched.frame(1e9, &|| 0.0);
    assert_eq!(stale.len(), 1);
    let p = BackpropParams { seed: 5, ..small() };
    let device = cpu_device();
    job.borrow_mut().reconfigure(
        Box::new(move || trainlab::panels::backprop::BackpropExperiment::new(&p, &device)),
        30,
        false,
    );
    for rb in stale {
        rb.complete_blocking();
    }
    assert_eq!(job.borrow().steps(), 0, "the old run's results must not land in the new one");
    assert!(job.borrow().metrics().get("train_loss").is_none());
    assert_eq!(job.borrow().status(), Status::Running, "a running job keeps running with the new settings");
}
