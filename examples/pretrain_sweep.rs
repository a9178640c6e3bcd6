//! Measures panel 08's pre-training run natively on the CPU backend, to choose its defaults: for
//! each shape given (`layers,width,heads,context,batch,vocab,steps,lr`), the wall time, steps per
//! second, and held-out loss and bits per character along the run, and the checkpoint samples.
//!
//!   cargo run --release --example pretrain_sweep -- 2,64,4,64,16,39,600,0.003 ...

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::data::tokens::Tokens;
use trainlab::engine::job::Job;
use trainlab::engine::scheduler::run_blocking;
use trainlab::panels::pretraining::config::{CorpusKind, PretrainConfig};
use trainlab::panels::pretraining::experiment::Pretrain;

fn parse(a: &str) -> Option<PretrainConfig> {
    let v: Vec<f64> = a.split(',').filter_map(|x| x.parse().ok()).collect();
    let &[l, w, h, t, b, voc, s, lr] = v.as_slice() else { return None };
    let corpus = if std::env::var("SOTU").is_ok() { CorpusKind::Sotu } else { CorpusKind::MobyDick };
    Some(PretrainConfig {
        corpus,
        vocab: voc as usize,
        layers: l as usize,
        width: w as usize,
        heads: h as usize,
        context: t as usize,
        batch: b as usize,
        lr,
        warmup: (s as u64 / 10).max(2),
        steps: s as u64,
        seed: 1,
    })
}

fn main() {
    for a in std::env::args().skip(1) {
        let Some(cfg) = parse(&a) else { continue };
        let t0 = Instant::now();
        let data = Rc::new(Tokens::new(cfg.corpus.text(), cfg.vocab));
        let tok_s = t0.elapsed().as_secs_f64();
        let shape = cfg.shape(data.v());
        let device = cpu_device();
        let d = data.clone();
        let job = Rc::new(RefCell::new(Job::new(Box::new(move || Pretrain::new(d.clone(), cfg, &device)), cfg.steps)));
        job.borrow_mut().play();
        let t1 = Instant::now();
        run_blocking(job.clone());
        let secs = t1.elapsed().as_secs_f64();
        let j = job.borrow();
        let m = j.metrics();
        let series = |n: &str| m.get(n).map(|s| s.points.clone()).unwrap_or_default();
        let (val, bits) = (series("val_loss"), series("bits_per_char"));
        println!(
            "\n== {a}: V={} params {} (non-emb {}), BPE {tok_s:.2}s, {secs:.1}s, {:.1} steps/s, {:.0} tok/s",
            data.v(),
            shape.params(),
            shape.non_embedding(),
            cfg.steps as f64 / secs,
            (cfg.steps * cfg.tokens_per_step()) as f64 / secs
        );
        for k in [1, 2, 4, 8, 16, 32] {
            let i = (val.len() * k / 32).saturating_sub(1);
            if let (Some(v), Some(b)) = (val.get(i), bits.get(i)) {
                println!("  step {:>5}: val {:.3} nats/token, {:.3} bits/char", v.0, v.1, b.1);
            }
        }
        for c in &j.exp().state().checkpoints {
            println!("  [{}] {:?}", c.step, c.texts.first().cloned().unwrap_or_default());
        }
    }
}
