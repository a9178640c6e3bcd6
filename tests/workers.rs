//! The worker engine, natively: jobs as descriptions, a host that trains them, and the page's
//! mirrors of them, connected by an in-memory channel that still encodes every message as the
//! browser posts it. Checked over every registered panel: a description survives a round trip and
//! builds; a job trained through host and mirror gives the page the same numbers as the job run
//! directly; play, pause, step, reset and reconfigure behave; stale updates are ignored; updates
//! are rate-limited; unknown jobs and panels are errors, not panics.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use trainlab::engine::backend::cpu_device;
use trainlab::engine::host::Host;
use trainlab::engine::job::{Status, Steppable};
use trainlab::engine::metrics::is_measured_time;
use trainlab::engine::mirror::Mirror;
use trainlab::engine::protocol::{ToHost, ToMain};
use trainlab::engine::scheduler::run_blocking;
use trainlab::engine::spec::JobSpec;
use trainlab::engine::wire;
use trainlab::panels::{self, built};
use trainlab::state::query::Query;

/// A host and the page's mirrors, with a fake clock; messages cross through `wire`.
struct Bench {
    host: Host,
    inbox: Rc<RefCell<VecDeque<ToHost>>>,
    mirrors: Vec<Rc<RefCell<Mirror>>>,
    now: f64,
    updates: usize,
}

impl Bench {
    fn new() -> Self {
        let host = Host::new(panels::spawn, cpu_device());
        Self { host, inbox: Rc::default(), mirrors: Vec::new(), now: 0.0, updates: 0 }
    }

    fn mirror(&mut self, spec: JobSpec, play: bool) -> Rc<RefCell<Mirror>> {
        let inbox = self.inbox.clone();
        let id = self.mirrors.len() as u64 + 1;
        let m = Rc::new(RefCell::new(Mirror::new(id, spec, Rc::new(move |msg| inbox.borrow_mut().push_back(msg)))));
        m.borrow_mut().submit(play);
        self.mirrors.push(m.clone());
        m
    }

    /// Delivers the page's messages, runs one round of `budget_ms` of fake time, delivers updates.
    fn tick(&mut self) {
        while let Some(msg) = self.inbox.borrow_mut().pop_front() {
            self.host.handle(wire::decode(wire::encode(&msg).unwrap()).unwrap());
        }
        // Each look at the clock costs a millisecond, so a 10 ms round runs about ten steps.
        let clock = std::cell::Cell::new(self.now);
        let now = || {
            clock.set(clock.get() + 1.0);
            clock.get()
        };
        for rb in self.host.frame(10.0, &now) {
            rb.complete_blocking();
        }
        self.now = clock.get().max(self.now + 10.0);
        self.deliver();
    }

    fn deliver(&mut self) {
        let (msgs, _) = self.host.updates(self.now);
        for msg in msgs {
            match wire::decode::<ToMain>(wire::encode(&msg).unwrap()).unwrap() {
                ToMain::Update(u) => {
                    self.updates += 1;
                    let m = self.mirrors.iter().find(|m| m.borrow().id() == u.job).unwrap();
                    m.borrow_mut().apply(u);
                }
                ToMain::Failed { job, message } => {
                    let m = self.mirrors.iter().find(|m| m.borrow().id() == job).unwrap();
                    m.borrow_mut().fail(message);
                }
            }
        }
    }

    /// Ticks until every mirror is out of the running state (or `max` ticks).
    fn settle(&mut self, max: usize) {
        for _ in 0..max {
            self.tick();
            if !self.host.busy() && self.inbox.borrow().is_empty() {
                self.now += 100.0;
                self.deliver();
                return;
            }
        }
        panic!("the jobs did not stop within {max} ticks");
    }
}

fn specs(slug: &str, query: &str) -> Vec<JobSpec> {
    let panel = panels::find(slug).and_then(|c| c.panel).unwrap();
    panel.specs(slug, &Query::parse(query))
}

