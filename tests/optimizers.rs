//! Burn's optimisers on a two-parameter point, checked against hand computations: Adam's first step
//! has magnitude lr in every coordinate; AdamW (decoupled decay) and Adam + L2 (decay folded into
//! the gradient) follow their own formulas and end at different parameters.
//! Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization".

use burn::optim::decay::WeightDecayConfig;
use burn::optim::{AdamConfig, AdamWConfig, GradientsParams, ModuleOptimizer};
use trainlab::engine::backend::cpu_device;
use trainlab::engine::surfaces::{Point, Surface};

const LR: f64 = 0.01;
const EPS: f64 = 1e-8;

fn run(optim: &mut ModuleOptimizer, surface: Surface, start: (f64, f64), steps: usize) -> Vec<[f64; 2]> {
    let device = cpu_device();
    let mut point = Point::new(start.0, start.1, &device);
    let mut path = Vec::new();
    for _ in 0..steps {
        let loss = surface.tensor(point.theta.val());
        let grads = GradientsParams::from_grads(loss.backward(), &point);
        point = optim.step(LR, point, grads);
        let v: Vec<f32> = point.theta.val().into_data().iter::<f32>().collect();
        path.push([f64::from(v[0]), f64::from(v[1])]);
    }
    path
}

#[test]
fn adams_first_step_has_magnitude_lr_in_every_coordinate() {
    for (surface, start) in [(Surface::Rosenbrock, (-1.2, 1.0)), (Surface::IllConditioned, (2.0, 0.05))] {
        let mut adam = AdamConfig::new().with_epsilon(EPS as f32).init();
        let p = run(&mut adam, surface, start, 1)[0];
        for (after, before) in p.iter().zip([start.0, start.1]) {
            let step = (after - f64::from(before as f32)).abs();
            assert!((step - LR).abs() < 1e-5, "{surface:?}: |Δθ| = {step}, want lr = {LR}");
        }
    }
}

/// Hand-written Adam on f = ½(x² + κy²) (∇f = (x, κy)), with L2 (`decoupled = false`: g += λθ) or
/// AdamW decay (`decoupled = true`: θ ← θ(1 − ηλ) − η m̂/(√v̂ + ε)).
fn reference(lambda: f64, decoupled: bool, start: [f64; 2], steps: usize) -> [f64; 2] {
    let (b1, b2) = (0.9f64, 0.999f64);
    let kappa = trainlab::engine::surfaces::KAPPA;
    let (mut th, mut m, mut v) = (start, [0.0; 2], [0.0; 2]);
    for t in 1..=steps {
        let mut next = th;
        for i in 0..2 {
            let mut g = if i == 0 { th[0] } else { kappa * th[1] };
            if !decoupled {
                g += lambda * th[i];
            }
            m[i] = b1 * m[i] + (1.0 - b1) * g;
            v[i] = b2 * v[i] + (1.0 - b2) * g * g;
            let mh = m[i] / (1.0 - b1.powi(t as i32));
            let vh = v[i] / (1.0 - b2.powi(t as i32));
            let base = if decoupled { th[i] * (1.0 - LR * lambda) } else { th[i] };
            next[i] = base - LR * mh / (vh.sqrt() + EPS);
        }
        th = next;
    }
    th
}

#[test]
fn adamw_and_adam_l2_differ_and_each_matches_its_formula() {
    let (lambda, steps, start) = (1.0, 20, [1.5f32 as f64, -0.8f32 as f64]);
    let mut l2 = AdamConfig::new()
        .with_epsilon(EPS as f32)
        .with_weight_decay(Some(WeightDecayConfig::new(lambda as f32)))
        .init();
    let mut w = AdamWConfig::new().with_epsilon(EPS as f32).with_weight_decay(lambda as f32).init();
    let got_l2 = *run(&mut l2, Surface::IllConditioned, (start[0], start[1]), steps).last().unwrap();
    let got_w = *run(&mut w, Surface::IllConditioned, (start[0], start[1]), steps).last().unwrap();
    let (ref_l2, ref_w) = (reference(lambda, false, start, steps), reference(lambda, true, start, steps));
    for i in 0..2 {
        assert!((got_l2[i] - ref_l2[i]).abs() < 1e-4, "Adam+L2 θ{i}: {} vs hand {}", got_l2[i], ref_l2[i]);
        assert!((got_w[i] - ref_w[i]).abs() < 1e-4, "AdamW θ{i}: {} vs hand {}", got_w[i], ref_w[i]);
    }
    let gap = (got_l2[0] - got_w[0]).abs().max((got_l2[1] - got_w[1]).abs());
    assert!(gap > 1e-3, "AdamW and Adam+L2 should differ after {steps} steps at λ = {lambda}: gap {gap}");
}
