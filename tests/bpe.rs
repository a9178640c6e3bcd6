//! The byte-pair encoder against a hand-worked example and its contract: the classic
//! "aaabdaaabac" merges (aa, then ab, then aa·ab, the tie going to the lowest ids), decode ∘
//! encode is the identity on the whole corpus and on text with other symbols, training is
//! deterministic, a vocabulary no larger than the alphabet gives characters, and the pieces
//! concatenate back to the text.

use trainlab::engine::data::bpe::{pieces, Bpe};
use trainlab::engine::data::text::{Corpus, MOBY_DICK};

#[test]
fn the_textbook_example() {
    // a=0 b=1 c=2 d=3. "aa" occurs 4 times (overlapping), then "ab" and "Za" twice each: the tie
    // goes to the lower ids, (a, b); then "Z Y" twice.
    let bpe = Bpe::train("aaabdaaabac", 7);
    assert_eq!(bpe.merges, vec![(0, 0, 4), (0, 1, 2), (4, 5, 2)]);
    assert_eq!(bpe.tokens[4..], ["aa", "ab", "aaab"]);
    assert_eq!(bpe.encode("aaabdaaabac"), vec![6, 3, 6, 0, 2]);
    assert_eq!(bpe.decode(&[6, 3, 6, 0, 2]), "aaabdaaabac");
}

#[test]
fn decoding_an_encoding_gives_the_text_back() {
    let bpe = Bpe::train(MOBY_DICK, 512);
    assert_eq!(bpe.len(), 512);
    let ids = bpe.encode(MOBY_DICK);
    assert_eq!(bpe.decode(&ids), MOBY_DICK);
    let odd = "  Naïve café — 1,234!\n\n\t end  ";
    let other = Bpe::train(odd, 40);
    assert_eq!(other.decode(&other.encode(odd)), odd);
    assert_eq!(bpe.unknown("café"), vec!['é'], "the corpus has no é");
    for t in ["", "a", " ", "\n", "  x", "x  ", "'tis so,\" he said.\n"] {
        assert_eq!(pieces(t).concat(), t, "{t:?}");
    }
    assert_eq!(pieces(" the whale, and\n  more"), vec![" the", " whale", ",", " and", "\n", " ", " more"]);
}

#[test]
fn training_is_deterministic_and_compresses_held_out_text() {
    let corpus = Corpus::moby_dick();
    let (train, val) = (corpus.decode(&corpus.train), corpus.decode(&corpus.val));
    let a = Bpe::train(&train, 512);
    assert_eq!(a, Bpe::train(&train, 512), "two trainings differ");
    let per_token = val.chars().count() as f64 / a.encode(&val).len() as f64;
    println!(
        "held-out characters per token at V = 512: {per_token:.2}; first merges {:?}",
        &a.tokens[a.alphabet.len()..a.alphabet.len() + 8]
    );
    assert!(per_token > 2.3, "{per_token}");
    let chars = Bpe::train(&train, 10);
    assert!(chars.merges.is_empty());
    assert_eq!(chars.encode(&val).len(), val.chars().count(), "no merges: one token per character");
}
