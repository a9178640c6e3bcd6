//! A byte-pair-encoding tokenizer trained in-process on a text (Sennrich et al. 2016, "Neural
//! Machine Translation of Rare Words with Subword Units"; the word-frequency form of Karpathy's
//! minbpe). The text is first split into pieces as GPT-2 does (a word with its leading space, a run
//! of other symbols with its leading space, a newline, spaces), so that no token crosses a word
//! boundary. Training starts from the text's characters and repeatedly merges the most frequent
//! adjacent pair, weighting each piece by how often it occurs; ties go to the pair with the lowest
//! ids, so training is deterministic and depends on nothing but the text and the vocabulary size.
//! Encoding applies the merges in the order they were learned; decoding concatenates the tokens'
//! strings, so decode(encode(t)) = t for any text over the training alphabet.
//!
//! No crate both trains a BPE and builds cleanly for wasm32 (see docs/panels-08-09-research.md).

use std::collections::HashMap;

/// A trained tokenizer.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bpe {
    /// The base symbols, sorted: token `i < alphabet.len()` is `alphabet[i]`.
    pub alphabet: Vec<char>,
    /// The merges in the order learned: `(a, b, count)` made token `alphabet.len() + i`.
    pub merges: Vec<(u32, u32, u64)>,
    /// Every token's text.
    pub tokens: Vec<String>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

/// Splits `text` into pieces that concatenate back to it: a newline alone; spaces before spaces
/// alone; otherwise an optional leading space and a run of word characters or of other symbols.
pub fn pieces(text: &str) -> Vec<&str> {
    let idx: Vec<(usize, char)> = text.char_indices().collect();
    let end = |j: usize| idx.get(j).map_or(text.len(), |p| p.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < idx.len() {
        let c = idx[i].1;
        let mut j = i + 1;
        let next = idx.get(i + 1).map(|p| p.1);
        if c == ' ' && next.is_some_and(|n| n != ' ' && n != '\n') {
            let word = is_word(idx[j].1);
            while j < idx.len() && idx[j].1 != ' ' && idx[j].1 != '\n' && is_word(idx[j].1) == word {
                j += 1;
            }
        } else if c != ' ' && c != '\n' {
            while j < idx.len() && idx[j].1 != ' ' && idx[j].1 != '\n' && is_word(idx[j].1) == is_word(c) {
                j += 1;
            }
        }
        out.push(&text[idx[i].0..end(j)]);
        i = j;
    }
    out
}

/// Replaces every occurrence of `(a, b)` in `word` by `id`, left to right.
fn merge(word: &[u32], (a, b): (u32, u32), id: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        if i + 1 < word.len() && word[i] == a && word[i + 1] == b {
            out.push(id);
            i += 2;
        } else {
            out.push(word[i]);
            i += 1;
        }
    }
    out
}

impl Bpe {
    /// Learns merges on `text` until the vocabulary has `vocab` tokens (or no pair repeats). A
    /// `vocab` at or below the alphabet's size gives the character tokenizer.
    pub fn train(text: &str, vocab: usize) -> Self {
        let mut alphabet: Vec<char> = text.chars().collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for p in pieces(text) {
            *counts.entry(p).or_default() += 1;
        }
        let mut words: Vec<(&str, u64)> = counts.into_iter().collect();
        words.sort_unstable(); // iteration order of a HashMap must not reach the result
        let mut bpe = Self { tokens: alphabet.iter().map(|c| c.to_string()).collect(), alphabet, merges: Vec::new() };
        let mut words: Vec<(Vec<u32>, u64)> = words.into_iter().map(|(w, n)| (bpe.symbols(w), n)).collect();
        while bpe.tokens.len() < vocab {
            let mut pairs: HashMap<(u32, u32), u64> = HashMap::new();
            for (w, n) in &words {
                for p in w.windows(2) {
                    *pairs.entry((p[0], p[1])).or_default() += n;
                }
            }
            // The most frequent pair; among equals, the lowest ids.
            let best = pairs.into_iter().filter(|&(_, n)| n > 1).max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)));
            let Some(((a, b), n)) = best else { break };
            let id = bpe.tokens.len() as u32;
            for (w, _) in &mut words {
                *w = merge(w, (a, b), id);
            }
            bpe.merges.push((a, b, n));
            bpe.tokens.push(format!("{}{}", bpe.tokens[a as usize], bpe.tokens[b as usize]));
        }
        bpe
    }

    /// The base-symbol ids of `text`'s characters; characters outside the alphabet are left out.
    fn symbols(&self, text: &str) -> Vec<u32> {
        text.chars().filter_map(|c| self.alphabet.binary_search(&c).ok().map(|i| i as u32)).collect()
    }

    /// Characters of `text` that the alphabet lacks (encode leaves them out).
    pub fn unknown(&self, text: &str) -> Vec<char> {
        text.chars().filter(|c| self.alphabet.binary_search(c).is_err()).collect()
    }

    /// Vocabulary size.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are no tokens (an empty training text).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Token ids of `text`, piece by piece, each with the merges applied in the order learned.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let base = self.alphabet.len() as u32;
        let rank: HashMap<(u32, u32), u32> =
            self.merges.iter().enumerate().map(|(i, &(a, b, _))| ((a, b), i as u32)).collect();
        let mut out = Vec::new();
        for p in pieces(text) {
            let mut w = self.symbols(p);
            // Apply the earliest-learned merge present, until none is.
            while let Some(r) = w.windows(2).filter_map(|x| rank.get(&(x[0], x[1])).copied()).min() {
                let (a, b, _) = self.merges[r as usize];
                w = merge(&w, (a, b), base + r);
            }
            out.extend(w);
        }
        out
    }

    /// The text of a sequence of token ids (ids past the vocabulary are left out).
    pub fn decode(&self, ids: &[u32]) -> String {
        ids.iter().filter_map(|&i| self.tokens.get(i as usize)).map(String::as_str).collect()
    }
}
