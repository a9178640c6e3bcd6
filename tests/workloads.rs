//! The benchmark workloads (W1–W3) are real training runs: their data has the specified shape and
//! their loss falls. The benches time them; these tests keep them honest.

use trainlab::engine::backend::cpu_device;
use trainlab::engine::workloads::{build, WorkloadId};

fn losses(id: WorkloadId, steps: usize) -> Vec<f32> {
    let device = cpu_device();
    let mut w = build(id, 0, &device);
    (0..steps).map(|_| w.step().into_data().iter::<f32>().next().unwrap()).collect()
}

#[test]
fn the_spiral_is_learned() {
    let l = losses(WorkloadId::SpiralMlp, 300);
    assert!((l[0] - 2f32.ln()).abs() < 0.3, "starts near ln 2: {}", l[0]);
    assert!(l[299] < 0.5 * l[0], "{} -> {}", l[0], l[299]);
}

#[test]
fn the_grok_batch_and_the_transformer_train() {
    let g = losses(WorkloadId::GrokMlp, 30);
    assert!(g.iter().all(|v| v.is_finite()) && g[29] < g[0], "grok-mlp {} -> {}", g[0], g[29]);
    let t = losses(WorkloadId::CharTransformer, 12);
    assert!((t[0] - 65f32.ln()).abs() < 1.0, "a fresh transformer is near ln 65: {}", t[0]);
    assert!(t[11] < t[0] - 0.3, "char-transformer {} -> {}", t[0], t[11]);
}

#[test]
fn workload_keys_round_trip() {
    for id in WorkloadId::ALL {
        assert_eq!(WorkloadId::from_key(id.key()), Some(id));
    }
    let (xs, ys) = trainlab::engine::workloads::spiral(3);
    assert_eq!((xs.len(), ys.len()), (1024, 512));
    assert!(ys.iter().enumerate().all(|(i, &c)| c == (i % 2) as i64), "class is i mod 2");
    assert!(xs.chunks(2).all(|p| (p[0] * p[0] + p[1] * p[1]).sqrt() < 1.0), "radius t < 1");
}

/// Naive A·B in f64 from row-major values.
fn reference(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> Vec<f64> {
    let mut c = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            c[i * n + j] = (0..k).map(|p| f64::from(a[i * k + p]) * f64::from(b[p * n + j])).sum();
        }
    }
    c
}

/// W1's matmuls have a dimension of 2 (its input, its two classes, and their transposes in the
/// backward pass), where gemm runs its edge cases. Each shape is checked against an f64
/// reference, with plain, transposed (strided) and sliced (offset) operands.
#[test]
fn small_matmuls_match_a_reference() {
    use burn::prelude::*;
    let device = cpu_device();
    let mut rng = trainlab::engine::rng::Rng::stream(7, 1);
    let mut values = |len: usize| (0..len).map(|_| rng.range(-1.0, 1.0) as f32).collect::<Vec<f32>>();
    let shapes = [
        (512, 2, 32),
        (512, 32, 2),
        (2, 512, 32),
        (32, 512, 2),
        (4, 4, 4),
        (3, 9, 1),
        (1, 1, 40),
        (5, 3, 12),
        (33, 17, 9),
    ];
    for (m, k, n) in shapes {
        let (a, b) = (values(m * k), values(k * n));
        let want = reference(&a, &b, m, k, n);
        let ta: Tensor<2> = Tensor::from_data(TensorData::new(a.clone(), [m, k]), &device);
        let tb: Tensor<2> = Tensor::from_data(TensorData::new(b.clone(), [k, n]), &device);
        // The same operands stored transposed, then viewed back: strided layouts.
        let at: Tensor<2> = Tensor::from_data(TensorData::new(a.clone(), [m, k]), &device).transpose();
        let at = Tensor::from_data(at.into_data(), &device).transpose();
        let bt: Tensor<2> = Tensor::from_data(TensorData::new(b.clone(), [k, n]), &device).transpose();
        let bt = Tensor::from_data(bt.into_data(), &device).transpose();
        // Offset views: a row of padding sliced away.
        let pad = |v: &[f32], r: usize, c: usize| -> Tensor<2> {
            let mut p = vec![9.0; c];
            p.extend_from_slice(v);
            Tensor::<2>::from_data(TensorData::new(p, [r + 1, c]), &device).slice([1..r + 1, 0..c])
        };
        let cases = [
            ("plain", ta.clone().matmul(tb.clone())),
            ("strided lhs", at.clone().matmul(tb.clone())),
            ("strided rhs", ta.clone().matmul(bt.clone())),
            ("both strided", at.matmul(bt)),
            ("offset", pad(&a, m, k).matmul(pad(&b, k, n))),
        ];
        for (what, got) in cases {
            assert_eq!(got.dims(), [m, n], "{what} {m}x{k}x{n}");
            let got = got.into_data().iter::<f32>().collect::<Vec<f32>>();
            for (g, w) in got.iter().zip(&want) {
                assert!((f64::from(*g) - w).abs() < 1e-4 * (1.0 + w.abs()), "{what} {m}x{k}x{n}: {g} vs {w}");
            }
        }
    }
}
