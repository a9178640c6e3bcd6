//! Checks written once over every registered panel, so a panel is covered the moment it is
//! registered: its jobs build from its test configuration, run to the end on the CPU, report every
//! series it declares with finite values and no name twice, and reproduce bit for bit from the
//! same seed (all but measured times, `step_ms_…`); it has a gallery picture; its parameters
//! survive a URL round trip, and out-of-range or malformed values are replaced with a note that
//! names the key.

use trainlab::engine::backend::cpu_device;
use trainlab::engine::group::JobGroup;
use trainlab::engine::job::Status;
use trainlab::engine::metrics::{is_measured_time, Metrics};
use trainlab::engine::scheduler::run_blocking;
use trainlab::kit::Panel;
use trainlab::panels::{built, Concept};
use trainlab::state::query::Query;

/// Runs the panel's jobs for `query` to the end; returns their merged metrics.
fn run(c: &Concept, panel: &Panel, query: &str) -> Metrics {
    let jobs = panel.jobs(&Query::parse(query), &cpu_device()).unwrap_or_else(|e| panic!("{}: {e}", c.slug));
    assert!(!jobs.is_empty(), "{}: no jobs for {query:?}", c.slug);
    for j in &jobs {
        j.borrow_mut().play();
        run_blocking(j.clone());
        let j = j.borrow();
        assert_eq!(j.status(), Status::Done, "{}: a job ended {:?} at step {}", c.slug, j.status(), j.steps());
    }
    JobGroup::new(jobs)
        .with_derive(panel.derive)
        .try_metrics()
        .unwrap_or_else(|names| panic!("{}: two jobs report {names:?}", c.slug))
}

#[test]
fn the_six_first_panels_stay_built() {
    let slugs: Vec<&str> = built().map(|(c, _)| c.slug).collect();
    for slug in
        ["cross-entropy", "backprop-gradient-descent", "adam-adamw", "lr-schedules", "grokking", "model-collapse"]
    {
        assert!(slugs.contains(&slug), "{slug} is no longer registered: {slugs:?}");
    }
}

#[test]
fn every_panel_trains_reports_its_series_and_reproduces() {
    for (c, panel) in built() {
        let m = run(c, panel, panel.test_query);
        for name in panel.series {
            let s = m.get(name).unwrap_or_else(|| panel_missing(c, name, &m));
            assert!(!s.points.is_empty(), "{}: series {name} is empty", c.slug);
            assert!(s.points.iter().all(|p| p.1.is_finite()), "{}: series {name} has a non-finite value", c.slug);
        }
        let again = run(c, panel, panel.test_query);
        let fixed = |m: &Metrics| {
            m.iter()
                .filter(|(k, _)| !is_measured_time(k))
                .map(|(k, s)| (k.clone(), s.points.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(fixed(&m), fixed(&again), "{}: the same seed gave other numbers", c.slug);
    }
}

fn panel_missing(c: &Concept, name: &str, m: &Metrics) -> ! {
    let have: Vec<&String> = m.iter().map(|(k, _)| k).collect();
    panic!("{}: declared series {name} is missing (have {have:?})", c.slug)
}

#[test]
fn every_panel_says_what_to_watch_in_one_sentence() {
    for (c, panel) in built() {
        let w = panel.watch;
        assert!(!w.is_empty() && w.ends_with('.'), "{}: the Watch sentence {w:?} is not a sentence", c.slug);
        assert!(!w.to_lowercase().starts_with("watch"), "{}: the page already writes \"Watch:\"", c.slug);
        assert!(w.len() < 300, "{}: the Watch sentence runs to {} characters", c.slug, w.len());
    }
}

#[test]
fn every_panel_has_a_gallery_picture_drawn_from_its_own_numbers() {
    for (c, panel) in built() {
        let pic = (panel.picture)();
        let points: Vec<(f64, f64)> = pic.points().collect();
        assert!(points.len() >= 10, "{}: a picture of {} points", c.slug, points.len());
        assert!(points.iter().all(|p| p.0.is_finite() && p.1.is_finite()), "{}: a point is not finite", c.slug);
        assert!(pic.bounds().is_some(), "{}: the picture is flat", c.slug);
        assert!(pic.alt.len() > 20, "{}: the picture's alt text {:?} says too little", c.slug, pic.alt);
        let colors = pic.lines.iter().map(|l| l.0).chain(pic.dots.iter().map(|d| d.2));
        assert!(
            colors.into_iter().all(|i| i < trainlab::plot::LIGHT.len()),
            "{}: a colour outside the palette",
            c.slug
        );
    }
}

#[test]
fn every_panel_round_trips_its_parameters_through_the_url() {
    for (c, panel) in built() {
        let (defaults, notes) = (panel.round_trip)(&Query::default());
        assert!(notes.is_empty(), "{}: defaults gave notes {notes:?}", c.slug);
        assert!(defaults.iter().count() > 0, "{}: the defaults write nothing to the URL", c.slug);
        assert_eq!((panel.round_trip)(&defaults), (defaults.clone(), vec![]), "{}: defaults do not round-trip", c.slug);
        let (test, notes) = (panel.round_trip)(&Query::parse(panel.test_query));
        assert!(notes.is_empty(), "{}: its test configuration gave notes {notes:?}", c.slug);
        assert_eq!((panel.round_trip)(&test).0, test, "{}: the test configuration does not round-trip", c.slug);
    }
}

#[test]
fn every_panel_replaces_bad_values_with_a_note_naming_the_key() {
    for (c, panel) in built() {
        let (defaults, _) = (panel.round_trip)(&Query::default());
        for (key, value) in defaults.iter() {
            let bad: &[&str] =
                if value.parse::<f64>().is_ok() { &["1e30", "-1e30", "banana", "NaN"] } else { &["banana"] };
            for b in bad {
                let (out, notes) = (panel.round_trip)(&defaults.clone().with(key, b));
                assert!(
                    notes.iter().any(|n| n.contains(key)),
                    "{}: {key}={b} gave no note naming {key}: {notes:?}",
                    c.slug
                );
                assert_ne!(out.get(key), Some(*b), "{}: {key}={b} was kept", c.slug);
                let (again, notes) = (panel.round_trip)(&out);
                assert_eq!(again, out, "{}: {key}={b} does not settle after one round trip", c.slug);
                assert!(notes.is_empty(), "{}: {key}={b}: the replaced value gives notes {notes:?}", c.slug);
            }
        }
    }
}
