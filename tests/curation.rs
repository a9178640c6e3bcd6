//! Panel 09 on the CPU backend: MinHash estimates Jaccard similarity within its statistical error,
//! LSH's candidate rate follows the S-curve, each stage removes the noise it targets while keeping
//! most clean text, the classifier ranks reference-like text above spam, and at equal steps the
//! curated crawl gives a lower held-out loss than the raw one, while the raw run memorises its
//! duplicated documents.

mod common;

use common::{run_to_end, values};
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::data::curation::crawl::Crawl;
use trainlab::engine::data::curation::minhash::{estimate, jaccard, s_curve, shingles, signature};
use trainlab::engine::data::curation::Kind;
use trainlab::engine::job::{Job, Status};
use trainlab::panels::curation::classifier::ClassifierRun;
use trainlab::panels::curation::facts::{facts, funnel, BIN, STAGE_NAMES};
use trainlab::panels::curation::lm::{CrawlLm, Which};
use trainlab::panels::curation::params::CurationParams;

#[test]
fn minhash_estimates_jaccard_within_its_standard_error() {
    // Pairs of edited copies span J from about 0.1 to 1; over all of them the estimate's error,
    // in units of √(J(1−J)/K), must look like a standard normal's.
    let crawl = Crawl::build(0.0, 1);
    let mut rng = trainlab::engine::rng::Rng::new(7);
    let k = 112;
    let (mut z2, mut n) = (0.0, 0);
    for (i, d) in crawl.docs.iter().take(150).enumerate() {
        let p = 0.3 * (i % 10) as f64 / 10.0;
        let edited = trainlab::engine::data::curation::crawl::edit(&d.text, p, &mut rng);
        let (a, b) = (shingles(&d.text, 5), shingles(&edited, 5));
        let j = jaccard(&a, &b);
        if j <= 0.02 || j >= 0.98 {
            continue;
        }
        let e = estimate(&signature(&a, k, 3), &signature(&b, k, 3));
        z2 += (e - j).powi(2) / (j * (1.0 - j) / k as f64);
        n += 1;
    }
    let chi = z2 / f64::from(n);
    eprintln!("{n} pairs: mean squared z = {chi:.3}");
    assert!(n > 100 && (0.6..1.5).contains(&chi), "mean z² {chi} over {n} pairs");
}

#[test]
fn the_lsh_candidate_rate_follows_the_s_curve() {
    let p = CurationParams::default();
    let crawl = Crawl::build(0.6, 2);
    for (bands, rows) in [(14, 8), (20, 4)] {
        let lsh = trainlab::panels::curation::facts::Lsh { ngram: 5, bands, rows };
        let (_, bins) = facts(&crawl, lsh, p.seed);
        let mut checked = 0;
        for b in bins.iter().filter(|b| b.pairs >= 20) {
            // The bin spans ±BIN/2 around its centre: allow the curve's range over it, plus 3 binomial errors.
            let lo = s_curve(b.s - BIN / 2.0, bands, rows);
            let hi = s_curve(b.s + BIN / 2.0, bands, rows);
            let rate = b.found as f64 / b.pairs as f64;
            let se = (hi * (1.0 - lo) / b.pairs as f64).sqrt().max(0.5 / b.pairs as f64);
            assert!(
                rate >= lo - 3.0 * se && rate <= hi + 3.0 * se,
                "b={bands} r={rows} s={:.3}: {rate} not in [{lo}, {hi}] ± 3·{se}",
                b.s
            );
            checked += 1;
        }
        assert!(checked >= 4, "only {checked} bins with enough pairs");
    }
}

