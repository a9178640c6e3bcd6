//! Four text domains of different character, for panels that train on a mixture of them or on one
//! after another: prose (Moby-Dick, chapters 1–10), speeches (State of the Union addresses
//! 1790–1810), e-mail (150 SpamAssassin ham bodies) and arithmetic (sums written out, generated
//! from a fixed seed). One character vocabulary covers all four; each text is split 90/10 into
//! training and held-out tokens.

use super::bpe::Bpe;
use super::text::{MOBY_DICK, SOTU};
use crate::engine::rng::Rng;

/// 150 non-spam e-mail bodies, separated by `"\n\f\n"` (see assets/TEXTS.md).
pub const HAM: &str = include_str!("../../../assets/ham-sample.txt");

/// The domains' names, lower_snake_case (series names carry them).
pub const NAMES: [&str; 4] = ["prose", "speeches", "email", "arithmetic"];
/// How many domains.
pub const K: usize = NAMES.len();
/// Characters of generated arithmetic.
pub const ARITHMETIC_CHARS: usize = 60_000;

/// `chars` characters (whole lines) of sums `a+b=c`, one per line, with `a` and `b` drawn
/// uniformly from 0–999: the operands are noise a model cannot predict, the sum is a function of
/// them.
pub fn arithmetic(chars: usize, seed: u64) -> String {
    let mut rng = Rng::stream(seed, 0xADD);
    let mut out = String::with_capacity(chars + 16);
    while out.len() < chars {
        let (a, b) = (rng.next_u64() % 1000, rng.next_u64() % 1000);
        out.push_str(&format!("{a}+{b}={}\n", a + b));
    }
    out
}

/// The four domains, tokenized.
#[derive(Clone, Debug)]
pub struct Domains {
    /// The character tokenizer over all four texts.
    pub bpe: Bpe,
    /// Training tokens of each domain (its first 90%).
    pub train: Vec<Vec<u32>>,
    /// Held-out tokens of each domain (its last 10%).
    pub val: Vec<Vec<u32>>,
}

impl Domains {
    /// The shipped texts and 60,000 characters of arithmetic.
    pub fn load() -> Self {
        let mail = HAM.replace("\n\u{c}\n", "\n\n");
        let sums = arithmetic(ARITHMETIC_CHARS, 1);
        let texts = [MOBY_DICK, SOTU, mail.as_str(), sums.as_str()];
        let bpe = Bpe::train(&texts.concat(), 0);
        let (mut train, mut val) = (Vec::new(), Vec::new());
        for t in texts {
            let ids = bpe.encode(t);
            let cut = ids.len() * 9 / 10;
            val.push(ids[cut..].to_vec());
            train.push(ids[..cut].to_vec());
        }
        Self { bpe, train, val }
    }

    /// Vocabulary size.
    pub fn v(&self) -> usize {
        self.bpe.len()
    }

    /// Training tokens of each domain.
    pub fn sizes(&self) -> [usize; K] {
        std::array::from_fn(|i| self.train[i].len())
    }
}

/// Training tokens of each domain, computed once (the page needs them for the natural mixture
/// without holding the texts' tokens).
pub fn sizes() -> [usize; K] {
    static SIZES: std::sync::OnceLock<[usize; K]> = std::sync::OnceLock::new();
    *SIZES.get_or_init(|| Domains::load().sizes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_domains_share_one_vocabulary() {
        let d = Domains::load();
        // 39 symbols of the texts, the ten digits, '+' and '='.
        assert_eq!(d.v(), 51);
        let n = sizes();
        assert_eq!(n, d.sizes());
        // Speeches are the largest text, arithmetic the smallest.
        assert!(n[1] > n[0] && n[1] > n[2] && n[3] < n[0] && n[3] < n[2], "{n:?}");
        let sums = arithmetic(200, 1);
        for line in sums.lines() {
            let (ab, c) = line.split_once('=').expect("a line is a+b=c");
            let (a, b) = ab.split_once('+').expect("a line is a+b=c");
            assert_eq!(a.parse::<u64>().unwrap() + b.parse::<u64>().unwrap(), c.parse::<u64>().unwrap());
        }
    }
}
