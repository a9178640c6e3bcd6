use super::*;

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-9 * y.abs().max(1e-12))
}

#[test]
fn log_ticks_fill_a_range_within_one_decade() {
    // Panel 04's loss at the end: between 0.02 and 0.09, no power of ten inside.
    let t = log_ticks(0.02, 0.09, 6);
    assert!(close(&t, &[0.02, 0.03, 0.05]), "{t:?}");
    // Across two decades: 1-3 steps, not just two powers of ten.
    let t = log_ticks(0.004, 0.73, 6);
    assert!(close(&t, &[0.01, 0.03, 0.1, 0.3]), "{t:?}");
    // Many decades: powers of ten, thinned to fit.
    let t = log_ticks(1e-6, 1e3, 6);
    assert!(t.len() <= 6 && t.len() >= 4, "{t:?}");
    assert!(t.iter().all(|v| (v.log10() - v.log10().round()).abs() < 1e-9));
    // So narrow that no round multiple fits twice: evenly spaced round values.
    let t = log_ticks(0.69, 0.73, 6);
    assert!(t.len() >= 3 && t.iter().all(|v| (0.69..=0.73).contains(v)), "{t:?}");
}

#[test]
fn bad_ranges_give_no_ticks() {
    assert!(log_ticks(0.0, 1.0, 6).is_empty());
    assert!(log_ticks(2.0, 1.0, 6).is_empty());
    assert!(log_ticks(f64::NAN, 1.0, 6).is_empty());
    assert!(linear_ticks(1.0, f64::INFINITY, 6).is_empty());
}

#[test]
fn linear_ticks_are_round() {
    assert!(close(&linear_ticks(0.0, 1.0, 6), &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]));
    assert!(close(&linear_ticks(-3.0, 7.0, 4), &[0.0, 5.0]), "{:?}", linear_ticks(-3.0, 7.0, 4));
    // Ends that fall on a step are kept, on negative ranges and after inexact divisions too.
    assert!(close(&linear_ticks(-1.0, -0.2, 5), &[-1.0, -0.8, -0.6, -0.4, -0.2]), "{:?}", linear_ticks(-1.0, -0.2, 5));
    assert_eq!(linear_ticks(1.1, 1.5, 5).len(), 5, "{:?}", linear_ticks(1.1, 1.5, 5));
}

#[test]
fn contrast_matches_wcag_reference_values() {
    // WCAG's extremes, and #777 on white, which is 4.48:1.
    assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((contrast((119, 119, 119), (255, 255, 255)) - 4.48).abs() < 0.01);
}

#[test]
fn every_series_colour_stands_out_from_its_page() {
    for i in 0..LIGHT.len() {
        let (l, d) = (contrast(LIGHT[i], BACKGROUNDS.0), contrast(DARK[i], BACKGROUNDS.1));
        assert!(l >= 3.0, "colour {i} on white: {l:.2}:1");
        assert!(d >= 3.0, "colour {i} on dark: {d:.2}:1");
    }
}

/// The first six colours (every panel so far uses at most six series in one chart) stay apart for
/// typical, protan and deutan vision, on both pages.
#[test]
fn the_first_six_colours_stay_distinct_under_colour_blindness() {
    for palette in [&LIGHT, &DARK] {
        for vision in [Vision::Normal, Vision::Protan, Vision::Deutan] {
            for i in 0..6 {
                for j in i + 1..6 {
                    let d = delta_e(palette[i], palette[j], vision);
                    assert!(d >= MIN_DELTA_E, "{vision:?}: colours {i} and {j} differ by ΔE {d:.1}");
                }
            }
        }
    }
}

/// A ΔE76 of about 2.3 is just noticeable side by side (Sharma 2003); thin lines need far more.
const MIN_DELTA_E: f64 = 14.0;

/// Grey (colour 6) is for dashed reference lines, which their dash sets apart as well: it need
/// only stay clearly apart from the six series colours (measured minimum 8.8, dark page, deutan).
#[test]
fn the_reference_grey_stays_apart_from_the_series_colours() {
    for palette in [&LIGHT, &DARK] {
        for vision in [Vision::Normal, Vision::Protan, Vision::Deutan] {
            for i in 0..6 {
                let d = delta_e(palette[6], palette[i], vision);
                assert!(d >= 8.0, "{vision:?}: grey and colour {i} differ by ΔE {d:.1}");
            }
        }
    }
}

#[test]
fn delta_e_of_a_colour_with_itself_is_zero_and_red_green_collapse_for_deutans() {
    assert!(delta_e((10, 200, 30), (10, 200, 30), Vision::Normal) < 1e-9);
    let (red, green) = ((200, 60, 40), (90, 120, 30));
    assert!(delta_e(red, green, Vision::Normal) > 3.0 * delta_e(red, green, Vision::Deutan));
}

#[test]
fn trailing_mean_by_hand() {
    let pts = [(1.0, 4.0), (2.0, 2.0), (3.0, 6.0), (4.0, 0.0)];
    let m = trailing_mean(&pts, 2);
    assert_eq!(m, vec![(1.0, 4.0), (2.0, 3.0), (3.0, 4.0), (4.0, 3.0)]);
    assert_eq!(trailing_mean(&pts, 0), pts.to_vec());
    // A non-finite value is left out of its windows, not carried into every later mean.
    let m = trailing_mean(&[(1.0, 2.0), (2.0, f64::NAN), (3.0, 4.0), (4.0, 6.0)], 2);
    assert_eq!((m[1].1, m[2].1, m[3].1), (2.0, 4.0, 5.0));
}
