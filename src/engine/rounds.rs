//! Runs made of rounds: train some steps, read tensors back, do host work, set up the next
//! round's data, train again. Panel 15's generations, panel 16's two phases and panel 17's STaR
//! rounds are all this loop; [`RoundRun`] drives it on top of [`Experiment`]'s wait and host-work
//! hooks so that no panel hand-rolls the bookkeeping (which step ends a round, when to wait for a
//! readback, when the next round may begin).
//!
//! A round may also ask for readbacks in its middle ([`Rounds::probe`]): panel 16 measures both
//! tasks every few steps of its second phase this way.

use super::experiment::{Experiment, Record, StepOutput};
use super::view::Frame;
use burn::tensor::Tensor;

/// Where a run stands after a step: its round (from 0), its step within the round (from 1), and
/// whether that step ends the round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    /// The round, from 0.
    pub round: usize,
    /// The step within the round, from 1.
    pub step: u64,
    /// Whether this is the round's last step.
    pub end: bool,
}

/// A run made of rounds, as [`RoundRun`] drives it. Round 0 is set up by the implementor's
/// constructor; [`Rounds::begin`] sets up every later one.
pub trait Rounds {
    /// See [`Experiment::metric_names`].
    fn metric_names(&self) -> Vec<String>;
    /// How many rounds the run has.
    fn rounds(&self) -> usize;
    /// Training steps in `round` (at least 1 is taken).
    fn steps_in(&self, round: usize) -> u64;
    /// Enqueues one training step.
    fn step(&mut self, at: At, inspect: bool) -> StepOutput;
    /// Whether the host must see tensors after this mid-round step (a round's end always does).
    fn probe(&self, _at: At) -> bool {
        false
    }
    /// The tensors the host needs after `at` (a probe or a round's end).
    fn readback(&mut self, at: At) -> Vec<Tensor<1>>;
    /// The host side of the readback. Returns `false` when the data cannot be used (not finite,
    /// say): the job then stops with a message instead of going on.
    fn absorb(&mut self, at: At, data: Vec<Vec<f32>>) -> bool;
    /// One bounded chunk of host work left by `absorb`; returns whether more remains.
    fn host_work(&mut self) -> bool {
        false
    }
    /// Whether host work is waiting.
    fn host_work_pending(&self) -> bool {
        false
    }
    /// Sets up `round` (from 1) once the round before it has been absorbed and its host work done.
    fn begin(&mut self, round: usize);
    /// View tensors the page asked for between boundaries (see [`Experiment::snapshot`]).
    fn view_tensors(&mut self) -> Vec<Tensor<1>> {
        Vec::new()
    }
    /// Receives `view_tensors`' data and any inspected step's extras.
    fn absorb_view(&mut self, _extra: Vec<Vec<f32>>, _data: Vec<Vec<f32>>) {}
    /// See [`Experiment::drain_records`].
    fn drain_records(&mut self) -> Vec<Record> {
        Vec::new()
    }
    /// See [`Experiment::view`].
    fn view(&mut self) -> Option<Frame> {
        None
    }
}

/// An [`Experiment`] that runs a [`Rounds`] round after round. It dereferences to the run, so a
/// view or a test reads the run's own state through it.
pub struct RoundRun<R: Rounds> {
    run: R,
    at: At,
    /// The boundary whose readback the run waits for.
    waiting: Option<At>,
    /// Set when a round has ended and the next should begin at the next step.
    begin_next: bool,
}

impl<R: Rounds> RoundRun<R> {
    /// Drives `run` from its round 0. (A panel may give `RoundRun<ItsRun>` its own `new`.)
    pub fn drive(run: R) -> Self {
        Self { run, at: At { round: 0, step: 0, end: false }, waiting: None, begin_next: false }
    }

    /// Training steps in all of `run`'s rounds: the job's budget.
    pub fn total_steps(run: &R) -> u64 {
        (0..run.rounds().max(1)).map(|r| run.steps_in(r).max(1)).sum()
    }

    /// Where the run stands: its last step.
    pub fn at(&self) -> At {
        self.at
    }
}

impl<R: Rounds> std::ops::Deref for RoundRun<R> {
    type Target = R;
    fn deref(&self) -> &R {
        &self.run
    }
}

