//! Heuristic quality filters in the style of Gopher (Rae et al. 2021, appendix A; thresholds as
//! datatrove's `GopherQualityFilter` and `GopherRepetitionFilter`). Each rule says why it drops a
//! document; the first that fails is reported. Our alphabet has no `#` or `…`, so Gopher's
//! symbol-to-word ratio counts runs of two or more punctuation marks instead (quotes aside).

/// Gopher's stop words; a document needs at least two of them.
pub const STOP_WORDS: [&str; 8] = ["the", "be", "to", "of", "and", "that", "have", "with"];

/// The thresholds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    /// Fewest words (Gopher: 50).
    pub min_words: usize,
    /// Mean word length range (Gopher: 3–10).
    pub word_len: (f64, f64),
    /// Most punctuation runs per word (Gopher's symbol ratio: 0.1).
    pub max_symbol_ratio: f64,
    /// Least share of words with a letter (Gopher: 0.8).
    pub min_alpha_words: f64,
    /// Least number of distinct stop words (Gopher: 2).
    pub min_stop_words: usize,
    /// Most share of lines that repeat an earlier line (Gopher: 0.3).
    pub max_dup_lines: f64,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            min_words: 50,
            word_len: (3.0, 10.0),
            max_symbol_ratio: 0.1,
            min_alpha_words: 0.8,
            min_stop_words: 2,
            max_dup_lines: 0.3,
        }
    }
}

/// Why a rule drops a document.
pub fn check(text: &str, r: &Rules) -> Option<&'static str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < r.min_words {
        return Some("too few words");
    }
    let mean = words.iter().map(|w| w.chars().count()).sum::<usize>() as f64 / words.len() as f64;
    if mean < r.word_len.0 || mean > r.word_len.1 {
        return Some("mean word length");
    }
    if symbol_runs(text) as f64 / words.len() as f64 > r.max_symbol_ratio {
        return Some("symbol-to-word ratio");
    }
    let alpha = words.iter().filter(|w| w.chars().any(char::is_alphabetic)).count();
    if (alpha as f64) < r.min_alpha_words * words.len() as f64 {
        return Some("words without letters");
    }
    let stops = STOP_WORDS.iter().filter(|s| words.iter().any(|w| w.trim_matches(|c: char| !c.is_alphabetic()) == **s));
    if stops.count() < r.min_stop_words {
        return Some("no stop words");
    }
    if duplicate_line_share(text) > r.max_dup_lines {
        return Some("repeated lines");
    }
    None
}

/// Runs of two or more punctuation marks (quotes and apostrophes aside).
fn symbol_runs(text: &str) -> usize {
    let mut runs = 0;
    let mut len = 0;
    for c in text.chars().chain([' ']) {
        if c.is_ascii_punctuation() && c != '"' && c != '\'' {
            len += 1;
        } else {
            runs += usize::from(len >= 2);
            len = 0;
        }
    }
    runs
}

/// The share of non-empty lines that repeat an earlier one.
fn duplicate_line_share(text: &str) -> f64 {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut seen = std::collections::HashSet::new();
    let dups = lines.iter().filter(|l| !seen.insert(**l)).count();
    dups as f64 / lines.len().max(1) as f64
}
