//! Fuzzed URL state over every registered panel: generated queries, adversarial ones included
//! (NaN, ±inf, huge and negative numbers, hexadecimal, empty and repeated keys, unknown keys, long
//! and non-ASCII values, stray `&`, `=` and `%`), read by the panel's own parameter table. For each
//! query: parsing does not panic; every value read lies inside its documented range; and the
//! query written from what was read reads back to itself, with no note.
//!
//! 100,000 queries per panel by default; `TRAINLAB_FUZZ_CASES` sets another count (the run prints
//! the count and the time per panel).

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use trainlab::kit::Panel;
use trainlab::panels::built;
use trainlab::state::query::Query;

/// A value as a person, a broken link or an attacker might write it.
fn value() -> impl Strategy<Value = String> {
    let words = [
        "",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "+inf",
        "infinity",
        "-0",
        "0",
        "1",
        "-1",
        "1e309",
        "-1e309",
        "1e-320",
        "0x10",
        "1_000",
        " 3 ",
        "99999999999999999999999999",
        "-99999999999999999999",
        "true",
        "false",
        "on",
        "banana",
        "λ",
        "∞",
        "🦀",
        "%",
        "%ZZ",
        "%00",
        "a=b",
        "&",
        "==",
        ",,,",
        "\u{0}",
    ];
    prop_oneof![
        3 => proptest::sample::select(words.to_vec()).prop_map(str::to_string),
        2 => proptest::num::f64::ANY.prop_map(|x| x.to_string()),
        2 => any::<i64>().prop_map(|x| x.to_string()),
        1 => (any::<u32>(), 0u32..6).prop_map(|(x, d)| format!("{}.{:0w$}", x % 1000, x, w = d as usize)),
        1 => proptest::collection::vec(any::<char>(), 0..40).prop_map(|c| c.into_iter().collect()),
        1 => (any::<char>(), 100usize..2000).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

/// A `hide=` value: hideable names, unknown ones and junk, comma-separated.
fn hide(names: Vec<&'static str>) -> impl Strategy<Value = String> {
    let item = prop_oneof![
        3 => proptest::sample::select(names).prop_map(str::to_string),
        1 => value(),
    ];
    proptest::collection::vec(item, 0..6).prop_map(|v| v.join(","))
}

/// A whole query over the panel's own keys (repeats allowed), `hide`, and unknown keys.
fn query(panel: &Panel) -> impl Strategy<Value = String> {
    let (defaults, _) = (panel.round_trip)(&Query::parse(""));
    let mut keys: Vec<String> = defaults.iter().map(|(k, _)| k.to_string()).collect();
    keys.extend(["backend", "autoplay", "x", ""].map(str::to_string));
    let pair = prop_oneof![
        6 => (proptest::sample::select(keys), value()).prop_map(|(k, v)| format!("{k}={v}")),
        1 => hide((panel.hideable)()).prop_map(|h| format!("hide={h}")),
        1 => value(),
    ];
    proptest::collection::vec(pair, 0..12).prop_map(|p| p.join("&"))
}

/// The three properties for one query string.
fn check(panel: &Panel, raw: &str) -> Result<(), TestCaseError> {
    let q = Query::parse(raw);
    let (read, _notes) = (panel.round_trip)(&q);
    let outside = (panel.out_of_range)(&q);
    prop_assert!(outside.is_empty(), "read outside the documented ranges: {:?}", outside);
    let written = read.to_query_string();
    let (again, notes) = (panel.round_trip)(&Query::parse(&written));
    prop_assert_eq!(again.to_query_string(), written.clone(), "the written query reads back differently");
    prop_assert!(notes.is_empty(), "the written query {} gives notes {:?}", written, notes);
    Ok(())
}

/// Runs `cases` generated queries against one panel; returns the seconds it took.
fn fuzz(panel: &Panel, cases: u32) -> Result<f64, String> {
    let t = std::time::Instant::now();
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    // The same queries every run, so that a failure in CI reproduces on any machine.
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    runner.run(&query(panel), |raw| check(panel, &raw)).map_err(|e| e.to_string())?;
    Ok(t.elapsed().as_secs_f64())
}

#[test]
fn every_panels_url_state_survives_generated_queries() {
    let cases = std::env::var("TRAINLAB_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let panels: Vec<_> = built().collect();
    // Two threads (the machines these run on have two cores), each taking every other panel.
    let results: Vec<_> = std::thread::scope(|s| {
        let lanes: Vec<_> = (0..2)
            .map(|lane| {
                let mine: Vec<_> = panels.iter().skip(lane).step_by(2).collect();
                s.spawn(move || mine.into_iter().map(|(c, p)| (c.slug, fuzz(p, cases))).collect::<Vec<_>>())
            })
            .collect();
        lanes.into_iter().flat_map(|l| l.join().expect("a fuzz lane panicked outside a test case")).collect()
    });
    for (slug, r) in results {
        match r {
            Ok(secs) => println!("{slug}: {cases} generated queries in {secs:.1} s"),
            Err(e) => panic!("{slug}: {e}"),
        }
    }
}
