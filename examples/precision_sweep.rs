//! Records how panel 06's recipes compare for a few settings: the held-out loss of each recipe at
//! the end of the run (mean of the last 50 steps), the fp32 run's underflow share, the scaler's
//! last scale and skipped steps, and the share of pure-bf16 weights left unchanged.
//!
//! `cargo run --release --example precision_sweep -- <steps> <lr> <shrink> <init_scale> <growth_interval> [seeds…]`

use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::Experiment;
use trainlab::panels::precision::recipe::{PrecisionConfig, Recipe, RecipeRun};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let steps: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(600);
    let lr: f64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3e-3);
    let shrink: i32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(12);
    let init_scale: i32 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(16);
    let growth_interval: u32 = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(200);
    let seeds: Vec<u64> = args.iter().skip(5).filter_map(|a| a.parse().ok()).collect();
    let device = cpu_device();
    for seed in if seeds.is_empty() { vec![1] } else { seeds } {
        let cfg = PrecisionConfig { lr, steps, shrink, init_scale, growth_interval, seed };
        for r in Recipe::ALL {
            let t = std::time::Instant::now();
            let mut run = RecipeRun::new(r, cfg, &device);
            let mut rows = Vec::new();
            for s in 1..=steps {
                let out = run.train_step(s, false);
                let mut row: Vec<f32> = out.metrics.into_data().iter::<f32>().collect();
                row.extend(out.host);
                rows.push(row);
            }
            let tail = &rows[rows.len().saturating_sub(50)..];
            let mean = |i: usize| tail.iter().map(|r| r[i]).sum::<f32>() / tail.len() as f32;
            let last = rows.last().cloned().unwrap_or_default();
            println!(
                "seed {seed} {:<12} loss(last 50) {:.4}  first {:.3}  extra {:?}  {:.1} ms/step",
                r.key(),
                mean(0),
                rows[0][0],
                &last[1..],
                t.elapsed().as_secs_f64() * 1e3 / steps as f64
            );
        }
    }
}
