//! Panel 14's phenomenon on the CPU backend, at the defaults a reader gets (`GrokParams::default()`:
//! p = 47, half the pairs for training, 2,500 steps, seed 0): with weight decay the model memorises
//! the training pairs long before it generalises (grokking), and without weight decay it never
//! generalises within the same budget. The embedding's Fourier spectrum concentrates on a few
//! frequencies only in the run that grokked. (The browser test runs a reduced configuration.)

mod common;

use common::{run_to_end, values};
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::{Job, Status};
use trainlab::panels::grokking::experiment::{split, Grok, GrokConfig};
use trainlab::panels::grokking::params::GrokParams;

/// The default run at weight decay `weight_decay` (λ = 1 is the default; the panel's λ = 0 copy is
/// the same model, checked below).
fn run(weight_decay: f64) -> Rc<RefCell<Job<Grok>>> {
    let defaults = GrokParams::default();
    let cfg = GrokConfig { weight_decay, compare: false, ..defaults.config() };
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || Grok::new(cfg, &device)), defaults.steps)));
    run_to_end(&job);
    assert_eq!(job.borrow().status(), Status::Done, "{:?}", job.borrow().error);
    job
}

/// The first step at which `series` reaches `level`, if it does.
fn first_at(steps: &[f64], series: &[f64], level: f64) -> Option<f64> {
    steps.iter().zip(series).find(|(_, v)| **v >= level).map(|(s, _)| *s)
}

#[test]
fn weight_decay_groks_long_after_memorising_and_without_it_the_model_never_generalises() {
    let grok = run(1.0);
    let j = grok.borrow();
    let steps: Vec<f64> = j.metrics().get("val_acc").unwrap().points.iter().map(|p| p.0 as f64).collect();
    let (train, val) = (values(&j, "train_acc"), values(&j, "val_acc"));
    assert!(train.iter().chain(&val).all(|a| (0.0..=1.0).contains(a)), "accuracies are fractions");
    let memorised = first_at(&steps, &train, 0.99).expect("training accuracy reaches 99%");
    let val_then = val[steps.iter().position(|s| *s == memorised).unwrap()];
    assert!(val_then < 0.5, "validation accuracy {val_then} at step {memorised}, when training reached 99%");
    let generalised = first_at(&steps, &val, 0.9).expect("validation accuracy reaches 90% within the budget");
    assert!(generalised > 2.0 * memorised, "grokked at {generalised}, memorised at {memorised}: not a long delay");
    let norms = values(&j, "weight_norm");
    let peak = norms.iter().copied().fold(0.0, f64::max);
    assert!(*norms.last().unwrap() < 0.95 * peak, "weight decay shrinks the weights after memorisation");
    let grokked_spectrum = j.exp().spectrum.clone().expect("the last slice reads the embedding back");

    let plain = run(0.0);
    let j = plain.borrow();
    let (train, val) = (values(&j, "train_acc"), values(&j, "val_acc"));
    assert!(*train.last().unwrap() >= 0.99, "without decay the training pairs are still memorised");
    let best = val.iter().copied().fold(0.0, f64::max);
    assert!(best < 0.5, "without weight decay validation accuracy reached {best}");
    // Generalising means computing with a few waves: the five strongest frequencies carry far more
    // of the embedding's power once the model has grokked than in the memorising run.
    let memorised_spectrum = j.exp().spectrum.clone().unwrap();
    let (g, m) = (grokked_spectrum.top_share(5), memorised_spectrum.top_share(5));
    assert!(g > 1.5 * m, "top-5 share {g} after grokking vs {m} without decay");
}

#[test]
fn the_comparison_run_is_the_same_model_without_decay() {
    let cfg = GrokConfig { p: 23, train_frac: 0.5, hidden: 32, lr: 5e-3, weight_decay: 1.0, seed: 2, compare: true };
    let device = cpu_device();
    let d = device.clone();
    let both = Rc::new(RefCell::new(Job::new(Box::new(move || Grok::new(cfg, &d)), 60)));
    run_to_end(&both);
    let plain_cfg = GrokConfig { weight_decay: 0.0, compare: false, ..cfg };
    let plain = Rc::new(RefCell::new(Job::new(Box::new(move || Grok::new(plain_cfg, &device)), 60)));
    run_to_end(&plain);
    let (b, p) = (both.borrow(), plain.borrow());
    assert_eq!(b.metric_names().len(), 10);
    assert_eq!(values(&b, "nodecay_val_loss"), values(&p, "val_loss"), "same weights, same data, λ = 0");
    assert_ne!(values(&b, "weight_norm"), values(&b, "nodecay_weight_norm"), "decay changes the run");
    assert!(b.exp().nodecay_spectrum.is_some());
}

#[test]
fn the_split_is_a_seeded_partition_of_all_pairs() {
    let (train, val) = split(23, 0.3, 4);
    assert_eq!(train.len(), (0.3f64 * 529.0).round() as usize);
    assert_eq!(train.len() + val.len(), 529);
    let mut all: Vec<_> = train.iter().chain(&val).copied().collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 529, "every pair exactly once");
    assert_eq!(split(23, 0.3, 4), (train.clone(), val), "same seed, same split");
    assert_ne!(split(23, 0.3, 5).0, train, "another seed, another split");
    let (t, v) = split(23, 0.0, 0);
    assert_eq!((t.len(), v.len()), (1, 528), "never an empty side");
}
