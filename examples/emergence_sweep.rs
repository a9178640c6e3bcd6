//! Runs panel 13's family natively on the CPU backend, to choose its defaults: every size in turn,
//! then each model's scores and the sharpness of exact match against per-digit accuracy.
//!
//!   cargo run --release --example emergence_sweep -- "digits=4&sizes=7&steps=1500"

use std::time::Instant;
use trainlab::engine::backend::cpu_device;
use trainlab::panels::emergence::pooled::by_size;
use trainlab::panels::emergence::scores::sharpness;
use trainlab::panels::find;
use trainlab::state::query::Query;

fn main() {
    let q = std::env::args().nth(1).unwrap_or_default();
    let panel = find("emergent-abilities").and_then(|c| c.panel).expect("registered");
    let t = Instant::now();
    let m = panel.train(&Query::parse(&q), &cpu_device()).expect("trains");
    println!("total {:.1}s", t.elapsed().as_secs_f64());
    let names = ["exact_match", "exact_match_predicted", "token_acc", "edit_distance", "answer_logprob"];
    let pooled = |k: &str| m.get(k).map(|s| s.points.clone()).unwrap_or_default();
    for (i, (n, _)) in by_size(&m, "exact_match").iter().enumerate() {
        let row: Vec<String> =
            names.iter().map(|k| format!("{k} {:.3}", pooled(k).get(i).map_or(f64::NAN, |p| p.1))).collect();
        println!("N {n:>7}: {}", row.join("  "));
    }
    for j in 1..=6 {
        let v: Vec<String> = pooled(&format!("exact_len{j}")).iter().map(|p| format!("{:.2}", p.1)).collect();
        println!("exact_len{j}: {}", v.join(" "));
    }
    for k in ["exact_match", "token_acc", "answer_logprob"] {
        let ys: Vec<f64> = by_size(&m, k).iter().map(|p| p.1).collect();
        println!("sharpness {k}: {:.2}", sharpness(&ys));
    }
}
