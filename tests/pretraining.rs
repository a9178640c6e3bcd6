//! Panel 08 on the CPU backend: the model's parameter count matches its formula, weights survive
//! a trip to the host and back, sampling on the device draws from the model's own distribution,
//! the corpus's entropies match hand computations, the tokenizer round-trips both texts, and the
//! default run (what a reader gets) ends below the corpus's bigram entropy in bits per character
//! while its checkpoint samples turn from noise into words.

mod common;

use burn::module::Module;
use burn::prelude::*;
use common::{run_to_end, values};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::data::tokens::{bigram_entropy, sequences, unigram_entropy, Tokens};
use trainlab::engine::job::{Job, Status};
use trainlab::engine::models::gpt::{Gpt, GptShape};
use trainlab::engine::models::sample::{generate, next_token_probs};
use trainlab::engine::models::weights::{flatten, load};
use trainlab::engine::rng::Rng;
use trainlab::panels::pretraining::config::CorpusKind;
use trainlab::panels::pretraining::experiment::{checkpoints, Pretrain};
use trainlab::panels::pretraining::params::PretrainParams;

const TINY: GptShape = GptShape { vocab: 7, context: 8, layers: 1, heads: 2, d_model: 8, d_ff: 32 };

fn host(m: &Gpt) -> Vec<Vec<f32>> {
    flatten(m).into_iter().map(|t| t.into_data().try_into_vec::<f32>().unwrap()).collect()
}

#[test]
fn the_parameter_count_formula_matches_burn() {
    let device = cpu_device();
    for s in [TINY, GptShape { vocab: 512, context: 64, layers: 2, heads: 4, d_model: 64, d_ff: 256 }] {
        assert_eq!(Gpt::new(s, &device).num_params(), s.params(), "{s:?}");
    }
    // The default model: Kaplan's N ≈ 12·L·d² (plus biases and norms).
    let s = GptShape { vocab: 512, context: 64, layers: 2, heads: 4, d_model: 64, d_ff: 256 };
    assert_eq!(s.non_embedding(), 99_968);
    assert!((s.non_embedding() as f64 / (12.0 * 2.0 * 64.0 * 64.0) - 1.0).abs() < 0.02);
}

#[test]
fn a_seed_gives_the_same_weights_and_they_load_back_exactly() {
    let device = cpu_device();
    let (a, b, c) = (Gpt::seeded(TINY, 5, &device), Gpt::seeded(TINY, 5, &device), Gpt::seeded(TINY, 6, &device));
    assert_eq!(host(&a), host(&b));
    assert_ne!(host(&a), host(&c));
    let plain = Device::flex();
    let loaded = load(Gpt::new(TINY, &plain), &host(&a)).unwrap();
    assert_eq!(host(&loaded), host(&a));
    assert!(load(Gpt::new(TINY, &plain), &host(&a)[1..]).is_err(), "too few lists must be an error");
    let mut wrong = host(&a);
    wrong[0].pop();
    assert!(load(Gpt::new(TINY, &plain), &wrong).is_err(), "a list of the wrong size must be an error");
}

#[test]
fn device_sampling_draws_from_the_models_distribution() {
    let device = cpu_device();
    let model = Gpt::seeded(TINY, 2, &device);
    let prompt = [1, 4, 2];
    let p: Vec<f32> = next_token_probs(&model, &prompt, TINY.context).into_data().try_into_vec().unwrap();
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    let rows = 4000;
    let ids: Vec<i32> =
        generate(&model, &prompt, rows, 1, 1.0, TINY.context, &mut Rng::new(9)).into_data().try_into_vec().unwrap();
    for (tok, &pt) in p.iter().enumerate() {
        let f = ids.iter().filter(|&&i| i == tok as i32).count() as f64 / rows as f64;
        let se = (f64::from(pt) * (1.0 - f64::from(pt)) / rows as f64).sqrt();
        assert!((f - f64::from(pt)).abs() < 4.0 * se + 1e-3, "token {tok}: drawn {f}, p = {pt}");
    }
    // Longer runs: the shape, and the same seed gives the same text.
    let a = generate(&model, &prompt, 3, 12, 0.8, TINY.context, &mut Rng::new(1));
    let b = generate(&model, &prompt, 3, 12, 0.8, TINY.context, &mut Rng::new(1));
    assert_eq!(a.dims(), [3, 12]);
    assert_eq!(a.into_data(), b.into_data());
}

