//! Hooks every panel shares: read its parameters from the URL once, keep the URL in step with the
//! controls, and hook its jobs up to the page's runtime, to `window.trainlab` (under the slug the
//! registry gave the page, see [`current_slug`]), and to on-screen visibility, undoing all of it
//! when the panel unmounts.

use crate::components::controls::Actions;
use crate::engine::group::JobGroup;
use crate::engine::job::Steppable;
use crate::runtime::probes::{self, Probe};
use crate::runtime::runtime;
use crate::state::params::Params;
use crate::state::query::{Query, UrlParams};
use crate::state::web::{
    autoplay_disabled, current_query, now_ms, observe_visibility, prefers_reduced_motion, replace_query,
};
use leptos::html::Section;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A panel's parameters as read from the URL at mount.
pub struct UrlStart<P: Send + Sync + 'static> {
    /// The parameters; controls update them through [`update_params`].
    pub params: RwSignal<P>,
    /// Notes about malformed or out-of-range URL values, for the panel frame.
    pub notes: Vec<String>,
    /// Whether the panel may start training by itself (no `autoplay=0`, no reduced motion).
    pub autoplay: bool,
    /// The parameters' initial value (to build the first jobs from).
    pub initial: P,
}

/// Reads `P` from the page's query string.
pub fn use_url_params<P: UrlParams + Send + Sync + 'static>() -> UrlStart<P> {
    let query: Query = current_query();
    let mut notes = Vec::new();
    let initial = P::from_query(&query, &mut notes);
    let autoplay = !autoplay_disabled(&query) && !prefers_reduced_motion();
    UrlStart { params: RwSignal::new(initial.clone()), notes, autoplay, initial }
}

/// Applies `change` to the parameters; if they changed, stores them, rewrites the URL and returns
/// the new value (for the caller to rebuild its runs from).
pub fn update_params<P: Params>(params: RwSignal<P>, change: &dyn Fn(&mut P)) -> Option<P> {
    let mut p = params.get_untracked();
    change(&mut p);
    if p == params.get_untracked() {
        return None;
    }
    params.set(p.clone());
    let keys: Vec<&str> = P::FIELDS.iter().map(|f| f.key()).chain(["hide"]).collect();
    replace_query(&p.to_query(), &keys);
    Some(p)
}

/// A panel's jobs, shared by its run, its probe and its buttons: a change of parameters may add
/// or remove a job (a comparison switched on or off).
pub type SharedGroup = Rc<RefCell<JobGroup>>;

/// Registers the panel's jobs (the page's mirrors of them), as one probe, under the page's slug
/// for `window.trainlab`. Returns the node to hand to
/// [`PanelFrame`](crate::components::panel_frame::PanelFrame): the jobs train only while the panel
/// is on screen (`visible` keeps the latest answer, for jobs added later). Everything is undone on
/// unmount; the jobs end when their mirrors are dropped.
pub fn use_jobs(group: SharedGroup, visible: Rc<Cell<bool>>) -> NodeRef<Section> {
    let slug = current_slug();
    let root = NodeRef::<Section>::new();
    let probe: Rc<dyn Probe> = group.clone();
    probes::register(slug, probe);
    let group = StoredValue::new_local(group);
    on_cleanup(move || group.with_value(|g| probes::unregister(slug, &(g.clone() as Rc<dyn Probe>))));
    Effect::new(move |_| {
        let Some(el) = root.get() else { return };
        let visible = visible.clone();
        let set = move |v: bool| {
            visible.set(v);
            group.with_value(|g| g.borrow().jobs.iter().for_each(|j| j.borrow_mut().set_visible(v)));
        };
        if let Some(o) = observe_visibility(&el, set) {
            // Dropped, and so disconnected, when the panel goes.
            let o = StoredValue::new_local(Some(o));
            on_cleanup(move || o.set_value(None));
        }
    });
    root
}

/// Play, Pause, Step and Reset for a panel: each applies to every job of `group`, then calls
/// `after` (the panel's refresh).
pub fn group_actions(group: SharedGroup, after: impl Fn() + Copy + Send + Sync + 'static) -> Actions {
    let group = StoredValue::new_local(group);
    let action = move |f: fn(&mut dyn Steppable)| {
        Callback::new(move |_: ()| {
            group.with_value(|g| g.borrow().each(f));
            after();
        })
    };
    Actions {
        play: action(|j| j.play()),
        pause: action(|j| j.pause()),
        step: action(|j| j.step_once()),
        reset: action(|j| j.reset()),
    }
}

/// Calls `refresh` now and whenever the runtime reports new results (its tick).
pub fn on_tick(refresh: impl Fn() + 'static) {
    let tick = runtime().tick;
    Effect::new(move |_| {
        tick.get();
        refresh();
    });
}

/// A panel's training speed: steps per second, smoothed over successive runtime ticks.
#[derive(Clone, Copy)]
pub struct StepRate {
    /// The smoothed rate (0 until known).
    pub rate: RwSignal<f64>,
    last: StoredValue<(u64, f64)>,
}

impl StepRate {
    /// A rate of 0 (unknown).
    pub fn new() -> Self {
        Self { rate: RwSignal::new(0.0), last: StoredValue::new((0, 0.0)) }
    }

    /// Records that `steps` steps are done now.
    pub fn observe(&self, steps: u64) {
        let now = now_ms();
        let (ps, pt) = self.last.get_value();
        if steps == ps && steps != 0 {
            return;
        }
        if steps > ps && now > pt && pt > 0.0 {
            let inst = (steps - ps) as f64 / ((now - pt) / 1000.0);
            self.rate.update(|r| *r = if *r == 0.0 { inst } else { 0.7 * *r + 0.3 * inst });
        } else if steps < ps || steps == 0 {
            self.rate.set(0.0);
        }
        self.last.set_value((steps, now));
    }
}

impl Default for StepRate {
    fn default() -> Self {
        Self::new()
    }
}

/// The registry slug of the concept this panel is shown for, which the page provides as context
/// (`"unregistered"` outside one, so a panel never panics for want of it).
pub fn current_slug() -> &'static str {
    use_context::<super::PanelSlug>().map(|s| s.0).unwrap_or("unregistered")
}