#[test]
fn every_panels_descriptions_survive_a_round_trip_and_build() {
    for (c, panel) in built() {
        let specs = panel.specs(c.slug, &Query::parse(panel.test_query));
        assert!(!specs.is_empty(), "{}: no jobs", c.slug);
        for spec in specs {
            let msg = ToHost::Submit { job: 7, spec: spec.clone(), play: true, visible: true, epoch: 2, seq: 3 };
            let back: ToHost = wire::decode(wire::encode(&msg).unwrap()).unwrap();
            assert_eq!(back, msg, "{}: the description changed on the way", c.slug);
            let json = serde_json::to_string(&spec).unwrap();
            assert_eq!(serde_json::from_str::<JobSpec>(&json).unwrap(), spec);
            let job = panels::spawn(&spec, &cpu_device()).unwrap_or_else(|e| panic!("{}: {e}", c.slug));
            assert_eq!(job.borrow().budget(), spec.budget.max(1), "{}/{}", c.slug, spec.part);
        }
    }
}

#[test]
fn unknown_panels_and_parts_are_errors_not_panics() {
    let mut spec = specs("backprop-gradient-descent", "steps=5").remove(0);
    spec.part = "nonsense".into();
    let err = panels::spawn(&spec, &cpu_device()).err().expect("an unknown part is refused");
    assert!(err.contains("nonsense"), "{err}");
    spec.panel = "no-such-panel".into();
    assert!(panels::spawn(&spec, &cpu_device()).is_err());
    // Through a host: the mirror shows why, and the host keeps going.
    let mut b = Bench::new();
    let m = b.mirror(spec, true);
    b.tick();
    assert!(m.borrow().error().is_some_and(|e| e.contains("no-such-panel")), "{:?}", m.borrow().error());
    for msg in [ToHost::Cmd { job: 99, seq: 1, op: trainlab::engine::protocol::Op::Reset }, ToHost::Drop { job: 99 }] {
        b.host.handle(msg);
    }
    assert!(wire::decode::<ToHost>(wire::Packet { head: "{\"t\":\"what\"}".into(), ..Default::default() }).is_err());
}

#[test]
fn a_job_trained_through_host_and_mirror_gives_the_page_the_same_numbers() {
    for (c, panel) in built() {
        let mut b = Bench::new();
        let mirrors: Vec<_> =
            panel.specs(c.slug, &Query::parse(panel.test_query)).into_iter().map(|s| b.mirror(s, true)).collect();
        b.settle(200_000);
        let direct = panel.jobs(&Query::parse(panel.test_query), &cpu_device()).unwrap();
        for (m, j) in mirrors.iter().zip(direct) {
            j.borrow_mut().play();
            run_blocking(j.clone());
            let (m, j) = (m.borrow(), j.borrow());
            assert_eq!(m.status(), Status::Done, "{}/{}: {:?}", c.slug, m.spec().part, m.error());
            assert_eq!((m.steps(), m.budget()), (j.steps(), j.budget()), "{}", c.slug);
            let names: Vec<_> = j.metrics().iter().map(|(k, _)| k.clone()).collect();
            for (name, s) in j.metrics().iter() {
                if is_measured_time(name) {
                    continue; // wall-clock times differ between any two runs
                }
                let mine = m.metrics().get(name).unwrap_or_else(|| panic!("{}: no {name} in {names:?}", c.slug));
                let bits = |p: &[(u64, f64)]| p.iter().map(|&(x, y)| (x, y.to_bits())).collect::<Vec<_>>();
                assert_eq!(bits(&mine.points), bits(&s.points), "{}: {name} differs", c.slug);
            }
        }
    }
}

