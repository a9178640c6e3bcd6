//! Hooks every panel shares: read its parameters from the URL once, keep the URL in step with the
//! controls, and hook its jobs up to the page's runtime, to `window.trainlab`, and to on-screen
//! visibility, undoing all of it when the panel unmounts.

use super::query::{Query, UrlParams};
use super::web::{autoplay_disabled, current_query, observe_visibility, prefers_reduced_motion, replace_query};
use crate::app::js_api::{self, Probe};
use crate::app::runtime::runtime;
use crate::engine::scheduler::JobHandle;
use leptos::html::Div;
use leptos::prelude::*;
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
pub fn update_params<P: UrlParams + Send + Sync + 'static>(params: RwSignal<P>, change: &dyn Fn(&mut P)) -> Option<P> {
    let mut p = params.get_untracked();
    change(&mut p);
    if p == params.get_untracked() {
        return None;
    }
    params.set(p.clone());
    replace_query(&p.to_query());
    Some(p)
}

/// Registers `jobs` with the runtime and `probe` under `slug` for `window.trainlab`; the jobs train
/// only while `root` is on screen. Everything is undone on unmount.
pub fn use_jobs(slug: &'static str, jobs: Vec<JobHandle>, probe: Rc<dyn Probe>, root: NodeRef<Div>) {
    let rt = runtime();
    let ids: Vec<u64> = jobs.iter().map(|j| rt.add(j.clone())).collect();
    js_api::register(slug, probe.clone());
    let probe = StoredValue::new_local(probe);
    on_cleanup(move || {
        ids.iter().for_each(|id| runtime().remove(*id));
        probe.with_value(|p| js_api::unregister(slug, p));
    });
    let jobs = StoredValue::new_local(jobs);
    Effect::new(move |_| {
        let Some(el) = root.get() else { return };
        let set = move |v: bool| jobs.with_value(|js| js.iter().for_each(|j| j.borrow_mut().set_visible(v)));
        if let Some(o) = observe_visibility(&el, set) {
            let o = StoredValue::new_local(o);
            on_cleanup(move || o.with_value(|o| o.disconnect()));
        }
    });
}
