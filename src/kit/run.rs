//! A panel's run, in one hook: [`use_panel`] reads the parameters from the URL, submits the jobs
//! the panel's `runs::parts` lists (as descriptions: they train in a Web Worker), registers their
//! mirrors (`window.trainlab`, visibility), starts them unless the reader asked otherwise, and
//! hands the view one [`PanelRun`]: the parameters, status, steps, rate and errors, a `set` that
//! rewrites the URL and restarts the parts whose settings changed, a redraw hook called only when
//! new results arrived, every field's control, and ([`Jobs`]) each part's mirror.

use super::hooks::{
    current_slug, group_actions, on_tick, update_params, use_jobs, use_url_params, SharedGroup, StepRate, UrlStart,
};
use crate::components::controls::{Actions, PlayControls, Progress, SeedInput, Select, Slider, Toggle};
use crate::components::panel_frame::PanelFrame;
use crate::engine::group::{Derive, JobGroup};
use crate::engine::job::{Status, Steppable};
use crate::engine::metrics::Metrics;
use crate::engine::mirror::Mirror;
use crate::engine::scheduler::JobHandle;
use crate::engine::spec::Part;
use crate::runtime::runtime;
use crate::state::params::{Control, Field, Params, Value, Widget, SEED_MAX};
use crate::state::query::UrlParams;
use leptos::html::Section;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A panel's runs at given parameters (its module's `runs::parts`).
pub type Parts<P> = fn(&P) -> Vec<Part>;
/// Restarts the parts that a change of parameters affects.
type Rebuilder<P> = Rc<dyn Fn(&P)>;

/// One part's mirror and the key of the settings it was started from.
struct Entry {
    name: &'static str,
    mirror: Rc<RefCell<Mirror>>,
    key: String,
    scheduled: bool,
}

impl Entry {
    /// Submits `part` (unless it is not scheduled: then a mirror that sends nothing stands in).
    fn new(part: &Part, slug: &str, query: &str, play: bool, visible: &Cell<bool>) -> Self {
        let spec = part.spec(slug, query);
        let mirror = if part.scheduled {
            let m = runtime().submit(spec, play);
            m.borrow_mut().set_visible(visible.get());
            m
        } else {
            Rc::new(RefCell::new(Mirror::new(0, spec, Rc::new(|_| {}))))
        };
        Self { name: part.name, mirror, key: part.key(query), scheduled: part.scheduled }
    }
}

/// A panel's jobs: the page's mirror of each part, by name. `Copy`, for closures.
#[derive(Clone, Copy)]
pub struct Jobs(StoredValue<Vec<Entry>, LocalStorage>);

impl Jobs {
    /// Makes `group` the scheduled parts' mirrors, in the panel's order.
    fn regroup(self, group: &SharedGroup) {
        let jobs =
            self.0.with_value(|es| es.iter().filter(|e| e.scheduled).map(|e| e.mirror.clone() as JobHandle).collect());
        group.borrow_mut().set_jobs(jobs);
    }

    /// Calls `f` with part `name`'s mirror (`None` if the panel has no such part).
    pub fn with<R>(self, name: &str, f: impl FnOnce(&mut Mirror) -> R) -> Option<R> {
        let m = self.0.with_value(|es| es.iter().find(|e| e.name == name).map(|e| e.mirror.clone()))?;
        let mut m = m.borrow_mut();
        Some(f(&mut m))
    }

    /// Part `name`'s metrics as a signal for charts: copied on a draw only when that part's job
    /// has something new (its revision, or the job itself, changed).
    pub fn metrics<P: Params>(self, run: PanelRun<P>, name: &'static str) -> RwSignal<Metrics> {
        let metrics = RwSignal::new(Metrics::default());
        let seen = StoredValue::new(None::<(u64, u64)>);
        run.on_draw(move || {
            self.with(name, |j| {
                let now = Some((j.id(), j.revision()));
                if seen.get_value() != now {
                    seen.set_value(now);
                    metrics.set(j.metrics().clone());
                }
            });
        });
        metrics
    }

    /// The view state part `name` last sent, decoded as `T`.
    pub fn view<T: serde::de::DeserializeOwned>(self, name: &str) -> Option<T> {
        self.with(name, |m| m.view()).flatten()
    }