#[test]
fn pause_step_reset_and_reconfigure_act_on_the_job_and_stale_updates_are_ignored() {
    let mut b = Bench::new();
    let spec = specs("backprop-gradient-descent", "steps=400").remove(0);
    let m = b.mirror(spec.clone(), true);
    assert_eq!(m.borrow().status(), Status::Running, "Play shows at once");
    b.tick();
    b.tick();
    m.borrow_mut().pause();
    b.tick();
    assert_eq!(m.borrow().status(), Status::Paused, "Pause shows once the host answers");
    let at = m.borrow().steps();
    assert!(at > 0 && at < 400, "{at}");
    for _ in 0..5 {
        b.tick();
    }
    assert_eq!((m.borrow().status(), m.borrow().steps()), (Status::Paused, at), "a paused job stays put");
    m.borrow_mut().step_once();
    b.settle(100);
    assert_eq!((m.borrow().status(), m.borrow().steps()), (Status::Paused, at + 1), "Step runs exactly one step");
    // An update sent before a reset arrives after it: it must not bring the old run back.
    m.borrow_mut().play();
    b.tick();
    b.tick();
    let stale = {
        while let Some(msg) = b.inbox.borrow_mut().pop_front() {
            b.host.handle(msg);
        }
        let clock = b.now;
        b.host.frame(10.0, &|| clock).into_iter().for_each(|rb| rb.complete_blocking());
        b.now += 100.0;
        b.host.updates(b.now).0
    };
    m.borrow_mut().reset();
    for msg in stale {
        if let ToMain::Update(u) = msg {
            m.borrow_mut().apply(u);
        }
    }
    assert_eq!((m.borrow().status(), m.borrow().steps()), (Status::Idle, 0), "the stale update was ignored");
    assert!(m.borrow().metrics().iter().next().is_none(), "Reset clears the metrics at once");
    b.settle(100);
    assert_eq!((m.borrow().status(), m.borrow().steps()), (Status::Idle, 0), "the host reset too");
    // Reconfigure: new settings, a new run, playing.
    let mut spec2 = specs("backprop-gradient-descent", "steps=30&lr=0.5").remove(0);
    spec2.budget = 30;
    m.borrow_mut().reconfigure(spec2, true);
    b.settle(10_000);
    assert_eq!((m.borrow().status(), m.borrow().steps(), m.borrow().budget()), (Status::Done, 30, 30));
}

#[test]
fn updates_come_at_most_about_thirty_times_a_second_per_job() {
    let mut b = Bench::new();
    let spec = specs("backprop-gradient-descent", "steps=3000").remove(0);
    b.mirror(spec, true);
    while b.now < 2_000.0 {
        b.tick();
    }
    // 2 s of fake time: at most one update per 33 ms, plus the first; and no fewer than that
    // allows, while the job runs.
    let (n, ms) = (b.updates as f64, b.now);
    assert!(n <= ms / 33.0 + 2.0, "{n} updates in {ms} ms");
    assert!(n >= ms / 33.0 * 0.5, "{n} updates in {ms} ms");
}

#[test]
fn a_failed_job_is_shown_and_reset_builds_it_again() {
    let mut b = Bench::new();
    let spec = specs("backprop-gradient-descent", "steps=50").remove(0);
    let m = b.mirror(spec, true);
    b.tick();
    m.borrow_mut().fail("training stopped: the worker crashed".into());
    b.host.handle(ToHost::Drop { job: 1 }); // the crashed worker's jobs are gone
    assert_eq!(m.borrow().status(), Status::Paused);
    assert!(m.borrow().error().is_some_and(|e| e.starts_with("training stopped")));
    m.borrow_mut().reset();
    assert_eq!(m.borrow().error(), None);
    m.borrow_mut().play();
    b.settle(10_000);
    assert_eq!((m.borrow().status(), m.borrow().steps()), (Status::Done, 50));
}

#[test]
fn view_states_reach_the_page() {
    use trainlab::panels::backprop::experiment::{BackpropView, GRID};
    let mut b = Bench::new();
    let m = b.mirror(specs("backprop-gradient-descent", "steps=20").remove(0), true);
    b.settle(10_000);
    let v: BackpropView = m.borrow().view().expect("a view frame arrived");
    assert_eq!(v.boundary.len(), GRID * GRID);
    assert!(v.boundary.iter().all(|p| (0.0..=1.0).contains(p)));
    assert!(!v.points.xs.is_empty());
}