impl<R: Rounds> Experiment for RoundRun<R> {
    fn metric_names(&self) -> Vec<String> {
        self.run.metric_names()
    }

    fn train_step(&mut self, _step: u64, inspect: bool) -> StepOutput {
        if std::mem::take(&mut self.begin_next) {
            self.at = At { round: self.at.round + 1, step: 0, end: false };
            self.run.begin(self.at.round);
        }
        let step = self.at.step + 1;
        let at = At { round: self.at.round, step, end: step >= self.run.steps_in(self.at.round).max(1) };
        self.at = at;
        let out = self.run.step(at, inspect);
        if at.end || self.run.probe(at) {
            self.waiting = Some(at);
        }
        out
    }

    fn snapshot(&mut self) -> Vec<Tensor<1>> {
        match self.waiting {
            Some(at) => self.run.readback(at),
            None => self.run.view_tensors(),
        }
    }

    fn waiting(&self) -> bool {
        self.waiting.is_some()
    }

    fn absorb(&mut self, extra: Vec<Vec<f32>>, data: Vec<Vec<f32>>) {
        let Some(at) = self.waiting else {
            self.run.absorb_view(extra, data);
            return;
        };
        if self.run.absorb(at, data) {
            self.waiting = None;
            self.begin_next = at.end && at.round + 1 < self.run.rounds();
        }
    }

    fn host_work(&mut self) -> bool {
        self.run.host_work()
    }

    fn host_work_pending(&self) -> bool {
        self.run.host_work_pending()
    }

    fn drain_records(&mut self) -> Vec<Record> {
        self.run.drain_records()
    }

    fn view(&mut self) -> Option<Frame> {
        self.run.view()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::backend::cpu_device;
    use crate::engine::job::Job;
    use crate::engine::scheduler::run_blocking;

    /// Three rounds of 2, 3 and 1 steps, a probe at every second step, recording what it saw.
    struct Log {
        seen: Vec<(usize, u64, bool)>,
        begun: Vec<usize>,
        absorbed: Vec<At>,
    }

    impl Rounds for Log {
        fn metric_names(&self) -> Vec<String> {
            vec!["x".into()]
        }
        fn rounds(&self) -> usize {
            3
        }
        fn steps_in(&self, round: usize) -> u64 {
            [2, 3, 1][round]
        }
        fn step(&mut self, at: At, _inspect: bool) -> StepOutput {
            self.seen.push((at.round, at.step, at.end));
            let metrics = Tensor::from_floats([at.step as f32], &cpu_device());
            StepOutput { metrics, host: Vec::new(), extra: Vec::new() }
        }
        fn probe(&self, at: At) -> bool {
            at.step == 2
        }
        fn readback(&mut self, at: At) -> Vec<Tensor<1>> {
            vec![Tensor::from_floats([at.round as f32], &cpu_device())]
        }
        fn absorb(&mut self, at: At, data: Vec<Vec<f32>>) -> bool {
            assert_eq!(data, vec![vec![at.round as f32]]);
            self.absorbed.push(at);
            true
        }
        fn begin(&mut self, round: usize) {
            self.begun.push(round);
        }
    }

    #[test]
    fn rounds_end_probe_and_begin_in_order() {
        let log = || RoundRun::drive(Log { seen: Vec::new(), begun: Vec::new(), absorbed: Vec::new() });
        let budget = RoundRun::total_steps(&*log());
        assert_eq!(budget, 6);
        let job = std::rc::Rc::new(std::cell::RefCell::new(Job::new(Box::new(log), budget)));
        job.borrow_mut().play();
        run_blocking(job.clone());
        let job = job.borrow();
        let run = job.exp();
        let seen = [(0, 1, false), (0, 2, true), (1, 1, false), (1, 2, false), (1, 3, true), (2, 1, true)];
        assert_eq!(run.seen, seen);
        assert_eq!(run.begun, vec![1, 2], "round 0 is the constructor's; begin sets up the rest");
        let absorbed: Vec<(usize, u64)> = run.absorbed.iter().map(|a| (a.round, a.step)).collect();
        assert_eq!(absorbed, vec![(0, 2), (1, 2), (1, 3), (2, 1)], "round ends and the probe");
        assert_eq!(job.status(), crate::engine::steppable::Status::Done);
    }
}
