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