#[test]
fn entropies_and_batches_by_hand() {
    // a b a b …: one bit of unigram entropy, none left given the previous token.
    let ab: Vec<u32> = (0..1000).map(|i| i % 2).collect();
    assert!((unigram_entropy(&ab) - 2f64.ln()).abs() < 1e-12);
    assert!(bigram_entropy(&ab).abs() < 1e-12);
    // Independent draws: the bigram entropy matches the unigram one.
    let mut rng = Rng::new(4);
    let iid: Vec<u32> = (0..200_000).map(|_| (rng.next_u64() % 4) as u32).collect();
    assert!((bigram_entropy(&iid) - 4f64.ln()).abs() < 1e-3);
    let text: Vec<u32> = (0..100).collect();
    let (x, y) = sequences(&text, 5, 3, &mut Rng::new(1), &cpu_device());
    let (x, y): (Vec<i32>, Vec<i32>) = (x.into_data().try_into_vec().unwrap(), y.into_data().try_into_vec().unwrap());
    assert!(x.iter().zip(&y).all(|(a, b)| b - a == 1), "every target is the next token");
}

#[test]
fn both_texts_round_trip_through_the_tokenizer() {
    for c in CorpusKind::ALL_KINDS {
        let t = Tokens::new(c.text(), 512);
        let n = c.text().chars().count();
        let cut = c.text().char_indices().nth(n * 9 / 10).unwrap().0;
        assert_eq!(t.bpe.decode(&t.train), c.text()[..cut], "{c:?}");
        assert_eq!(t.bpe.decode(&t.val), c.text()[cut..], "{c:?}");
        assert_eq!(Tokens::new(c.text(), 512).bpe, t.bpe, "{c:?}: training is deterministic");
        let s = t.stats();
        assert!(s.char_bigram_bits < s.char_unigram_bits && s.bigram < s.unigram, "{c:?}: {s:?}");
        assert!(s.chars_per_token > 2.0, "{c:?}: {s:?}");
    }
}

/// The share of a text's words that occur in `words`.
fn known_share(text: &str, words: &HashSet<&str>) -> f64 {
    let ws: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 1).collect();
    ws.iter().filter(|w| words.contains(*w)).count() as f64 / ws.len().max(1) as f64
}

#[test]
fn the_default_run_beats_the_bigram_entropy_and_its_samples_become_words() {
    let p = PretrainParams::default();
    let cfg = p.run;
    let data = Rc::new(Tokens::new(cfg.corpus.text(), cfg.vocab));
    let stats = data.stats();
    let device = cpu_device();
    let d = data.clone();
    let t0 = std::time::Instant::now();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || Pretrain::new(d.clone(), cfg, &device)), cfg.steps)));
    run_to_end(&job);
    let j = job.borrow();
    assert_eq!(j.status(), Status::Done, "{:?}", j.error);
    let bits = values(&j, "bits_per_char");
    let last = bits[bits.len() - 10..].iter().sum::<f64>() / 10.0;
    eprintln!(
        "{} steps in {:.1} s; bits/char {:.3} → {last:.3}; bigram {:.3}",
        cfg.steps,
        t0.elapsed().as_secs_f64(),
        bits[0],
        stats.char_bigram_bits
    );
    assert!(last < stats.char_bigram_bits - 0.5, "held-out {last} bits/char, bigram {}", stats.char_bigram_bits);
    let (val0, ln_v) = (values(&j, "val_loss")[0], (data.v() as f64).ln());
    assert!((val0 - ln_v).abs() < 0.5, "the untrained model's loss {val0} is not near a uniform guess's ln V = {ln_v}");
    assert_eq!(values(&j, "tokens_seen").last().copied(), Some((cfg.steps * cfg.tokens_per_step()) as f64));
    // One sample set per checkpoint, and the last reads far more like the text than the first.
    let cps = &j.exp().state().checkpoints;
    assert_eq!(cps.iter().map(|c| c.step).collect::<Vec<_>>(), checkpoints(cfg.steps));
    let words: HashSet<&str> = cfg.corpus.text().split(|c: char| !c.is_alphabetic()).collect();
    let share = |i: usize| cps[i].texts.iter().map(|t| known_share(t, &words)).sum::<f64>() / cps[i].texts.len() as f64;
    let (first, end) = (share(0), share(cps.len() - 1));
    eprintln!(
        "known words: {first:.2} at step 1, {end:.2} at the end\n  {:?}\n  {:?}",
        cps[0].texts[0],
        cps[cps.len() - 1].texts[0]
    );
    assert!(end > first + 0.2 && end > 0.5, "known-word share {first:.2} → {end:.2}");
}
