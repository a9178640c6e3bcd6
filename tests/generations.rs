//! The job's generation machinery, on a toy experiment with no model: a generation ends with a
//! host round trip (`waiting` blocks further steps until `absorb`), host work left by `absorb` is
//! done in chunks between slices, the experiment's own per-generation points are recorded, and the
//! run is only done once the last generation's host work is finished.

mod common;

use burn::prelude::*;
use common::{run_to_end, values};
use std::cell::RefCell;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::job::{Experiment, Job, Record, Status, StepOutput, Steppable};

/// Generations of 4 steps; each ends by reading back the step count, then needs 3 chunks of host
/// work before the next generation may start.
struct Toy {
    device: Device,
    counter: f32,
    waiting: bool,
    chunks_left: u32,
    gen: u64,
    records: Vec<Record>,
    /// Steps taken while waiting or with host work pending (must stay 0).
    out_of_turn: u32,
}

impl Experiment for Toy {
    fn metric_names(&self) -> Vec<String> {
        vec!["loss".into()]
    }
    fn train_step(&mut self, step: u64, _: bool) -> StepOutput {
        if self.waiting || self.chunks_left > 0 {
            self.out_of_turn += 1;
        }
        self.counter += 1.0;
        self.waiting = step.is_multiple_of(4);
        StepOutput { metrics: Tensor::from_floats([1.0 / step as f32], &self.device), host: vec![], extra: vec![] }
    }
    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        vec![Tensor::from_floats([self.counter], &self.device)]
    }
    fn waiting(&self) -> bool {
        self.waiting
    }
    fn absorb(&mut self, _: Vec<Vec<f32>>, snapshot: Vec<Vec<f32>>) {
        if self.waiting {
            self.chunks_left = 3;
            self.records.push(Record { name: "steps_at_end".into(), x: self.gen, y: f64::from(snapshot[0][0]) });
        }
    }
    fn host_work_pending(&self) -> bool {
        self.chunks_left > 0
    }
    fn host_work(&mut self) -> bool {
        self.chunks_left -= 1;
        if self.chunks_left == 0 {
            self.records.push(Record { name: "generation_done".into(), x: self.gen, y: 1.0 });
            self.gen += 1;
            self.waiting = false;
        }
        self.chunks_left > 0
    }
    fn drain_records(&mut self) -> Vec<Record> {
        std::mem::take(&mut self.records)
    }
}

#[test]
fn generations_wait_for_their_readback_and_their_host_work() {
    let device = cpu_device();
    let factory = move || Toy {
        device: device.clone(),
        counter: 0.0,
        waiting: false,
        chunks_left: 0,
        gen: 0,
        records: vec![],
        out_of_turn: 0,
    };
    let job = Rc::new(RefCell::new(Job::new(Box::new(factory), 12)));
    run_to_end(&job);
    let j = job.borrow();
    assert_eq!(j.status(), Status::Done);
    assert_eq!(j.steps(), 12);
    assert_eq!(j.exp().out_of_turn, 0, "a step ran before its generation's readback and host work");
    assert_eq!(values(&j, "steps_at_end"), vec![4.0, 8.0, 12.0], "each generation read back at its end");
    assert_eq!(values(&j, "generation_done"), vec![1.0; 3], "the last generation's host work ran too");
    let xs: Vec<u64> = j.metrics().get("generation_done").unwrap().points.iter().map(|p| p.0).collect();
    assert_eq!(xs, vec![0, 1, 2], "points at the experiment's own x");
    assert!(!j.wants_slice(), "nothing left to do");
}

/// Waits after step 1 for a readback it then cannot use.
struct Unusable(Device, bool);

impl Experiment for Unusable {
    fn metric_names(&self) -> Vec<String> {
        vec!["loss".into()]
    }
    fn train_step(&mut self, step: u64, _: bool) -> StepOutput {
        self.1 = true;
        StepOutput { metrics: Tensor::from_floats([1.0 / step as f32], &self.0), host: vec![], extra: vec![] }
    }
    fn waiting(&self) -> bool {
        self.1
    }
}

#[test]
fn a_generation_readback_that_cannot_be_used_stops_the_run_with_a_message() {
    let device = cpu_device();
    let job = Rc::new(RefCell::new(Job::new(Box::new(move || Unusable(device.clone(), false)), 10)));
    run_to_end(&job);
    let j = job.borrow();
    assert_eq!(
        j.status(),
        Status::Diverged,
        "a job that can never go on must not look alive: {} steps, {:?}",
        j.steps(),
        j.error
    );
    assert_eq!(j.steps(), 1);
    assert!(j.error.as_deref().unwrap_or("").contains("end of a generation"), "{:?}", j.error);
}
