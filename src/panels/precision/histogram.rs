//! The log₂ histogram of a run's gradient magnitudes, binned by each value's exact binary
//! exponent (read from its bits, subnormals included), for panel 06's view.

/// Bin `e` holds magnitudes in [2^e, 2^(e+1)), for `e` in `LOW..HIGH`: every finite f32 but the
/// very largest has a bin of its own, so a shift by 2^k never moves a clamped count.
pub const LOW: i32 = -150;
/// One past the highest bin.
pub const HIGH: i32 = 24;

/// The histogram of a run's gradient magnitudes.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GradHistogram {
    /// Count per bin, bins `LOW..HIGH` (magnitudes of 2^HIGH and above are counted in the last).
    pub counts: Vec<u32>,
    /// Gradients exactly zero (embedding rows of characters not in the batch, say).
    pub zeros: u32,
    /// The step they are from.
    pub step: u64,
}

/// The log₂ histogram of `g`'s magnitudes, binned by their exact binary exponent.
pub fn histogram(g: &[f32], step: u64) -> GradHistogram {
    let mut h = GradHistogram { counts: vec![0; (HIGH - LOW) as usize], zeros: 0, step };
    for &v in g {
        if v == 0.0 || !v.is_finite() {
            h.zeros += u32::from(v == 0.0);
            continue;
        }
        let e = binary_exponent(v).clamp(LOW, HIGH - 1);
        h.counts[(e - LOW) as usize] += 1;
    }
    h
}

/// ⌊log₂ |v|⌋ of a finite nonzero `v`, read from its bits (subnormals included).
pub fn binary_exponent(v: f32) -> i32 {
    let bits = v.abs().to_bits();
    let field = (bits >> 23) as i32;
    if field == 0 {
        // Subnormal: v = m · 2⁻¹⁴⁹ with m < 2²³.
        -149 + (31 - (bits & 0x7F_FFFF).leading_zeros() as i32)
    } else {
        field - 127
    }
}
