//! Softmax cross-entropy for one prediction, in plain `f64`: what panel 01 shows while the reader
//! drags logits. The training runs use Burn's `CrossEntropyLoss`; tests check the two agree.
//!
//! With target distribution q and prediction p, the loss is H(q, p) = −Σₖ qₖ ln pₖ. Plain training
//! uses a one-hot q, so the loss is −ln p(target). Label smoothing with strength α (Szegedy et al.
//! 2016, "Rethinking the Inception Architecture") uses qₖ = (1 − α)·[k = target] + α/V, whose
//! own entropy H(q) is the lowest loss any prediction can reach: the floor.

/// softmax(z / T), computed stably (the largest logit is subtracted first). `T` is clamped to at
/// least 1e-3.
pub fn softmax(logits: &[f64], temperature: f64) -> Vec<f64> {
    let t = if temperature.is_finite() { temperature.max(1e-3) } else { 1.0 };
    let max = logits.iter().copied().filter(|v| v.is_finite()).fold(f64::NEG_INFINITY, f64::max);
    let max = if max.is_finite() { max } else { 0.0 };
    let e: Vec<f64> = logits.iter().map(|&z| if z.is_finite() { ((z - max) / t).exp() } else { 0.0 }).collect();
    let sum: f64 = e.iter().sum();
    if sum > 0.0 && sum.is_finite() {
        e.iter().map(|v| v / sum).collect()
    } else {
        vec![1.0 / logits.len().max(1) as f64; logits.len()]
    }
}

/// The label-smoothed target q for `target` over `v` classes.
pub fn smoothed_target(v: usize, target: usize, alpha: f64) -> Vec<f64> {
    (0..v).map(|k| alpha / v as f64 + if k == target { 1.0 - alpha } else { 0.0 }).collect()
}

/// H(q, p) = −Σ qₖ ln pₖ in nats (terms with qₖ = 0 are skipped; p is floored at 1e-300).
pub fn cross_entropy(q: &[f64], p: &[f64]) -> f64 {
    q.iter().zip(p).filter(|(qk, _)| **qk > 0.0).map(|(qk, pk)| -qk * pk.max(1e-300).ln()).sum()
}

/// H(q) = −Σ qₖ ln qₖ: the smallest H(q, p) over all p (reached at p = q).
pub fn entropy(q: &[f64]) -> f64 {
    cross_entropy(q, q)
}

/// The loss of predicting p(target) = `p` with the rest spread evenly over the other V − 1 classes,
/// against a target smoothed by `alpha` (α = 0: plain −ln p). Used to draw the loss-against-p curve.
pub fn loss_at(p: f64, v: usize, alpha: f64) -> f64 {
    let v = v.max(2);
    let p = p.clamp(1e-300, 1.0);
    let rest = ((1.0 - p) / (v - 1) as f64).max(1e-300);
    let q_t = 1.0 - alpha + alpha / v as f64;
    let q_o = alpha / v as f64;
    -q_t * p.ln() - if q_o > 0.0 { q_o * (v - 1) as f64 * rest.ln() } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::backend::cpu_device;
    use burn::nn::loss::CrossEntropyLossConfig;
    use burn::prelude::*;

    #[test]
    fn uniform_logits_cost_ln_v_here_and_in_burn() {
        let device = cpu_device();
        for v in [4usize, 39, 65] {
            let p = softmax(&vec![0.7; v], 1.0);
            let q = smoothed_target(v, 1, 0.0);
            assert!((cross_entropy(&q, &p) - (v as f64).ln()).abs() < 1e-12);
            let logits = Tensor::<2>::from_data(TensorData::new(vec![0.7f32; v], [1, v]), &device);
            let target = Tensor::<1, Int>::from_data(TensorData::new(vec![1i64], [1]), &device);
            let burn: f32 = CrossEntropyLossConfig::new().init(&device).forward(logits, target).into_scalar();
            assert!((f64::from(burn) - (v as f64).ln()).abs() < 1e-5, "V={v}: Burn gives {burn}");
        }
    }

    #[test]
    fn smoothing_matches_burn_and_its_floor_is_the_targets_entropy() {
        let device = cpu_device();
        let (v, alpha, target) = (5usize, 0.2, 3usize);
        let z = [1.0, -0.5, 2.0, 0.3, 0.0];
        let q = smoothed_target(v, target, alpha);
        let ours = cross_entropy(&q, &softmax(&z, 1.0));
        let logits =
            Tensor::<2>::from_data(TensorData::new(z.iter().map(|&x| x as f32).collect::<Vec<_>>(), [1, v]), &device);
        let t = Tensor::<1, Int>::from_data(TensorData::new(vec![target as i64], [1]), &device);
        let loss = CrossEntropyLossConfig::new().with_smoothing(Some(alpha as f32)).init(&device);
        let burn: f32 = loss.forward(logits, t).into_scalar();
        assert!((ours - f64::from(burn)).abs() < 1e-5, "{ours} vs Burn {burn}");
        // The floor: no p does better than p = q, and a confident right answer now costs more than it.
        let floor = entropy(&q);
        assert!((loss_at(q[target], v, alpha) - floor).abs() < 1e-12);
        assert!(loss_at(0.999, v, alpha) > floor + 0.1);
        assert!(loss_at(0.999, v, 0.0) < 0.01);
    }

    #[test]
    fn a_confident_wrong_answer_costs_far_more_than_an_unsure_one() {
        let v = 10;
        let q = smoothed_target(v, 0, 0.0);
        let unsure = cross_entropy(&q, &softmax(&[0.0; 10], 1.0));
        let mut z = [0.0; 10];
        z[1] = 8.0; // confident in the wrong token
        let wrong = cross_entropy(&q, &softmax(&z, 1.0));
        assert!(wrong > 3.0 * unsure, "confident wrong {wrong} vs unsure {unsure}");
        // Temperature: hotter flattens towards uniform (loss → ln V).
        let hot = cross_entropy(&q, &softmax(&z, 1e6));
        assert!((hot - (v as f64).ln()).abs() < 1e-3);
    }
}
