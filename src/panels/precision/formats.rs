//! The three float formats of mixed-precision training, fp32, fp16 and bf16: their bit layouts,
//! the nearest value of each to a number (round to nearest, ties to even, as IEEE 754 and the
//! hardware do), the gap to the next value, and their ranges. Rounding goes through the `half`
//! crate's `f16`/`bf16` (re-exported by Burn), the same conversion Burn's flex backend uses for its
//! half-precision tensors; the tests check it against hand-worked bit patterns.

use burn::tensor::{bf16, f16};

/// A binary floating-point format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// IEEE 754 binary32: 1 sign, 8 exponent, 23 mantissa bits.
    Fp32,
    /// IEEE 754 binary16: 1 sign, 5 exponent, 10 mantissa bits.
    Fp16,
    /// bfloat16 (Google Brain): fp32's 8 exponent bits, 7 mantissa bits.
    Bf16,
}

/// The formats in the order the panel shows them.
pub const ALL: [Format; 3] = [Format::Fp32, Format::Fp16, Format::Bf16];

/// A number split into its fields.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Encoded {
    /// The raw bits, right-aligned (the low 16 bits for the half formats).
    pub bits: u32,
    /// The value those bits stand for.
    pub value: f32,
    /// Distance from `value` to the next representable value further from zero (infinite at ±∞).
    pub gap: f32,
}

impl Format {
    /// Name as written in the page.
    pub fn name(self) -> &'static str {
        match self {
            Format::Fp32 => "fp32",
            Format::Fp16 => "fp16",
            Format::Bf16 => "bf16",
        }
    }

    /// Bits in all.
    pub fn width(self) -> u32 {
        match self {
            Format::Fp32 => 32,
            Format::Fp16 | Format::Bf16 => 16,
        }
    }

    /// Exponent bits.
    pub fn exponent_bits(self) -> u32 {
        match self {
            Format::Fp32 | Format::Bf16 => 8,
            Format::Fp16 => 5,
        }
    }

    /// Stored mantissa (fraction) bits; the leading 1 of a normal number is implicit.
    pub fn mantissa_bits(self) -> u32 {
        self.width() - 1 - self.exponent_bits()
    }

    /// The bits of the value nearest `x`.
    pub fn bits(self, x: f32) -> u32 {
        match self {
            Format::Fp32 => x.to_bits(),
            Format::Fp16 => u32::from(f16::from_f32(x).to_bits()),
            Format::Bf16 => u32::from(bf16::from_f32(x).to_bits()),
        }
    }

    /// The value `bits` stand for.
    pub fn from_bits(self, bits: u32) -> f32 {
        match self {
            Format::Fp32 => f32::from_bits(bits),
            // Only the low 16 bits are a half-format pattern; the truncation is the point.
            Format::Fp16 => f16::from_bits(bits as u16).to_f32(),
            Format::Bf16 => bf16::from_bits(bits as u16).to_f32(),
        }
    }

    /// The value nearest `x` (ties to even; too large → ±∞; too small → ±0).
    pub fn round(self, x: f32) -> f32 {
        self.from_bits(self.bits(x))
    }

    /// `x` rounded, with its bits and the gap to the next value away from zero.
    pub fn encode(self, x: f32) -> Encoded {
        let bits = self.bits(x);
        let value = self.from_bits(bits);
        let gap = if value.is_finite() {
            // Adding one to the magnitude bits steps away from zero, for either sign; past the
            // largest finite value that is ∞, and then the gap below is the same width.
            let up = self.from_bits(bits + 1);
            if up.is_finite() {
                (up - value).abs()
            } else {
                (value - self.from_bits(bits - 1)).abs()
            }
        } else {
            f32::INFINITY
        };
        Encoded { bits, value, gap }
    }

    /// The largest finite value.
    pub fn max(self) -> f32 {
        match self {
            Format::Fp32 => f32::MAX,
            Format::Fp16 => f16::MAX.to_f32(),
            Format::Bf16 => bf16::MAX.to_f32(),
        }
    }

    /// The smallest positive normal value, 2^(1 − bias).
    pub fn min_normal(self) -> f32 {
        self.from_bits(1 << self.mantissa_bits())
    }

    /// The smallest positive subnormal value, 2^(1 − bias − mantissa bits).
    pub fn min_subnormal(self) -> f32 {
        self.from_bits(1)
    }

    /// Relative gap between 1 and the next value, 2^(−mantissa bits).
    pub fn epsilon(self) -> f32 {
        self.encode(1.0).gap
    }
}

/// Splits `bits` of `f` into (sign, exponent, mantissa) fields, most significant bit first.
pub fn fields(f: Format, bits: u32) -> (u32, u32, u32) {
    let m = f.mantissa_bits();
    let e = f.exponent_bits();
    (bits >> (m + e) & 1, bits >> m & ((1 << e) - 1), bits & ((1 << m) - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_match_the_standards() {
        assert_eq!(Format::Fp16.max(), 65504.0);
        assert_eq!(Format::Fp16.min_normal(), 2f32.powi(-14));
        assert_eq!(Format::Fp16.min_subnormal(), 2f32.powi(-24));
        assert_eq!(Format::Bf16.min_normal(), f32::MIN_POSITIVE);
        assert_eq!(Format::Bf16.min_subnormal(), 2f32.powi(-133));
        assert_eq!(Format::Fp32.min_subnormal(), 2f32.powi(-149));
        assert_eq!((Format::Fp16.epsilon(), Format::Bf16.epsilon()), (2f32.powi(-10), 2f32.powi(-7)));
        assert_eq!(fields(Format::Fp16, 0x3C00), (0, 15, 0));
    }
}
