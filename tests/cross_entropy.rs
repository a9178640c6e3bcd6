//! Panel 01's language model on the CPU backend: it starts at about ln V (knowing nothing), learns
//! to beat the unigram entropy (the best loss without context), its samples come from the
//! vocabulary, and label smoothing raises the training objective it minimises.

mod common;

use common::{run_to_end, values};
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::data::text::Corpus;
use trainlab::engine::job::{Job, Status};
use trainlab::engine::rng::Rng;
use trainlab::panels::cross_entropy::experiment::{CharLm, LmConfig};

fn train(cfg: LmConfig, steps: u64) -> Rc<RefCell<Job<CharLm>>> {
    let corpus = Rc::new(Corpus::moby_dick());
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || CharLm::new(corpus.clone(), cfg, &device)), steps)));
    run_to_end(&job);
    job
}

#[test]
fn the_model_starts_at_ln_v_and_beats_the_unigram_entropy() {
    let corpus = Corpus::moby_dick();
    let (ln_v, unigram) = ((corpus.v() as f64).ln(), corpus.unigram_entropy());
    let t0 = std::time::Instant::now();
    let job = train(LmConfig { lr: 3e-3, smoothing: None, seed: 1 }, 600);
    eprintln!("600 steps in {:.2} s", t0.elapsed().as_secs_f64());
    let j = job.borrow();
    assert_eq!(j.status(), Status::Done, "{:?}", j.error);
    let (train, val) = (values(&j, "train_loss"), values(&j, "val_loss"));
    eprintln!("val {:.3} → {:.3}; train → {:.3}; ln V {ln_v:.3}, unigram {unigram:.3}", val[0], val[599], train[599]);
    assert!((val[0] - ln_v).abs() < 0.3, "initial val loss {} vs ln V {ln_v}", val[0]);
    assert!(val[599] < unigram - 0.3, "val loss {} did not beat the unigram entropy {unigram}", val[599]);
    // Text sampled from the read-back weights uses the vocabulary and continues the prompt.
    let host = j.exp().host.as_ref().expect("the last slice reads the weights back");
    let prompt = corpus.encode("call me ishmael. ");
    let text = corpus.decode(&host.sample(&prompt, 200, 1.0, &mut Rng::new(3)));
    eprintln!("sample: {text}");
    assert_eq!(text.chars().count(), 200);
    assert!(text.contains(' '), "no spaces in {text:?}");
}

#[test]
fn label_smoothing_raises_the_training_objective_but_not_the_held_out_loss_much() {
    let plain = train(LmConfig { lr: 3e-3, smoothing: None, seed: 1 }, 200);
    let smooth = train(LmConfig { lr: 3e-3, smoothing: Some(0.2), seed: 1 }, 200);
    let (p, s) = (plain.borrow(), smooth.borrow());
    let tail = |j: &Job<CharLm>, n: &str| values(j, n)[150..].iter().sum::<f64>() / 50.0;
    let (pt, st, pv, sv) = (tail(&p, "train_loss"), tail(&s, "train_loss"), tail(&p, "val_loss"), tail(&s, "val_loss"));
    eprintln!("train: plain {pt:.3}, smoothed {st:.3}; val: plain {pv:.3}, smoothed {sv:.3}");
    assert!(st > pt + 0.2, "smoothed objective {st} not above plain {pt}");
    assert!((sv - pv).abs() < 0.3, "held-out loss moved too much: {pv} vs {sv}");
}
