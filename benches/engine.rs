//! Native benchmark of the reference workloads (W1–W3, see `trainlab::engine::workloads`) on the
//! engine's CPU backend: training steps per second after a warm-up, reading the loss back every
//! step as the panels do. A benchmark, not a test: it prints figures and asserts nothing.
//!
//!   cargo bench --bench engine                    all three, about 5 s each
//!   cargo bench --bench engine -- grok-mlp 10     one workload, 10 s
//!
//! Prints a Markdown table and writes `target/bench-native.json`.

use std::time::Instant;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::workloads::{build, WorkloadId};

/// Steps run before timing starts (allocations, caches).
const WARMUP: usize = 5;

struct Row {
    workload: &'static str,
    steps: usize,
    seconds: f64,
    final_loss: f32,
}

fn measure(id: WorkloadId, seconds: f64) -> Row {
    let device = cpu_device();
    let mut w = build(id, 0, &device);
    let read = |t: burn::tensor::Tensor<1>| t.into_data().iter::<f32>().next().unwrap_or(f32::NAN);
    for _ in 0..WARMUP {
        read(w.step());
    }
    let t0 = Instant::now();
    let (mut steps, mut loss) = (0, f32::NAN);
    while t0.elapsed().as_secs_f64() < seconds || steps < 3 {
        loss = read(w.step());
        steps += 1;
    }
    Row { workload: id.key(), steps, seconds: t0.elapsed().as_secs_f64(), final_loss: loss }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let only = args.first().and_then(|k| WorkloadId::from_key(k));
    let seconds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let ids: Vec<WorkloadId> = only.map(|w| vec![w]).unwrap_or_else(|| WorkloadId::ALL.to_vec());
    let rows: Vec<Row> = ids.into_iter().map(|id| measure(id, seconds)).collect();
    println!("\n| workload | backend | steps/s | steps | final loss |\n| --- | --- | --- | --- | --- |");
    for r in &rows {
        let rate = r.steps as f64 / r.seconds;
        println!("| {} | cpu (flex, native) | {rate:.1} | {} | {:.4} |", r.workload, r.steps, r.final_loss);
    }
    let json: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{{\"workload\":\"{}\",\"backend\":\"cpu-native\",\"stepsPerSec\":{:.3},\"steps\":{},\"finalLoss\":{}}}",
                r.workload,
                r.steps as f64 / r.seconds,
                r.steps,
                r.final_loss
            )
        })
        .collect();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-native.json");
    match std::fs::write(&path, format!("[{}]\n", json.join(","))) {
        Ok(()) => println!("\nwrote {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
}