    /// Part `name`'s view state as a signal: decoded again on a draw when the job sent a new
    /// frame, and back to `T::default()` when a new run starts.
    pub fn view_signal<P, T>(self, run: PanelRun<P>, name: &'static str) -> RwSignal<T>
    where
        P: Params,
        T: serde::de::DeserializeOwned + Default + Send + Sync + 'static,
    {
        let state = RwSignal::new(T::default());
        let seen = StoredValue::new(u64::MAX);
        run.on_draw(move || {
            self.with(name, |j| {
                if seen.get_value() != j.view_revision() || j.steps() == 0 {
                    seen.set_value(j.view_revision());
                    state.set(j.view().unwrap_or_default());
                }
            });
        });
        state
    }
}

/// Everything a panel's view needs of its run. `Copy`, so closures take it freely.
pub struct PanelRun<P: Params> {
    /// The parameters; change them with [`PanelRun::set`].
    pub params: RwSignal<P>,
    /// The jobs' combined status.
    pub status: RwSignal<Status>,
    /// Steps done, all jobs together.
    pub steps: RwSignal<u64>,
    /// Steps budgeted, all jobs together (the progress bar's end).
    pub total: RwSignal<u64>,
    /// Steps per second.
    pub rate: StepRate,
    /// What went wrong, one message per job that failed.
    pub errors: RwSignal<Vec<String>>,
    /// Whether the panel may start by itself (no `autoplay=0`, no reduced motion).
    pub autoplay: bool,
    /// The node whose visibility decides whether the jobs train (for the panel frame).
    pub root: NodeRef<Section>,
    /// Notes about URL values that were replaced (for the panel frame).
    pub notes: StoredValue<Vec<String>>,
    group: StoredValue<SharedGroup, LocalStorage>,
    seen: StoredValue<Vec<u64>>,
    rebuild: StoredValue<Rebuilder<P>, LocalStorage>,
    draw: StoredValue<Vec<Rc<dyn Fn()>>, LocalStorage>,
}

impl<P: Params> Clone for PanelRun<P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P: Params> Copy for PanelRun<P> {}

/// Connects a panel to its jobs: submits the parts `parts` lists for the URL's parameters.
/// Returns the run and the parts' mirrors.
pub fn use_panel<P: Params>(parts: Parts<P>) -> (PanelRun<P>, Jobs) {
    let UrlStart { params, notes, autoplay, initial } = use_url_params::<P>();
    let slug = current_slug();
    let query = initial.to_query().to_query_string();
    let visible = Rc::new(Cell::new(true));
    let entries: Vec<Entry> = parts(&initial).iter().map(|p| Entry::new(p, slug, &query, autoplay, &visible)).collect();
    let group: SharedGroup = Rc::new(RefCell::new(JobGroup::default()));
    let root = use_jobs(group.clone(), visible.clone());
    let jobs = Jobs(StoredValue::new_local(entries));
    jobs.regroup(&group);
    let shared = group.clone();
    let redo: Rebuilder<P> = Rc::new(move |new: &P| {
        let query = new.to_query().to_query_string();
        let parts = parts(new);
        jobs.0.update_value(|entries| {
            for (e, part) in entries.iter_mut().filter_map(|e| parts.iter().find(|p| p.name == e.name).map(|p| (e, p)))
            {
                if part.scheduled != e.scheduled {
                    // Switched on or off (a comparison, say): a new job, or none.
                    *e = Entry::new(part, slug, &query, autoplay, &visible);
                } else if e.scheduled && part.key(&query) != e.key {
                    e.mirror.borrow_mut().reconfigure(part.spec(slug, &query), autoplay);
                    e.key = part.key(&query);
                }
            }
        });
        jobs.regroup(&shared);
    });
    let run = PanelRun {
        params,
        status: RwSignal::new(Status::Idle),
        steps: RwSignal::new(0),
        total: RwSignal::new(0),
        rate: StepRate::new(),
        errors: RwSignal::new(Vec::new()),
        autoplay,
        root,
        notes: StoredValue::new(notes),
        group: StoredValue::new_local(group),
        seen: StoredValue::new(Vec::new()),
        rebuild: StoredValue::new_local(redo),
        draw: StoredValue::new_local(Vec::new()),
    };
    on_tick(move || run.refresh());
    (run, jobs)
}

impl<P: Params> PanelRun<P> {
    /// Calls `draw` whenever a job has something new to show (results read back, host work done,
    /// a reset) and after every change of parameters, not on ticks that brought nothing.
    pub fn on_draw(self, draw: impl Fn() + 'static) {
        self.draw.update_value(|d| d.push(Rc::new(draw)));
        self.redraw();
    }

    /// Applies `change` to the parameters (then [`Params::settle`]); if they changed, rewrites the
    /// URL, rebuilds the affected jobs and redraws.
    pub fn set(self, change: impl Fn(&mut P)) {
        let settled = |p: &mut P| {
            change(p);
            p.settle(&mut Vec::new());
        };
        if let Some(new) = update_params(self.params, &settled) {
            self.rebuild.with_value(|r| r(&new));
            self.redraw();
        }
    }

    /// Adds series computed from the jobs' series (see [`Derive`]) to the panel's metrics, as
    /// `window.trainlab.metrics` reports them and [`PanelRun::merged`] draws them.
    pub fn derive(self, derive: Derive) {
        self.group.with_value(|g| g.borrow_mut().set_derive(Some(derive)));
    }

    /// All jobs' series and the derived ones, as a signal for charts: copied on a draw when any
    /// job has something new.
    pub fn merged(self) -> RwSignal<Metrics> {
        let metrics = RwSignal::new(Metrics::default());
        self.on_draw(move || metrics.set(self.group.with_value(|g| g.borrow().metrics())));
        metrics
    }

