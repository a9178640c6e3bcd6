//! Panel 06's arithmetic against hand-worked references: rounding to fp16 and bf16 gives the bit
//! patterns of IEEE 754 binary16 and of bfloat16 (round to nearest, ties to even; subnormals;
//! overflow to infinity), the gap to the next value is one unit in the last place, a gradient's
//! binary exponent is read exactly (subnormals too), and the histogram counts what it is given.

use trainlab::panels::precision::formats::{fields, Format};
use trainlab::panels::precision::histogram::{binary_exponent, histogram, HIGH, LOW};
use trainlab::panels::precision::recipe::FP16_ZERO;

#[test]
fn fp16_rounding_matches_reference_bit_patterns() {
    let cases: [(f32, u32); 12] = [
        (1.0, 0x3C00),
        (-2.0, 0xC000),
        (0.1, 0x2E66),            // 0.0999755859375: 0.1's nearest, below it
        (65504.0, 0x7BFF),        // the largest finite value
        (65519.0, 0x7BFF),        // just under the midpoint to 65536: stays finite
        (65520.0, 0x7C00),        // the midpoint: ties to even, which is 2¹⁶, which is ∞
        (1e6, 0x7C00),            // overflow
        (2f32.powi(-14), 0x0400), // smallest normal
        (2f32.powi(-24), 0x0001), // smallest subnormal
        (2f32.powi(-25), 0x0000), // half of it: a tie, to the even neighbour, zero
        (1.5 * 2f32.powi(-25), 0x0001),
        (1.0 + 2f32.powi(-11), 0x3C00), // halfway between 1 and 1 + 2⁻¹⁰: to even
    ];
    for (x, bits) in cases {
        assert_eq!(Format::Fp16.bits(x), bits, "fp16 of {x:e}: {:#06x}", Format::Fp16.bits(x));
    }
    assert_eq!(Format::Fp16.bits(1.0 + 3.0 * 2f32.powi(-11)), 0x3C02, "the other tie goes up, to even");
    assert_eq!(Format::Fp16.round(0.1), 0.099_975_586);
    assert_eq!(FP16_ZERO, 2f32.powi(-25));
}

#[test]
fn bf16_rounding_matches_reference_bit_patterns() {
    let cases: [(f32, u32); 8] = [
        (1.0, 0x3F80),
        (0.1, 0x3DCD),                 // 0x3DCCCCCD: the dropped half 0xCCCD rounds up
        (65504.0, 0x4780),             // 0x477FE000 → 65536
        (1.0 + 2f32.powi(-8), 0x3F80), // a tie: to even
        (1.0 + 3.0 * 2f32.powi(-8), 0x3F82),
        (f32::MAX, 0x7F80), // rounds up past the largest bf16: ∞
        (1e-40, 0x0001),    // an fp32 subnormal: 0x000116C2 → 0x0001
        (-3.0, 0xC040),
    ];
    for (x, bits) in cases {
        assert_eq!(Format::Bf16.bits(x), bits, "bf16 of {x:e}: {:#06x}", Format::Bf16.bits(x));
    }
    assert_eq!(Format::Fp32.bits(0.1), 0x3DCC_CCCD);
}

#[test]
fn gaps_are_one_unit_in_the_last_place() {
    assert_eq!(Format::Fp16.encode(1.0).gap, 2f32.powi(-10));
    assert_eq!(Format::Bf16.encode(1.0).gap, 2f32.powi(-7));
    assert_eq!(Format::Fp32.encode(1.0).gap, f32::EPSILON);
    assert_eq!(Format::Fp16.encode(1000.0).gap, 0.5);
    assert_eq!(Format::Fp16.encode(65504.0).gap, 32.0, "at the top, the gap below");
    assert_eq!(Format::Fp16.encode(-3.0e-8).gap, 2f32.powi(-24), "subnormals are evenly spaced");
    assert!(Format::Fp16.encode(1e9).gap.is_infinite());
    assert_eq!(fields(Format::Bf16, 0x3F80), (0, 127, 0));
    assert_eq!(fields(Format::Fp16, 0x8001), (1, 0, 1));
}

#[test]
fn binary_exponents_and_the_histogram() {
    for (v, e) in [(1.0f32, 0), (1.99, 0), (2.0, 1), (0.75, -1), (-3e-8, -25), (1e-45, -149), (2f32.powi(-127), -127)] {
        assert_eq!(binary_exponent(v), e, "{v:e}");
    }
    let h = histogram(&[0.0, 1.0, -1.5, 2f32.powi(-30), 1e-30, 1e-45, 1e30, f32::NAN], 7);
    assert_eq!(h.counts.len(), (HIGH - LOW) as usize);
    assert_eq!((h.zeros, h.step, h.counts.iter().sum::<u32>()), (1, 7, 6));
    assert_eq!(h.counts[(0 - LOW) as usize], 2);
    assert_eq!(h.counts[(-30 - LOW) as usize], 1);
    assert_eq!(h.counts[(-100 - LOW) as usize], 1, "1e-30 is 1.27 · 2^-100");
    assert_eq!(h.counts[(-149 - LOW) as usize], 1, "the smallest f32 subnormal has its own bin");
    assert_eq!(h.counts[(HIGH - 1 - LOW) as usize], 1, "above the axis: in the last bin");
}
