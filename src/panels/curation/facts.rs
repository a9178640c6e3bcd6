//! What each stage of the pipeline decides about each document of the crawl, computed once per
//! crawl ([`facts`]), and the funnel those decisions make for a choice of stages and classifier
//! threshold ([`funnel`]): cheap, so the page redraws it as a toggle or the threshold moves.
//!
//! Stages run in order, each on what the one before kept: (1) exact deduplication keeps the first
//! of identical texts (FNV-1a hash); (2) near-deduplication keeps the first surviving member of
//! each MinHash/LSH cluster; (3) the Gopher-style rules drop documents that fail one; (4) the
//! classifier drops documents scored below the threshold.

use crate::engine::data::curation::crawl::Crawl;
use crate::engine::data::curation::filters::{check, Rules};
use crate::engine::data::curation::minhash::{candidates, clusters, jaccard, s_curve, shingles, signature};
use crate::engine::data::curation::{fnv, Kind};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// MinHash settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lsh {
    /// Words per shingle.
    pub ngram: usize,
    /// Bands b.
    pub bands: usize,
    /// Rows per band r.
    pub rows: usize,
}

/// One document, as the stages see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Its true kind.
    pub kind: Kind,
    /// Junk the filters should drop: spam, low quality, boilerplate.
    pub junk: bool,
    /// Its copy family, if it has copies.
    pub family: Option<usize>,
    /// Characters.
    pub chars: usize,
    /// The hash of its text.
    pub hash: u64,
    /// Its MinHash/LSH cluster (the lowest member's index).
    pub cluster: usize,
    /// The rule that drops it, if one does.
    pub rule: Option<String>,
}

/// Pairs sharing a shingle, binned by exact Jaccard similarity: how many, and how many LSH made
/// candidates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PairBin {
    /// The bin's centre.
    pub s: f64,
    /// Pairs in the bin.
    pub pairs: usize,
    /// Of them, candidates.
    pub found: usize,
}

/// Width of a Jaccard bin.
pub const BIN: f64 = 0.05;

/// Per-document facts and the S-curve's measured bins, for `crawl`.
pub fn facts(crawl: &Crawl, lsh: Lsh, seed: u64) -> (Vec<Fact>, Vec<PairBin>) {
    let sets: Vec<HashSet<u64>> = crawl.docs.iter().map(|d| shingles(&d.text, lsh.ngram)).collect();
    let sigs: Vec<Vec<u64>> = sets.iter().map(|s| signature(s, lsh.bands * lsh.rows, seed)).collect();
    let found = candidates(&sigs, lsh.bands, lsh.rows);
    let cluster = clusters(crawl.docs.len(), found.iter().copied());
    let rules = Rules::default();
    let facts = crawl
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| Fact {
            kind: d.kind,
            junk: matches!(d.kind, Kind::Spam | Kind::LowQuality) || d.family.is_some_and(|f| f >= crawl.boilerplate),
            family: d.family,
            chars: d.text.chars().count(),
            hash: fnv(d.text.as_bytes()),
            cluster: cluster[i],
            rule: check(&d.text, &rules).map(String::from),
        })
        .collect();
    (facts, bins(&sets, &found))
}

/// Every pair that shares a shingle, binned by its exact Jaccard similarity.
fn bins(sets: &[HashSet<u64>], found: &HashSet<(usize, usize)>) -> Vec<PairBin> {
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        s.iter().for_each(|&h| index.entry(h).or_default().push(i));
    }
    let mut pairs = HashSet::new();
    for docs in index.values().filter(|d| d.len() < 200) {
        for (x, &i) in docs.iter().enumerate() {
            pairs.extend(docs[x + 1..].iter().map(|&j| (i.min(j), i.max(j))));
        }
    }
    let n = (1.0 / BIN).round() as usize;
    let mut out: Vec<PairBin> = (0..n).map(|k| PairBin { s: (k as f64 + 0.5) * BIN, ..PairBin::default() }).collect();
    for (i, j) in pairs {
        let k = ((jaccard(&sets[i], &sets[j]) / BIN) as usize).min(n - 1);
        out[k].pairs += 1;
        out[k].found += usize::from(found.contains(&(i, j)));
    }
    out
}

/// The theoretical candidate probability 1 − (1 − sʳ)ᵇ at s = 0, 0.01, …, 1.
pub fn theory(lsh: Lsh) -> Vec<(f64, f64)> {
    (0..=100).map(|k| f64::from(k) / 100.0).map(|s| (s, s_curve(s, lsh.bands, lsh.rows))).collect()
}

/// Which stages run, and the classifier's threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stages {
    /// Exact deduplication.
    pub exact: bool,
    /// MinHash near-deduplication.
    pub near: bool,
    /// Gopher-style rules.
    pub rules: bool,
    /// The quality classifier.
    pub classifier: bool,
    /// Documents scored below this are dropped.
    pub threshold: f64,
}

