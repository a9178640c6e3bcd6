//! Runs panel 12's sweep natively on the CPU backend, to choose its defaults: the wall time, then the final losses by budget and size, the iso-FLOP minima, the fitted law
//! and the wall time.
//!
//!   cargo run --release --example scaling_sweep -- "sizes=6&budgets=3&flops=9.5&lr=0.01"

use std::time::Instant;
use trainlab::engine::backend::cpu_device;
use trainlab::panels::find;
use trainlab::panels::scaling_laws::analysis::{iso_flops, results};
use trainlab::state::query::Query;

fn main() {
    let q = std::env::args().nth(1).unwrap_or_default();
    let panel = find("scaling-laws").and_then(|c| c.panel).expect("registered");
    let t = Instant::now();
    let m = panel.train(&Query::parse(&q), &cpu_device()).expect("trains");
    println!("total {:.1}s", t.elapsed().as_secs_f64());
    for o in results(&m) {
        println!("N {:>6} D {:>8} C {:.2e} loss {:.4}", o.n, o.d, 6.0 * o.n * o.d, o.loss);
    }
    for iso in iso_flops(&results(&m)) {
        println!("C {:.2e}: best {:?}", iso.flops, iso.best);
    }
    for k in
        ["fit_e", "fit_a", "fit_b", "fit_alpha", "fit_beta", "fit_alpha_sd", "fit_beta_sd", "fit_e_sd", "fit_log_a_sd"]
    {
        println!("{k} {:?}", m.last(k));
    }
}