    /// Whether `name` (a control's key or a part) is hidden by `hide=`.
    pub fn hidden(self, name: &str) -> bool {
        self.params.with(|p| p.hides(name))
    }

    /// Play, Pause, Step and Reset for every job.
    pub fn actions(self) -> Actions {
        group_actions(self.group.get_value(), move || self.redraw())
    }

    /// Forgets what was drawn and refreshes now.
    fn redraw(self) {
        self.seen.set_value(Vec::new());
        self.refresh();
    }

    /// Status, steps, rate and errors from the jobs; the draw hooks when any job's revision moved.
    fn refresh(self) {
        let (status, (steps, total), errors, each) = self.group.with_value(|g| {
            let g = g.borrow();
            let errors: Vec<String> = g.jobs.iter().filter_map(|j| j.borrow().error()).collect();
            let each: Vec<u64> = g.jobs.iter().map(|j| j.borrow().revision()).collect();
            (g.status(), g.progress(), errors, each)
        });
        if self.total.get_untracked() != total {
            self.total.set(total);
        }
        if self.status.get_untracked() != status {
            self.status.set(status);
        }
        if self.steps.get_untracked() != steps {
            self.steps.set(steps);
        }
        self.rate.observe(steps);
        if self.errors.with_untracked(|e| *e != errors) {
            self.errors.set(errors);
        }
        if self.seen.with_value(|s| *s != each) {
            self.seen.set_value(each);
            // Untracked: what a draw hook reads must not become a dependency of the tick.
            self.draw.with_value(|d| untrack(|| d.iter().for_each(|f| f())));
        }
    }

    /// The control of `field`, hidden while `hide=` names it; nothing for a field without one.
    pub fn control(self, field: &'static dyn Field<P>) -> impl IntoView {
        let key = field.key();
        let shown = Memo::new(move |_| !self.hidden(key));
        move || shown.get().then(|| untrack(|| self.widget(field)))
    }

    /// The controls of `fields`, in order (see [`PanelRun::control`]).
    pub fn controls(self, fields: &'static [&'static dyn Field<P>]) -> impl IntoView {
        fields.iter().map(|&f| self.control(f)).collect_view()
    }

    /// `children`, as the part `name` that `hide=` may name (`data-part`, for the embed tests).
    pub fn part(self, name: &'static str, children: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
        let shown = Memo::new(move |_| !self.hidden(name));
        move || shown.get().then(|| view! { <div class="part" data-part=name>{untrack(&children)}</div> })
    }

    fn widget(self, field: &'static dyn Field<P>) -> AnyView {
        let Some(Control { label, widget }) = field.control() else { return ().into_any() };
        let name = field.key();
        let params = self.params;
        let num = Signal::derive(move || match params.with(|p| field.value(p)) {
            Value::Num(x) => x,
            Value::Flag(b) => f64::from(u8::from(b)),
            Value::Key(_) => 0.0,
        });
        let to = move |v: Value| self.set(move |p| field.set(p, &v));
        let on_num = Callback::new(move |x: f64| to(Value::Num(x)));
        match widget {
            Widget::Slider { min, max, step, log, whole } => view! {
                <Slider name=name label=label min=min max=max step=step log=log whole=whole value=num on_change=on_num />
            }
            .into_any(),
            Widget::Select(options) => {
                let key = Signal::derive(move || match params.with(|p| field.value(p)) {
                    Value::Key(k) => k,
                    other => format!("{other:?}"),
                });
                let on_key = Callback::new(move |k: String| to(Value::Key(k)));
                view! { <Select name=name label=label options=options value=key on_change=on_key /> }.into_any()
            }
            Widget::Toggle => {
                let on = Signal::derive(move || num.get() >= 0.5);
                let on_flag = Callback::new(move |b: bool| to(Value::Flag(b)));
                view! { <Toggle name=name label=label value=on on_change=on_flag /> }.into_any()
            }
            Widget::Seed => view! { <SeedInput name=name max=SEED_MAX value=num on_change=on_num /> }.into_any(),
        }
    }
}

/// The panel frame (URL notes, "Copy link", the node whose visibility gates training) for a run,
/// with "Download run (JSON)".
#[component]
pub fn RunFrame<P: Params>(
    /// The panel's run.
    run: PanelRun<P>,
    /// The panel's content.
    children: Children,
) -> impl IntoView {
    view! {
        <PanelFrame slug=current_slug() notes=run.notes.get_value() root=run.root>
            {children()}
            <div class="panel-footer"><super::export::ExportRun run=run /></div>
        </PanelFrame>
    }
}

/// Play/Pause/Step/Reset, progress through every job's steps with the rate and time left, and the
/// run's errors.
#[component]
pub fn RunControls<P: Params>(
    /// The panel's run.
    run: PanelRun<P>,
) -> impl IntoView {
    view! {
        <PlayControls status=run.status actions=run.actions() />
        <Progress done=run.steps total=run.total rate=run.rate.rate />
        {move || run.errors.get().into_iter().map(|e| view! { <p class="diverged" role="alert">{e}</p> }).collect_view()}
    }
}
