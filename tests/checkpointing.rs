//! Panel 07's claims, natively: every strategy's gradient equals Burn autodiff's (and the
//! store-everything one's), the layers recomputed match each strategy's formula, the peaks are
//! ordered (everything stored highest, nothing stored lowest) and equal a hand count, and the √n
//! strategy's peak grows like √n while storing everything grows like n.

use burn::prelude::*;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::data::toy2d::{generate, Shape};
use trainlab::engine::models::mlp::{Activation, Mlp};
use trainlab::panels::checkpointing::params::CheckpointParams;
use trainlab::panels::checkpointing::run::{largest_diff, weights};
use trainlab::panels::checkpointing::segments::{pass, sqrt_k, Strategy, Weights};

const B: usize = 64;

fn net(n: usize, width: usize) -> (Mlp, Tensor<2>, Tensor<1, Int>) {
    let device = cpu_device();
    let mut dims = vec![2];
    dims.extend(std::iter::repeat_n(width, n));
    dims.push(2);
    let (x, y) = generate(Shape::Spiral, B, 0.1, 3).tensors(&device);
    (Mlp::new(&dims, Activation::Tanh, 5, &device), x, y)
}

fn scalar(t: Tensor<1>) -> f64 {
    f64::from(t.into_data().iter::<f32>().next().expect("one value"))
}

/// Burn autodiff's gradients of the mean cross-entropy.
fn autodiff(m: &Mlp, x: Tensor<2>, y: Tensor<1, Int>) -> (f64, Vec<Weights>) {
    let device = cpu_device();
    let loss = burn::nn::loss::CrossEntropyLossConfig::new().init(&device).forward(m.forward(x, Activation::Tanh), y);
    let value = scalar(loss.clone().inner());
    let grads = loss.backward();
    let g = m
        .layers
        .iter()
        .map(|l| {
            let b = l.bias.as_ref().expect("biases").val().grad(&grads).expect("a gradient");
            (l.weight.val().grad(&grads).expect("a gradient"), b)
        })
        .collect();
    (value, g)
}

#[test]
fn every_strategy_gives_autodiffs_gradient() {
    for n in [1, 3, 7, 16] {
        let (m, x, y) = net(n, 24);
        let (loss, reference) = autodiff(&m, x.clone(), y.clone());
        let (xi, yi) = (x.inner(), y.inner());
        let all = pass(&weights(&m), xi.clone(), yi.clone(), Strategy::All);
        assert!((scalar(all.loss.clone()) - loss).abs() < 1e-5, "n={n}: loss {} vs {loss}", scalar(all.loss));
        let to_burn = scalar(largest_diff(&all.grads, &reference));
        assert!(to_burn < 1e-5, "n={n}: store-everything differs from autodiff by {to_burn}");
        for s in [Strategy::EveryK(2), Strategy::EveryK(3), Strategy::EveryK(n), Strategy::Sqrt, Strategy::None] {
            let p = pass(&weights(&m), xi.clone(), yi.clone(), s);
            let d = scalar(largest_diff(&p.grads, &all.grads));
            assert!(d <= 1e-7, "n={n} {s:?}: differs from store-everything by {d}");
        }
    }
}

#[test]
fn recomputed_layers_match_the_formulas() {
    assert_eq!(
        (Strategy::None.recomputes(16), Strategy::Sqrt.recomputes(16), Strategy::EveryK(3).recomputes(16)),
        (120, 12, 10)
    );
    for n in 1..=12 {
        let (m, x, y) = net(n, 4);
        let (x, y, w) = (x.inner(), y.inner(), weights(&m));
        let mut strategies = vec![Strategy::All, Strategy::Sqrt, Strategy::None];
        strategies.extend((1..=n).map(Strategy::EveryK));
        for s in strategies {
            let p = pass(&w, x.clone(), y.clone(), s);
            assert_eq!(p.recomputed, s.recomputes(n), "n={n} {s:?}");
        }
    }
}

