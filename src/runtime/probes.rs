//! What each shown panel exposes to scripts: a [`Probe`] per slug (metrics, status, steps), which
//! `window.trainlab` (installed by the app) reads. Panels register theirs through the kit while
//! they are mounted.

use crate::engine::group::JobGroup;
use crate::engine::job::Steppable;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// What the API reads from a panel's jobs.
pub trait Probe {
    /// Metrics as JSON.
    fn metrics_json(&self) -> String;
    /// Lifecycle state name.
    fn status(&self) -> &'static str;
    /// Steps completed.
    fn steps(&self) -> u64;
    /// Runs `"play"`, `"pause"`, `"step"` or `"reset"` on every job, as the panel's buttons do;
    /// false (and nothing done) for any other name.
    fn command(&self, name: &str) -> bool;
}

/// A panel's jobs, shared with its run (a change of parameters may add or remove one).
impl Probe for RefCell<JobGroup> {
    fn metrics_json(&self) -> String {
        self.borrow().metrics().to_json()
    }
    fn status(&self) -> &'static str {
        self.borrow().status().as_str()
    }
    fn steps(&self) -> u64 {
        self.borrow().steps()
    }
    fn command(&self, name: &str) -> bool {
        let f: fn(&mut dyn Steppable) = match name {
            "play" => |j| j.play(),
            "pause" => |j| j.pause(),
            "step" => |j| j.step_once(),
            "reset" => |j| j.reset(),
            _ => return false,
        };
        self.borrow().each(f);
        true
    }
}

thread_local! {
    static PANELS: RefCell<BTreeMap<String, Rc<dyn Probe>>> = RefCell::new(BTreeMap::new());
}

/// Makes a panel's jobs readable under `slug` (replacing any previous one).
pub fn register(slug: &str, probe: Rc<dyn Probe>) {
    PANELS.with(|p| p.borrow_mut().insert(slug.to_string(), probe));
}

/// Forgets `slug` (when its panel unmounts), if `probe` is still the registered one.
pub fn unregister(slug: &str, probe: &Rc<dyn Probe>) {
    PANELS.with(|p| {
        let mut p = p.borrow_mut();
        if p.get(slug).is_some_and(|cur| Rc::ptr_eq(cur, probe)) {
            p.remove(slug);
        }
    });
}

/// Runs `f` on the probe registered under `slug`, if any.
pub fn with_panel<T>(slug: &str, f: impl FnOnce(&dyn Probe) -> T) -> Option<T> {
    PANELS.with(|p| p.borrow().get(slug).map(|probe| f(probe.as_ref())))
}