#[test]
fn each_stage_removes_what_it_targets_and_keeps_most_clean_text() {
    let p = CurationParams::default();
    let crawl = Crawl::build(p.noise, p.seed);
    let (f, _) = facts(&crawl, p.lsh(), p.seed);
    let reference: Vec<&str> = crawl.reference.iter().map(String::as_str).collect();
    let docs: Vec<&str> = crawl.docs.iter().map(|d| d.text.as_str()).collect();
    let scores = ClassifierRun::new(&reference, &docs, &cpu_device()).train_now();
    let (s, keep) = funnel(&f, &p.stages(), Some(&scores));
    for (name, st) in STAGE_NAMES.iter().zip(&s) {
        eprintln!("{name}: {} docs {:?} precision {:?} recall {:?}", st.docs, st.by_kind, st.precision, st.recall);
    }
    let idx = |k: Kind| Kind::ALL.iter().position(|x| *x == k).unwrap();
    // Exact dedup: every copy, nothing else.
    assert_eq!((s[1].precision, s[1].recall), (Some(1.0), Some(1.0)));
    assert!(s[1].by_kind[idx(Kind::Duplicate)] < s[0].by_kind[idx(Kind::Duplicate)] / 4);
    // MinHash: drops near-copies with high precision.
    assert!(s[2].precision.unwrap() > 0.85 && s[2].recall.unwrap() > 0.4, "{:?}", s[2]);
    // The rules: every low-quality document, almost nothing else.
    assert!(s[3].precision.unwrap() > 0.9 && s[3].recall.unwrap() > 0.95, "{:?}", s[3]);
    assert_eq!(s[3].by_kind[idx(Kind::LowQuality)], 0);
    // The classifier: more than half of the spam left, mostly junk among what it drops.
    let spam = idx(Kind::Spam);
    assert!(s[4].by_kind[spam] * 2 < s[3].by_kind[spam], "spam {} → {}", s[3].by_kind[spam], s[4].by_kind[spam]);
    assert!(s[4].precision.unwrap() > 0.7, "{:?}", s[4]);
    // The rules and the classifier keep almost every clean document that reaches them; the
    // deduplication stages may drop a clean original when a copy of it comes first and stays.
    let clean = idx(Kind::Clean);
    for i in [3, 4] {
        assert!(
            s[i].by_kind[clean] as f64 >= 0.95 * s[i - 1].by_kind[clean] as f64,
            "stage {i}: clean {:?} → {:?}",
            s[i - 1].by_kind,
            s[i].by_kind
        );
    }
    // Most clean passages survive word for word (as the original or an exact copy).
    let words = s[4].by_kind[clean] + s[4].by_kind[idx(Kind::Duplicate)];
    assert!(
        words as f64 > 0.8 * s[0].by_kind[clean] as f64,
        "{words} of {} clean passages survive",
        s[0].by_kind[clean]
    );
    assert_eq!(keep.iter().filter(|k| **k).count(), s[4].docs);
}

fn run(p: &CurationParams, which: Which) -> Rc<RefCell<Job<CrawlLm>>> {
    let cfg = p.lm(which);
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || CrawlLm::new(cfg, &device)), cfg.steps)));
    run_to_end(&job);
    assert_eq!(job.borrow().status(), Status::Done);
    job
}

fn tail(j: &Job<CrawlLm>, n: &str) -> f64 {
    let v = values(j, n);
    v[v.len() - 50..].iter().sum::<f64>() / 50.0
}

#[test]
fn the_curated_run_trains_on_what_the_funnel_keeps() {
    let p = CurationParams { steps: 10, ..CurationParams::default() };
    let curated = run(&p, Which::Curated(p.stages()));
    let c = curated.borrow();
    assert_eq!(c.exp().kept_docs(), Some(docs_kept_by_funnel(&p)));
    let kept = c.metrics().get("docs_kept").map(|s| s.points.clone()).unwrap_or_default();
    assert_eq!(kept.len(), 5, "docs_kept at stages 0–4: {kept:?}");
    assert!(kept.windows(2).all(|w| w[1].1 <= w[0].1), "the funnel never grows: {kept:?}");
}

/// At the defaults (noise 0.75, 800 steps) the curated run ends below the raw one: 2.034 against
/// 2.055 nats at seed 1, 1.991 against 2.108 at seed 2; at seed 3 it does not (2.083 against
/// 2.076). The raw run's loss on its document copied dozens of times falls below its loss on text
/// it holds once.
#[test]
fn curated_data_beats_raw_at_equal_steps_and_duplicates_are_memorised() {
    let p = CurationParams::default();
    let (raw, curated) = (run(&p, Which::Raw), run(&p, Which::Curated(p.stages())));
    let (raw, curated) = (raw.borrow(), curated.borrow());
    let (r, c) = (tail(&raw, "val_loss_raw"), tail(&curated, "val_loss_curated"));
    let (dup, uni) = (tail(&raw, "loss_duplicated"), tail(&raw, "loss_unique"));
    eprintln!("held-out: raw {r:.3}, curated {c:.3}; raw run: duplicated {dup:.3}, unique {uni:.3}");
    assert!(c < r - 0.01, "curated {c} is not below raw {r}");
    assert!(dup < uni - 0.05, "duplicated {dup} is not well below unique {uni}");
}

fn docs_kept_by_funnel(p: &CurationParams) -> usize {
    let crawl = Crawl::build(p.noise, p.seed);
    let (f, _) = facts(&crawl, p.lsh(), p.seed);
    let reference: Vec<&str> = crawl.reference.iter().map(String::as_str).collect();
    let docs: Vec<&str> = crawl.docs.iter().map(|d| d.text.as_str()).collect();
    let scores = ClassifierRun::new(&reference, &docs, &cpu_device()).train_now();
    funnel(&f, &p.stages(), Some(&scores)).0[4].docs
}