/// The stages' names, in order (index 0 is the raw crawl).
pub const STAGE_NAMES: [&str; 5] = ["raw crawl", "exact dedup", "MinHash dedup", "quality rules", "classifier"];

/// What one stage kept, and how well it aimed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stage {
    /// Documents kept after it.
    pub docs: usize,
    /// Characters kept after it.
    pub chars: usize,
    /// Documents kept, by kind (in [`Kind::ALL`] order).
    pub by_kind: [usize; 5],
    /// Share of what it dropped that it should have dropped (`None` if it dropped nothing).
    pub precision: Option<f64>,
    /// Share of what it should drop that it dropped (`None` if there was nothing to drop).
    pub recall: Option<f64>,
}

/// The funnel: the raw crawl, then each stage (a stage that is off keeps everything), and the
/// final keep mask. `scores` are the classifier's, one per document (`None`: not trained yet,
/// the stage keeps everything).
pub fn funnel(facts: &[Fact], st: &Stages, scores: Option<&[f32]>) -> (Vec<Stage>, Vec<bool>) {
    let mut keep = vec![true; facts.len()];
    let mut out = vec![tally(facts, &keep, None)];
    // 1: a later identical text is a copy (always right to drop).
    let mut seen = HashSet::new();
    let exact: Vec<bool> = facts.iter().map(|f| !seen.insert(f.hash)).collect();
    let targets = (0..facts.len()).filter(|&i| exact[i]).count();
    out.push(apply(facts, &mut keep, st.exact.then_some(targets), |i, _| exact[i], |_, _| true));
    // 2: a later member of a cluster is a near-copy; dropping it is right when a member of its
    // copy family is still kept. The targets are the copies beyond one per family.
    let mut first = HashSet::new();
    let near: Vec<bool> = (0..facts.len()).map(|i| keep[i] && !first.insert(facts[i].cluster)).collect();
    let families: HashSet<usize> =
        (0..facts.len()).filter(|&i| keep[i] && !near[i]).filter_map(|i| facts[i].family).collect();
    let targets = near_targets(facts, &keep);
    let right = |_: usize, f: &Fact| f.family.is_some_and(|x| families.contains(&x));
    out.push(apply(facts, &mut keep, st.near.then_some(targets), |i, _| near[i], right));
    // 3 and 4 aim at kinds: low quality, and all junk.
    let count =
        |keep: &[bool], p: &dyn Fn(&Fact) -> bool| (0..facts.len()).filter(|&i| keep[i] && p(&facts[i])).count();
    let targets = count(&keep, &|f| f.kind == Kind::LowQuality);
    out.push(apply(
        facts,
        &mut keep,
        st.rules.then_some(targets),
        |_, f| f.rule.is_some(),
        |_, f| f.kind == Kind::LowQuality,
    ));
    let low = |i: usize, _: &Fact| scores.and_then(|s| s.get(i)).is_some_and(|&p| f64::from(p) < st.threshold);
    let targets = count(&keep, &|f| f.junk);
    out.push(apply(facts, &mut keep, (st.classifier && scores.is_some()).then_some(targets), low, |_, f| f.junk));
    (out, keep)
}

/// Copies beyond the first of each family among the kept documents.
fn near_targets(facts: &[Fact], keep: &[bool]) -> usize {
    let mut size: HashMap<usize, usize> = HashMap::new();
    (0..facts.len())
        .filter(|&i| keep[i])
        .filter_map(|i| facts[i].family)
        .for_each(|f| *size.entry(f).or_default() += 1);
    size.values().map(|n| n - 1).sum()
}

/// Runs one stage when `targets` is set (how many kept documents it should drop): drops the kept
/// documents `drop` selects, and scores each drop with `right`.
fn apply(
    facts: &[Fact],
    keep: &mut [bool],
    targets: Option<usize>,
    drop: impl Fn(usize, &Fact) -> bool,
    right: impl Fn(usize, &Fact) -> bool,
) -> Stage {
    let Some(targets) = targets else { return tally(facts, keep, None) };
    let (mut dropped, mut hits) = (0, 0);
    for (i, f) in facts.iter().enumerate() {
        if keep[i] && drop(i, f) {
            keep[i] = false;
            dropped += 1;
            hits += usize::from(right(i, f));
        }
    }
    tally(facts, keep, Some((dropped, hits, targets)))
}

/// Counts what `keep` keeps, with precision and recall from `(dropped, right drops, targets)`.
fn tally(facts: &[Fact], keep: &[bool], drops: Option<(usize, usize, usize)>) -> Stage {
    let mut s = Stage::default();
    for (f, _) in facts.iter().zip(keep).filter(|(_, k)| **k) {
        s.docs += 1;
        s.chars += f.chars;
        s.by_kind[Kind::ALL.iter().position(|k| *k == f.kind).unwrap_or(0)] += 1;
    }
    if let Some((dropped, hits, targets)) = drops {
        s.precision = (dropped > 0).then(|| hits as f64 / dropped as f64);
        s.recall = (targets > 0).then(|| (hits as f64 / targets as f64).min(1.0));
    }
    s
}
