//! The raw crawl: clean documents cut from the shipped texts (Moby-Dick's paragraphs merged to at
//! least 100 words, the State of the Union addresses cut at sentence ends into pieces of at least
//! 150), with noise of known kinds added at a share the reader sets, all shuffled from a seed.
//! A tenth of the clean documents is held out as the language model's validation text and another
//! tenth as the quality classifier's reference text; neither enters the crawl.

use super::{Doc, Kind};
use crate::engine::data::text::{MOBY_DICK, SOTU};
use crate::engine::rng::Rng;

/// Real spam e-mails (SpamAssassin, see `assets/TEXTS.md`), separated by form feeds.
pub const SPAM: &str = include_str!("../../../../assets/spam-sample.txt");

/// Web boilerplate, repeated across the crawl with small edits.
const BOILERPLATE: [&str; 3] = [
    "we use cookies to improve your experience on our site. by continuing to browse you agree to our use of cookies. you can change your cookie settings at any time. read our privacy policy and terms of service to learn more about how we collect and use your data, and how to manage your preferences. accept all cookies or manage settings.",
    "subscribe to our newsletter and never miss an update. get the latest news, exclusive offers and special deals delivered straight to your inbox every week. enter your email address below and click sign up. you can unsubscribe at any time by clicking the link at the bottom of any email we send. we respect your privacy.",
    "home about us contact us careers press site map. copyright all rights reserved. the content on this page is provided for general information only and is subject to change without notice. no part of this site may be reproduced without written permission. follow us on social media for more news and updates from our team.",
];

/// Words an edit may put in.
const FILLER: [&str; 12] =
    ["click", "here", "now", "free", "best", "new", "today", "online", "more", "info", "top", "deal"];

/// The crawl and the clean text kept out of it.
#[derive(Clone, Debug, Default)]
pub struct Crawl {
    /// The documents, shuffled.
    pub docs: Vec<Doc>,
    /// Held-out clean text for the language model's validation loss.
    pub val: Vec<String>,
    /// Reference text: the quality classifier's positive examples.
    pub reference: Vec<String>,
    /// Families copied many times (for the memorisation measurement).
    pub popular: Vec<usize>,
    /// Families from this number up are boilerplate.
    pub boilerplate: usize,
}

/// The clean documents of both texts, in order.
pub fn clean_documents() -> Vec<String> {
    let mut out = merge(MOBY_DICK.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from), 100);
    for address in SOTU.lines().filter(|l| !l.trim().is_empty()) {
        let sentences = address.split_inclusive(['.', '?', '!']).map(|s| s.trim().to_string());
        out.extend(merge(sentences.filter(|s| !s.is_empty()), 150));
    }
    out
}

/// Joins consecutive pieces until each document has at least `words` words.
fn merge(pieces: impl Iterator<Item = String>, words: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for p in pieces {
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&p);
        if cur.split_whitespace().count() >= words {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `text` with each word, with probability `p`, replaced by a filler word or deleted.
pub fn edit(text: &str, p: f64, rng: &mut Rng) -> String {
    let mut out: Vec<&str> = Vec::new();
    for w in text.split_whitespace() {
        if rng.uniform() >= p {
            out.push(w);
        } else if rng.uniform() < 0.5 {
            out.push(FILLER[(rng.next_u64() % FILLER.len() as u64) as usize]);
        }
    }
    out.join(" ")
}

fn pick<'a, T>(items: &'a [T], rng: &mut Rng) -> &'a T {
    &items[(rng.next_u64() % items.len() as u64) as usize]
}

