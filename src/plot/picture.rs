//! The gallery's small picture of a panel: a few polylines and dots, each in a palette colour,
//! computed by the panel from its own formulas and data (a schedule's η(t), the spiral it
//! classifies, the real mixture's density), so that nothing on the site is drawn by hand. The
//! gallery scales a picture to its box; y points up.

/// What to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// Polylines: palette index and points.
    pub lines: Vec<(usize, Vec<(f64, f64)>)>,
    /// Dots: position and palette index.
    pub dots: Vec<(f64, f64, usize)>,
    /// What the picture shows, for screen readers.
    pub alt: &'static str,
    /// Draw x and y to one scale (a shape, such as a spiral), not each stretched to the box (a graph).
    pub same_scale: bool,
}

impl Picture {
    /// Every point's `(x, y)`, lines then dots.
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.lines.iter().flat_map(|(_, l)| l.iter().copied()).chain(self.dots.iter().map(|&(x, y, _)| (x, y)))
    }

    /// The smallest box holding every finite point, `((x0, x1), (y0, y1))`; `None` when there is
    /// none or it is flat in x or y.
    pub fn bounds(&self) -> Option<((f64, f64), (f64, f64))> {
        let mut b = ((f64::INFINITY, f64::NEG_INFINITY), (f64::INFINITY, f64::NEG_INFINITY));
        for (x, y) in self.points().filter(|p| p.0.is_finite() && p.1.is_finite()) {
            b = ((b.0 .0.min(x), b.0 .1.max(x)), (b.1 .0.min(y), b.1 .1.max(y)));
        }
        (b.0 .1 > b.0 .0 && b.1 .1 > b.1 .0).then_some(b)
    }
}

/// `f` sampled at `n + 1` evenly spaced x in `[x0, x1]`.
pub fn curve(x0: f64, x1: f64, n: usize, f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    (0..=n).map(|i| x0 + (x1 - x0) * i as f64 / n as f64).map(|x| (x, f(x))).collect()
}
