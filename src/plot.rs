//! The arithmetic of charts, kept apart from drawing so that it is tested natively: where the ticks
//! of a log axis go, and the series palette with its light and dark variants and the checks that
//! keep it readable (contrast against the page, distinctness under colour-vision deficiencies).

pub mod picture;

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// Series colours on a light page. The first four are Okabe & Ito's colour-blind-safe blue,
/// vermillion, bluish green and reddish purple (2008), the green darkened; then brown, near-black,
/// grey and olive. Every one has at least 3:1 contrast with the page (WCAG's bar for graphics) and
/// the first six stay at least ΔE 14 apart for typical, protan and deutan vision (tested below;
/// measured minimum 14.6, protan green against brown). Grey is for dashed reference lines (tested
/// apart from the six at ΔE ≥ 8); olive is a last resort. Okabe & Ito's own yellow (1.35:1 on
/// white) and sky blue (ΔE 10.8 from their blue) are what this replaces.
pub const LIGHT: [Rgb; 8] = [
    (0, 114, 178),
    (213, 94, 0),
    (0, 140, 100),
    (204, 121, 167),
    (150, 110, 60),
    (40, 40, 40),
    (110, 110, 110),
    (150, 130, 0),
];

/// The same colours for a dark page, lightened to keep 3:1 contrast (measured minimum ΔE 16.6).
pub const DARK: [Rgb; 8] = [
    (86, 160, 233),
    (240, 120, 40),
    (0, 190, 140),
    (220, 140, 185),
    (200, 150, 90),
    (240, 240, 240),
    (160, 160, 160),
    (240, 228, 66),
];

/// The page backgrounds the charts are drawn on (light, dark).
pub const BACKGROUNDS: (Rgb, Rgb) = ((255, 255, 255), (24, 26, 31));

/// Colour `i` of the palette for a light or dark page.
pub fn color(i: usize, dark: bool) -> Rgb {
    let p = if dark { &DARK } else { &LIGHT };
    p[i % p.len()]
}

/// Colour `i` as a CSS `rgb(…)` value, for SVG and HTML.
pub fn css_color(i: usize, dark: bool) -> String {
    let (r, g, b) = color(i, dark);
    format!("rgb({r},{g},{b})")
}

/// Tick values for a log axis over `[lo, hi]`, at most `max` of them: powers of ten when the range
/// span more than `max` decades, else the densest of 1-3, 1-2-5, 1-2-3-5 and every integer
/// multiple that fits, so that a curve within one decade still gets three or more labelled ticks. A range too
/// narrow even for that (0.69 to 0.73, say) gets evenly spaced round values.
pub fn log_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && lo.is_finite() && hi.is_finite()) || max == 0 {
        return Vec::new();
    }
    const SETS: [&[f64]; 5] =
        [&[1.0], &[1.0, 3.0], &[1.0, 2.0, 5.0], &[1.0, 2.0, 3.0, 5.0], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]];
    let within = |set: &[f64]| -> Vec<f64> {
        let (k0, k1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
        (k0..=k1)
            .flat_map(|k| set.iter().map(move |m| m * 10f64.powi(k)))
            .filter(|v| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9))
            .collect()
    };
    let decades = within(SETS[0]);
    if decades.len() > max {
        let stride = decades.len().div_ceil(max);
        return decades.into_iter().step_by(stride).collect();
    }
    // The densest set that still fits (each is denser per decade than the one before).
    let mut best = decades;
    for set in &SETS[1..] {
        let ticks = within(set);
        if ticks.len() > max {
            break;
        }
        if ticks.len() >= best.len() {
            best = ticks;
        }
    }
    if best.len() >= 2 {
        best
    } else {
        linear_ticks(lo, hi, max.min(5))
    }
}

/// Up to `max` round values (steps of 1, 2 or 5 × 10ᵏ) within `[lo, hi]`.
pub fn linear_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if !(hi > lo && lo.is_finite() && hi.is_finite()) || max < 2 {
        return Vec::new();
    }
    let raw = (hi - lo) / (max - 1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw * (1.0 - 1e-9)).unwrap_or(10.0 * mag);
    // Tolerances so that ends on a step survive inexact division (1.1 / 0.1 = 11.000000000000002).
    let slack = 1e-9 * (hi - lo);
    let first = ((lo - slack) / step).ceil() as i64;
    (first..).map(|i| i as f64 * step).take_while(|v| *v <= hi + slack).collect()
}

/// The mean of the finite y values among each point's `window` most recent ones (fewer at the
/// start), at its x: a noisy per-batch loss drawn as a line that does not hide the curves beside
/// it. A window with no finite value gives NaN, which charts skip.
pub fn trailing_mean(points: &[(f64, f64)], window: usize) -> Vec<(f64, f64)> {
    let window = window.max(1);
    // Running sum and count of the finite values in the window.
    let (mut sum, mut n) = (0.0, 0i64);
    let mut out = Vec::with_capacity(points.len());
    for (i, &(x, y)) in points.iter().enumerate() {
        if y.is_finite() {
            (sum, n) = (sum + y, n + 1);
        }
        let gone = if i >= window { points[i - window].1 } else { f64::NAN };
        if gone.is_finite() {
            (sum, n) = (sum - gone, n - 1);
        }
        out.push((x, if n == 0 { f64::NAN } else { sum / n as f64 }));
    }
    out
}

/// WCAG 2 contrast ratio between two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance((r, g, b): Rgb) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// Colour vision, for [`delta_e`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vision {
    /// Typical trichromat.
    Normal,
    /// Protanopia (no L cones).
    Protan,
    /// Deuteranopia (no M cones), the commonest deficiency.
    Deutan,
}

/// How different two colours look to `vision`: CIE 1976 ΔE in L*a*b*, after simulating the
/// deficiency in linear RGB with Viénot, Brettel & Mollon's (1999) dichromat matrices (the values
/// used by DaltonLens).
pub fn delta_e(a: Rgb, b: Rgb, vision: Vision) -> f64 {
    let (la, lb) = (lab(simulate(a, vision)), lab(simulate(b, vision)));
    ((la.0 - lb.0).powi(2) + (la.1 - lb.1).powi(2) + (la.2 - lb.2).powi(2)).sqrt()
}

fn simulate((r, g, b): Rgb, vision: Vision) -> [f64; 3] {
    let v = [linear(r), linear(g), linear(b)];
    let m: [[f64; 3]; 3] = match vision {
        Vision::Normal => return v,
        Vision::Protan => [[0.11238, 0.88762, 0.0], [0.11238, 0.88762, 0.0], [0.00401, -0.00401, 1.0]],
        Vision::Deutan => [[0.29275, 0.70725, 0.0], [0.29275, 0.70725, 0.0], [-0.02234, 0.02234, 1.0]],
    };
    m.map(|row| (row[0] * v[0] + row[1] * v[1] + row[2] * v[2]).clamp(0.0, 1.0))
}

/// Linear sRGB → CIE L*a*b* (D65).
fn lab([r, g, b]: [f64; 3]) -> (f64, f64, f64) {
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    (116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))
}

#[cfg(test)]
mod tests;