/// One low-quality document of kind `k` (0 mash, 1 symbol soup, 2 repeated lines, 3 fragment).
fn low_quality(k: u64, clean: &[String], rng: &mut Rng) -> String {
    let n = 60 + (rng.next_u64() % 90) as usize;
    let word = |alphabet: &[u8], len: usize, rng: &mut Rng| -> String {
        (0..len).map(|_| *pick(alphabet, rng) as char).collect()
    };
    match k % 4 {
        0 => (0..n)
            .map(|_| word(b"qwertyuiopasdfghjklzxcvbnm", 2 + (rng.next_u64() % 8) as usize, rng))
            .collect::<Vec<_>>()
            .join(" "),
        1 => {
            (0..n).map(|_| word(b".,;:-?!()'\"", 1 + (rng.next_u64() % 5) as usize, rng)).collect::<Vec<_>>().join(" ")
        }
        2 => {
            let line = pick(clean, rng).split_inclusive('.').next().unwrap_or("buy now").trim().to_string();
            vec![line; 8 + (rng.next_u64() % 12) as usize].join("\n")
        }
        _ => {
            let words: Vec<&str> = pick(clean, rng).split_whitespace().collect();
            let len = (3 + (rng.next_u64() % 22) as usize).min(words.len());
            words[..len].join(" ")
        }
    }
}

/// Documents copied many times, for the memorisation measurement.
pub const POPULAR: usize = 1;

impl Crawl {
    /// The crawl with noise making up a share `noise` (0–0.8) of its documents, from `seed`.
    /// The noise is 30% exact duplicates (two thirds of them copies of [`POPULAR`] documents),
    /// 30% near-duplicates (half boilerplate, half edited copies), 20% spam and 20% low quality.
    pub fn build(noise: f64, seed: u64) -> Self {
        let all = clean_documents();
        let mut rng = Rng::stream(seed, 91);
        let (mut crawl, mut val, mut reference) = (Vec::new(), Vec::new(), Vec::new());
        for (i, d) in all.into_iter().enumerate() {
            match i % 10 {
                0 => val.push(d),
                5 => reference.push(d),
                _ => crawl.push(d),
            }
        }
        let n = crawl.len();
        let total = (n as f64 * noise.clamp(0.0, 0.8) / (1.0 - noise.clamp(0.0, 0.8))).round() as usize;
        let (dups, nears, spams) = (total * 3 / 10, total * 3 / 10, total / 5);
        let lows = total - dups - nears - spams;
        let mut docs: Vec<Doc> = crawl
            .iter()
            .enumerate()
            .map(|(i, t)| Doc { text: t.clone(), kind: Kind::Clean, family: Some(i) })
            .collect();
        let popular: Vec<usize> = (0..POPULAR.min(n)).map(|_| (rng.next_u64() % n as u64) as usize).collect();
        for k in 0..dups {
            let f = if k < dups * 2 / 3 { popular[k % popular.len()] } else { (rng.next_u64() % n as u64) as usize };
            docs.push(Doc { text: crawl[f].clone(), kind: Kind::Duplicate, family: Some(f) });
        }
        for k in 0..nears {
            let (f, text) = if k % 2 == 0 {
                let t = (k / 2) % BOILERPLATE.len();
                (n + t, edit(BOILERPLATE[t], rng.range(0.0, 0.1), &mut rng))
            } else {
                let f = (rng.next_u64() % n as u64) as usize;
                (f, edit(&crawl[f], rng.range(0.0, 0.08), &mut rng))
            };
            docs.push(Doc { text, kind: Kind::NearDuplicate, family: Some(f) });
        }
        let spam: Vec<&str> = SPAM.split('\u{c}').map(str::trim).filter(|s| !s.is_empty()).collect();
        let start = rng.next_u64() as usize;
        for k in 0..spams {
            let text = spam[(start + k) % spam.len()].to_string();
            docs.push(Doc { text, kind: Kind::Spam, family: None });
        }
        for k in 0..lows {
            docs.push(Doc { text: low_quality(k as u64, &crawl, &mut rng), kind: Kind::LowQuality, family: None });
        }
        rng.shuffle(&mut docs);
        // Families that are not copied at all have no family to speak of.
        let mut size = std::collections::HashMap::<usize, usize>::new();
        docs.iter().filter_map(|d| d.family).for_each(|f| *size.entry(f).or_default() += 1);
        docs.iter_mut().for_each(|d| d.family = d.family.filter(|f| size[f] > 1 || *f >= n));
        Self { docs, val, reference, popular, boilerplate: n }
    }
}
