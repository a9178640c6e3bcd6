//! Near-duplicate detection with MinHash and LSH (Broder 1997; Leskovec, Rajaraman and Ullman,
//! *Mining of Massive Datasets*, ch. 3). A document becomes its set of word n-gram shingles; K =
//! b·r hash functions each keep their minimum over the set, and the share of equal minima between
//! two documents estimates their Jaccard similarity J = |A∩B| / |A∪B| (standard error
//! √(J(1−J)/K)). The signature is cut into b bands of r rows; two documents become a candidate
//! pair when any band matches in full, which happens with probability 1 − (1 − Jʳ)ᵇ. Defaults
//! follow datatrove (FineWeb): 5-grams, 14 bands of 8 rows.

use super::fnv;
use std::collections::{HashMap, HashSet};

/// The shingles of `text`: hashes of each run of `n` consecutive words (the whole text when it
/// has fewer).
pub fn shingles(text: &str, n: usize) -> HashSet<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = n.max(1);
    if words.len() < n {
        return HashSet::from([fnv(words.join(" ").as_bytes())]);
    }
    words.windows(n).map(|w| fnv(w.join(" ").as_bytes())).collect()
}

/// The exact Jaccard similarity of two sets.
pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

/// SplitMix64's finaliser: one hash function per seed.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a shingle set: for each of `k` hash functions, the minimum.
pub fn signature(set: &HashSet<u64>, k: usize, seed: u64) -> Vec<u64> {
    (0..k as u64)
        .map(|i| {
            let salt = mix(seed ^ mix(i + 1));
            set.iter().map(|&x| mix(x ^ salt)).min().unwrap_or(u64::MAX)
        })
        .collect()
}

/// The share of equal slots: the estimate of J.
pub fn estimate(a: &[u64], b: &[u64]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len().max(1) as f64
}

/// P(candidate) = 1 − (1 − sʳ)ᵇ.
pub fn s_curve(s: f64, bands: usize, rows: usize) -> f64 {
    1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32)
}

/// Pairs `(i, j)`, `i < j`, whose signatures agree on all `rows` slots of at least one of the
/// `bands` bands.
pub fn candidates(sigs: &[Vec<u64>], bands: usize, rows: usize) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    for band in 0..bands {
        let mut buckets: HashMap<&[u64], Vec<usize>> = HashMap::new();
        for (i, s) in sigs.iter().enumerate() {
            if let Some(key) = s.get(band * rows..(band + 1) * rows) {
                buckets.entry(key).or_default().push(i);
            }
        }
        for docs in buckets.values() {
            for (x, &i) in docs.iter().enumerate() {
                out.extend(docs[x + 1..].iter().map(|&j| (i, j)));
            }
        }
    }
    out
}

/// Clusters of the pairs (union–find): each document's cluster representative, the lowest index.
pub fn clusters(n: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (a, b) in pairs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    (0..n).map(|i| root(&mut parent, i)).collect()
}
