//! Measures panel 10's runs natively on the CPU backend, to choose its defaults: for each rule
//! given (`natural`, `uniform`, `temperature:T`, `online`, or four weights `a,b,c,d`), the wall
//! time and each domain's held-out loss at the end (mean of the last 20 steps), with the mean and
//! the worst; and the online rule's weights along the run.
//!
//!   STEPS=600 SEED=1 cargo run --release --example mixing_sweep -- natural online 0,0,0,1

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::data::domains::{sizes, Domains, NAMES};
use trainlab::engine::job::Job;
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::data_mixing::mix::{normalise, temperature, weights, Preset};
use trainlab::panels::data_mixing::run::{chart_reference, MixConfig, MixRun, Rule};

fn rule(a: &str) -> Option<Rule> {
    Some(match a {
        "natural" => Rule::Fixed(weights(Preset::Natural, sizes(), 1.0, [0.0; 4])),
        "uniform" => Rule::Fixed([0.25; 4]),
        "online" => Rule::Online,
        _ if a.starts_with("temperature:") => Rule::Fixed(temperature(sizes(), a[12..].parse().ok()?)),
        _ => {
            let v: Vec<f64> = a.split(',').filter_map(|x| x.parse().ok()).collect();
            Rule::Fixed(normalise([*v.first()?, *v.get(1)?, *v.get(2)?, *v.get(3)?]))
        }
    })
}

fn main() {
    let env = |k: &str, d: u64| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let (steps, seed) = (env("STEPS", 600), env("SEED", 1));
    let domains = Rc::new(Domains::load());
    let reference = chart_reference(&domains);
    println!("sizes {:?}, 3-gram reference {reference:.3?}", sizes());
    for a in std::env::args().skip(1) {
        let Some(rule) = rule(&a) else { continue };
        let (d, device) = (domains.clone(), cpu_device());
        let cfg = MixConfig { rule, steps, seed };
        let job = Rc::new(RefCell::new(Job::new(Box::new(move || MixRun::new(cfg, d.clone(), "", &device)), steps)));
        job.borrow_mut().play();
        let t = Instant::now();
        run_blocking(job.clone());
        let secs = t.elapsed().as_secs_f64();
        let j = job.borrow();
        let tail = |n: &str| {
            let p = &j.metrics().get(n).map(|s| s.points.clone()).unwrap_or_default();
            let k = p.len().clamp(1, 20);
            p.iter().rev().take(k).map(|x| x.1).sum::<f64>() / k as f64
        };
        let losses: Vec<String> = NAMES.iter().map(|d| format!("{d} {:.3}", tail(&format!("val_loss_{d}")))).collect();
        let excess = NAMES.iter().zip(reference).map(|(d, r)| tail(&format!("val_loss_{d}")) - r);
        println!(
            "{a:>22}: {secs:.1}s  {}  mean {:.3} worst {:.3} worst excess {:.3}",
            losses.join("  "),
            tail("val_loss_mean"),
            tail("val_loss_worst"),
            excess.fold(f64::NEG_INFINITY, f64::max)
        );
        if rule == Rule::Online {
            for k in [1, 2, 4, 8, 16] {
                let i = (steps as usize * k / 16).saturating_sub(1);
                let w: Vec<String> = NAMES
                    .iter()
                    .map(|d| j.metrics().get(&format!("weight_{d}")).and_then(|s| s.points.get(i)).map_or(0.0, |p| p.1))
                    .map(|x| format!("{x:.2}"))
                    .collect();
                println!("      weights at step {}: {}", i + 1, w.join(" "));
            }
        }
    }
}
