//! What `window.trainlab.engine()` reports: where each job trains, the workers' steps, memory and
//! start times, and the steps run on the page's own thread.

use super::{page_pool_size, Route, Runtime};
use crate::engine::host::Host;

impl Runtime {
    /// Where training happens, for `window.trainlab.engine()` (JSON).
    pub fn engine_json(&self) -> String {
        let page_steps = self.page.borrow().as_ref().map_or(0, Host::steps_run);
        let pool = self.pool.borrow();
        let slots = pool.as_ref().map(|p| p.slots.as_slice()).unwrap_or_default();
        let routes = self.routes.borrow();
        let jobs: Vec<serde_json::Value> = routes
            .iter()
            .filter_map(|(&id, r)| {
                let m = self.mirror(id)?;
                let m = m.borrow();
                let worker = match r {
                    Route::Worker(i) => serde_json::json!(i),
                    Route::Page => serde_json::Value::Null,
                };
                Some(serde_json::json!({"job": id, "panel": m.spec().panel, "part": m.spec().part, "worker": worker}))
            })
            .collect();
        let off = self.workers_off.borrow().clone();
        serde_json::json!({
            "mode": if off.is_some() { "main-thread" } else { "workers" },
            "reason": off,
            "gpuInWorkers": self.gpu_workers_off.borrow().is_none(),
            "gpuReason": self.gpu_workers_off.borrow().clone(),
            "poolSize": pool.as_ref().map_or(page_pool_size(), |p| p.size),
            "workers": slots.iter().map(|s| serde_json::json!({
                "live": s.is_live(), "backend": if s.gpu { "webgpu" } else { "cpu" }, "jobs": s.jobs.len(), "steps": s.steps, "memBytes": s.mem_bytes, "startMs": s.start_ms,
            })).collect::<Vec<_>>(),
            "mainThreadSteps": page_steps,
            "jobs": jobs,
        })
        .to_string()
    }
}
