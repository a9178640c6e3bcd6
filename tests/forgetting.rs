//! Panel 16's phenomenon at the defaults a reader gets: plain fine-tuning on task B loses task A;
//! replay and EWC keep clearly more of A while still learning B; the language model's loss on
//! its old text rises under plain fine-tuning and replay holds it. (The Fisher information's check
//! against a hand computation is `engine::anchor`'s unit test.)

use trainlab::engine::backend::cpu_device;
use trainlab::engine::metrics::Metrics;
use trainlab::panels::forgetting::params::ForgetParams;
use trainlab::panels::forgetting::PANEL;
use trainlab::state::query::{Query, UrlParams};

fn train(query: &str) -> Metrics {
    PANEL.train(&Query::parse(query), &cpu_device()).expect("the panel trains")
}

fn last(m: &Metrics, name: &str) -> f64 {
    m.last(name).unwrap_or_else(|| panic!("no series {name}"))
}

fn first(m: &Metrics, name: &str) -> f64 {
    m.get(name).and_then(|s| s.points.first()).map(|p| p.1).unwrap_or(f64::NAN)
}

#[test]
fn the_default_run_forgets_under_fine_tuning_and_replay_and_ewc_keep_task_a() {
    let m = train("");
    let p = ForgetParams::from_query(&Query::parse(""), &mut Vec::new());
    assert!(p.sweep, "the default run includes the λ sweep");
    // Visual pair: phase A learns A.
    let start = first(&m, "acc_a_finetune");
    assert!(start > 0.95, "phase A learns task A: {start}");
    let ft = (last(&m, "acc_a_finetune"), last(&m, "acc_b_finetune"));
    assert!(start - ft.0 > 0.5, "plain fine-tuning loses more than half of A's accuracy: {start} → {}", ft.0);
    assert!(ft.1 > 0.95, "and learns B: {}", ft.1);
    for method in ["replay", "ewc"] {
        let (a, b) = (last(&m, &format!("acc_a_{method}")), last(&m, &format!("acc_b_{method}")));
        assert!(a > ft.0 + 0.4 && a > 0.9, "{method} keeps A: {a} against fine-tuning's {}", ft.0);
        assert!(b > 0.9, "{method} still learns B: {b}");
    }
    // The sweep: EWC keeps more of A as λ grows from λ/100 to λ.
    let swept = [last(&m, "acc_a_ewc_x0_01"), last(&m, "acc_a_ewc")];
    assert!(swept[1] > swept[0] + 0.2, "a stronger pull keeps more of A: {swept:?}");
    // Language pair: the loss on Moby-Dick rises under plain fine-tuning; replay holds it.
    let (a0, a1) = (first(&m, "loss_a_finetune"), last(&m, "loss_a_finetune"));
    assert!(a1 > a0 + 0.1, "fine-tuning on the addresses raises the loss on Moby-Dick: {a0} → {a1}");
    let replay = last(&m, "loss_a_replay");
    assert!(replay < a1 - 0.1, "replay keeps Moby-Dick's loss lower: {replay} against {a1}");
    let (b0, b1) = (first(&m, "loss_b_finetune"), last(&m, "loss_b_finetune"));
    assert!(b1 < b0 - 0.2, "and the addresses are learned: {b0} → {b1}");
}
