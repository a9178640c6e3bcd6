//! Native tests of the engine: determinism, an optimiser step against a hand computation, NaN
//! detection, the job lifecycle and scheduler fairness between jobs of unequal cost.

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

/// An experiment whose every step costs `cost_ms` on a shared fake clock.
struct Costly {
    device: Device,
    clock: Rc<std::cell::Cell<f64>>,
    cost_ms: f64,
}
impl Experiment for Costly {
    fn metric_names(&self) -> Vec<String> {
        vec!["train_loss".into()]
    }
    fn train_step(&mut self, step: u64, _: bool) -> StepOutput {
        self.clock.set(self.clock.get() + self.cost_ms);
        StepOutput { metrics: Tensor::from_floats([1.0 / step as f32], &self.device), host: vec![], extra: vec![] }
    }
}

fn costly(clock: &Rc<std::cell::Cell<f64>>, cost_ms: f64) -> Rc<RefCell<Job<Costly>>> {
    let (device, clock) = (cpu_device(), clock.clone());
    let job = Job::new(Box::new(move || Costly { device: device.clone(), clock: clock.clone(), cost_ms }), 100_000);
    Rc::new(RefCell::new(job))
}

#[test]
fn scheduler_shares_time_fairly_between_jobs_of_unequal_cost() {
    // A cheap job (1 ms a step) and one ten times dearer share a 40 ms frame: each should get
    // about 20 ms of it every frame, so neither starves and their times stay close, whichever
    // goes first. A scheduler that measured slices from the frame's start, or let the first job
    // run out the frame, would give one of them most of the time.
    let clock = Rc::new(std::cell::Cell::new(0.0));
    let (cheap, dear) = (costly(&clock, 1.0), costly(&clock, 10.0));
    let mut sched = Scheduler::default();
    sched.add(cheap.clone());
    sched.add(dear.clone());
    cheap.borrow_mut().play();
    dear.borrow_mut().play();
    let now = || clock.get();
    let frames = 40;
    let mut last = (0, 0);
    for f in 0..frames {
        for rb in sched.frame(40.0, &now) {
            rb.complete_blocking();
        }
        let (a, b) = (cheap.borrow().steps(), dear.borrow().steps());
        assert!(a > last.0 && b > last.1, "frame {f}: both must advance every frame ({last:?} -> {:?})", (a, b));
        last = (a, b);
    }
    let (ta, tb) = (last.0 as f64 * 1.0, last.1 as f64 * 10.0);
    let share = ta / (ta + tb);
    assert!((0.4..=0.6).contains(&share), "cheap job's share of the time {share:.2} ({ta} ms vs {tb} ms)");
    assert!(last.0 >= 4 * last.1, "the cheap job takes more steps in its share: {last:?}");
    // A paused job gets nothing and leaves the whole frame to the other.
    cheap.borrow_mut().pause();
    let before = dear.borrow().steps();
    for rb in sched.frame(40.0, &now) {
        rb.complete_blocking();
    }
    assert_eq!(cheap.borrow().steps(), last.0);
    assert!(dear.borrow().steps() >= before + 4, "the dear job alone gets the whole 40 ms");
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