/// Peak bytes in units of one hidden activation, after taking away the input's bytes.
fn units(n: usize, width: usize, s: Strategy) -> f64 {
    let (m, x, y) = net(n, width);
    let input = (B * 2 * 4) as f64;
    let p = pass(&weights(&m), x.inner(), y.inner(), s);
    (p.memory.peak as f64 - input) / (B * width * 4) as f64
}

#[test]
fn peaks_match_a_hand_count_and_are_ordered() {
    // Everything stored: n activations, the gradient arriving from the head, and the top layer's
    // dz = g ⊙ (1 − h′²) beside it: n + 2. Nothing stored: the top layer's output, the gradient,
    // and two running activations during a recompute (or the restored input and dz): 4.
    for n in [4, 9, 16] {
        assert_eq!(units(n, 32, Strategy::All), (n + 2) as f64, "n={n}");
        assert_eq!(units(n, 32, Strategy::None), 4.0, "n={n}");
        let (all, sqrt, none) =
            (units(n, 32, Strategy::All), units(n, 32, Strategy::Sqrt), units(n, 32, Strategy::None));
        assert!(all > sqrt && sqrt >= none, "n={n}: {all} {sqrt} {none}");
    }
    let p = CheckpointParams::default();
    let at = |s| units(p.layers, p.width, s);
    let peaks = [at(Strategy::All), at(Strategy::EveryK(p.k)), at(Strategy::Sqrt), at(Strategy::None)];
    println!("at the defaults (n = {}), peaks in layer activations: {peaks:?}", p.layers);
    assert!(peaks[0] > peaks[1] && peaks[1] > peaks[2] && peaks[2] > peaks[3], "{peaks:?}");
}

#[test]
fn the_sqrt_peak_grows_like_sqrt_n() {
    // n from 9 to 36 (×4): √n doubles.
    let (small, large) = (units(9, 32, Strategy::Sqrt), units(36, 32, Strategy::Sqrt));
    let (a9, a36) = (units(9, 32, Strategy::All), units(36, 32, Strategy::All));
    println!("√n: {small} → {large} units; everything: {a9} → {a36}; k = {} → {}", sqrt_k(9), sqrt_k(36));
    assert!((1.6..=2.4).contains(&(large / small)), "√n peak ratio {}", large / small);
    assert!((3.2..=4.5).contains(&(a36 / a9)), "store-everything ratio {}", a36 / a9);
}

#[test]
fn the_default_run_trains_and_reports_every_strategy() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use trainlab::engine::job::{Job, Status};
    use trainlab::engine::scheduler::run_blocking;
    use trainlab::panels::checkpointing::run::CheckpointRun;
    let p = CheckpointParams::default();
    let (cfg, device) = (p.config(), cpu_device());
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || CheckpointRun::new(cfg, &device)), p.steps)));
    job.borrow_mut().play();
    run_blocking(job.clone());
    let j = job.borrow();
    assert_eq!(j.status(), Status::Done, "{:?}", j.error);
    let last = |name: &str| j.metrics().last(name).unwrap_or(f64::NAN);
    let first = |name: &str| j.metrics().get(name).map_or(f64::NAN, |s| s.points[0].1);
    println!(
        "loss {} → {}; peaks {:?}",
        first("loss"),
        last("loss"),
        ["all", "every_k", "sqrt", "none"].map(|s| last(&format!("peak_bytes_{s}")))
    );
    assert!(last("loss") < 0.7 * first("loss"), "the network should learn: {} → {}", first("loss"), last("loss"));
    for (s, strategy) in
        [("all", Strategy::All), ("every_k", Strategy::EveryK(p.k)), ("sqrt", Strategy::Sqrt), ("none", Strategy::None)]
    {
        assert!(last(&format!("grad_diff_{s}")) <= 1e-7, "{s}");
        assert_eq!(last(&format!("recomputed_{s}")), strategy.recomputes(p.layers) as f64, "{s}");
        assert!(last(&format!("step_ms_{s}")) > 0.0, "{s}: no time measured");
    }
    assert!(last("grad_diff_autodiff") < 1e-5);
    let peak = |s: &str| last(&format!("peak_bytes_{s}"));
    assert!(peak("all") > peak("every_k") && peak("every_k") > peak("sqrt") && peak("sqrt") > peak("none"));
}
