//! Dynamic loss scaling (Micikevicius et al. 2018, "Mixed Precision Training", §3.2): multiply the
//! loss by S before the backward pass so that small gradients survive fp16, divide the gradients by
//! S afterwards, and adapt S: on an overflow (a gradient became ∞ or NaN) skip the step and halve
//! S; after `growth_interval` clean steps in a row, double it. Burn has no loss scaler, so this is
//! written here; the rule is tested step by step below. PyTorch's `GradScaler` uses the same rule
//! with an initial scale of 2¹⁶ and an interval of 2,000.

/// The scaler's state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DynamicScaler {
    /// The current scale S.
    pub scale: f32,
    /// Clean steps in a row before S doubles.
    pub growth_interval: u32,
    /// Clean steps since the last change.
    clean: u32,
    /// Steps skipped for overflow so far.
    pub skipped: u64,
}

/// Largest scale the rule may reach (2¹²⁰: finite in fp32 with room for the gradients).
pub const MAX_SCALE: f32 = 1.329_228e36;

impl DynamicScaler {
    /// Starts at `scale`, doubling after `growth_interval` clean steps (at least one).
    pub fn new(scale: f32, growth_interval: u32) -> Self {
        Self { scale, growth_interval: growth_interval.max(1), clean: 0, skipped: 0 }
    }

    /// Takes the outcome of one backward pass; returns whether the optimizer may step.
    pub fn update(&mut self, grads_finite: bool) -> bool {
        if grads_finite {
            self.clean += 1;
            if self.clean >= self.growth_interval {
                self.scale = (self.scale * 2.0).min(MAX_SCALE);
                self.clean = 0;
            }
        } else {
            // Halving can never reach zero in practice; the floor keeps the rule total.
            self.scale = (self.scale * 0.5).max(f32::MIN_POSITIVE);
            self.clean = 0;
            self.skipped += 1;
        }
        grads_finite
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_on_overflow_and_doubles_after_clean_steps() {
        let mut s = DynamicScaler::new(65536.0, 3);
        assert!(!s.update(false));
        assert_eq!((s.scale, s.skipped), (32768.0, 1));
        assert!(s.update(true) && s.update(true));
        assert_eq!(s.scale, 32768.0);
        assert!(s.update(true));
        assert_eq!(s.scale, 65536.0, "doubles on the third clean step");
        s.update(true);
        s.update(true);
        s.update(false); // an overflow resets the count of clean steps
        s.update(true);
        s.update(true);
        assert_eq!((s.scale, s.skipped), (32768.0, 2));
        s.update(true);
        assert_eq!(s.scale, 65536.0);
    }
}
