//! The runtime's test hooks, reached through `window.trainlab.debug`: a worker that fails as a
//! crash would, and a real Rust panic in the worker that trains a panel.

use super::{Route, Runtime};
use crate::engine::protocol::ToHost;
use std::collections::BTreeSet;

impl Runtime {
    /// Test hook: a real panic in the worker that trains `slug`'s jobs; false when none of them
    /// trains in a worker (on the page's thread a panic would end the whole page).
    pub fn panic_in(&self, slug: &str) -> bool {
        let workers: BTreeSet<usize> = self
            .routes
            .borrow()
            .iter()
            .filter_map(|(&id, r)| match r {
                Route::Worker(i) => self.mirror(id).filter(|m| m.borrow().spec().panel == slug).map(|_| *i),
                Route::Page => None,
            })
            .collect();
        if let Some(p) = self.pool.borrow_mut().as_mut() {
            workers.iter().for_each(|&i| p.send(i, ToHost::Panic));
        }
        !workers.is_empty()
    }

    /// Test hook: makes worker `index` fail as a crash would.
    pub fn crash_worker(&self, index: usize) {
        if let Some(p) = self.pool.borrow_mut().as_mut() {
            p.send(index, ToHost::Crash);
        }
    }
}
