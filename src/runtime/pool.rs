//! The page's Web Workers: CPU workers (as many as
//! [`pool_size`](crate::engine::host::pool_size) says), started lazily as jobs arrive, each job
//! placed on the one with the fewest; and one WebGPU worker for every GPU job (one `GPUDevice`). Messages wait in a queue until their worker is ready.
//! A worker that fails is ended and its jobs are told; if the first worker cannot start at all
//! (a content security policy that forbids workers, say), [`Pool::failed_to_start`] says so and
//! the runtime trains on the page instead.

use super::wire_js;
use super::worker;
use crate::engine::protocol::{ToHost, ToMain};
use crate::engine::wire;
use crate::state::web::now_ms;
use std::collections::BTreeSet;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the pool tells the runtime.
pub enum Event {
    /// A message from a worker's host.
    Msg(ToMain),
    /// Worker `index` failed, with `why` (the pool says which jobs it held and whether it had
    /// ever been ready: [`Pool::fail`]).
    Failed { index: usize, why: String },
    /// Worker `index` is ready, with its memory in bytes and its start time in ms; a WebGPU worker
    /// whose device failed says why (it then offers the CPU).
    Ready { index: usize, mem_bytes: f64, ms: f64, gpu_error: Option<String> },
    /// Worker `index`'s GPU stopped answering.
    DeviceLost { index: usize, why: String },
}

/// One worker and what waits for it.
pub struct Slot {
    worker: web_sys::Worker,
    /// Whether it trains on WebGPU.
    pub gpu: bool,
    ready: bool,
    dead: bool,
    queue: Vec<ToHost>,
    /// Jobs placed here.
    pub jobs: BTreeSet<u64>,
    /// Its WebAssembly memory, bytes, as last reported (it only grows).
    pub mem_bytes: f64,
    /// Steps its host had run, as of its last update.
    pub steps: u64,
    /// From creation to ready, ms.
    pub start_ms: f64,
}

/// The page's workers.
pub struct Pool {
    /// The workers started so far (dead ones stay, marked, so indices hold).
    pub slots: Vec<Slot>,
    /// How many may be started.
    pub size: usize,
    on_event: std::rc::Rc<dyn Fn(Event)>,
}

impl Slot {
    /// Whether the worker is still in use.
    pub fn is_live(&self) -> bool {
        !self.dead
    }
}

impl Pool {
    /// An empty pool of at most `size` workers; `on_event` receives what they report.
    pub fn new(size: usize, on_event: std::rc::Rc<dyn Fn(Event)>) -> Self {
        Self { slots: Vec::new(), size: size.max(1), on_event }
    }

    /// Places `job` on a worker (starting one when fewer than `size` run and all have jobs);
    /// `Err` when no worker can be started.
    /// A GPU job goes to the one WebGPU worker.
    pub fn place(&mut self, job: u64, gpu: bool) -> Result<usize, String> {
        let live = |s: &Slot| !s.dead && s.gpu == gpu;
        let least = self.slots.iter().enumerate().filter(|(_, s)| live(s)).min_by_key(|(_, s)| s.jobs.len());
        let room = if gpu { 1 } else { self.size };
        let index = match least {
            Some((i, s)) if s.jobs.is_empty() || self.slots.iter().filter(|s| live(s)).count() >= room => i,
            _ => self.start(gpu)?,
        };
        self.slots[index].jobs.insert(job);
        Ok(index)
    }

    fn start(&mut self, gpu: bool) -> Result<usize, String> {
        let w = worker::start(gpu).map_err(|e| describe(&e))?;
        let index = self.slots.len();
        let t0 = now_ms();
        let on_event = self.on_event.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if let Some(p) = wire_js::from_js(&data) {
                if let Ok(msg) = wire::decode::<ToMain>(p) {
                    on_event(Event::Msg(msg));
                }
                return;
            }
            let field = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            match field("t").as_string().as_deref() {
                Some("ready") => {
                    let mem_bytes = field("memBytes").as_f64().unwrap_or(0.0);
                    let gpu_error = field("gpuError").as_string();
                    on_event(Event::Ready { index, mem_bytes, ms: now_ms() - t0, gpu_error });
                }
                Some("device_lost") => {
                    let why = field("message").as_string().unwrap_or_default();
                    on_event(Event::DeviceLost { index, why });
                }
                Some("fatal") => {
                    let why = field("message").as_string().unwrap_or_default();
                    on_event(Event::Failed { index, why });
                }
                _ => {}
            }
        });
        w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_event = self.on_event.clone();
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let why = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).filter(|m| !m.is_empty());
            let why =
                why.unwrap_or_else(|| "its script could not be loaded, or the page does not allow workers".into());
            on_event(Event::Failed { index, why });
        });
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        w.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        self.slots.push(Slot {
            worker: w,
            gpu,
            ready: false,
            dead: false,
            queue: Vec::new(),
            jobs: BTreeSet::new(),
            mem_bytes: 0.0,
            steps: 0,
            start_ms: 0.0,
        });
        Ok(index)
    }

    /// Marks worker `index` ready and sends what waited.
    pub fn ready(&mut self, index: usize, mem_bytes: f64, ms: f64) {
        let Some(s) = self.slots.get_mut(index).filter(|s| !s.dead) else { return };
        (s.ready, s.mem_bytes, s.start_ms) = (true, mem_bytes, ms);
        for msg in std::mem::take(&mut s.queue) {
            post(&s.worker, &msg);
        }
    }

    /// Ends worker `index`; returns whether it had been ready and the jobs it held.
    pub fn fail(&mut self, index: usize) -> Option<(bool, Vec<u64>)> {
        let s = self.slots.get_mut(index).filter(|s| !s.dead)?;
        s.dead = true;
        s.worker.terminate();
        s.queue.clear();
        Some((s.ready, std::mem::take(&mut s.jobs).into_iter().collect()))
    }

    /// Sends `msg` to worker `index` (queued until it is ready; dropped if it is dead).
    pub fn send(&mut self, index: usize, msg: ToHost) {
        let Some(s) = self.slots.get_mut(index).filter(|s| !s.dead) else { return };
        if let ToHost::Drop { job } = msg {
            s.jobs.remove(&job);
        }
        if s.ready {
            post(&s.worker, &msg);
        } else {
            s.queue.push(msg);
        }
    }

    /// Sends `msg` to every live worker.
    pub fn broadcast(&mut self, msg: &ToHost) {
        for i in 0..self.slots.len() {
            self.send(i, msg.clone());
        }
    }

    /// Whether any worker ever became ready.
    pub fn any_ready(&self) -> bool {
        self.slots.iter().any(|s| s.ready)
    }

    /// Live workers.
    pub fn live(&self) -> usize {
        self.slots.iter().filter(|s| !s.dead).count()
    }
}

fn post(w: &web_sys::Worker, msg: &ToHost) {
    if let Ok(p) = wire::encode(msg) {
        let (obj, transfer) = wire_js::to_js(&p);
        let _ = w.post_message_with_transfer(&obj, &transfer);
    }
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{e:?}"))
}
