//! Entry point: in the browser, start the app; natively there is nothing to run (see `cargo test`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    trainlab::app::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "Trainlab runs in the browser: see README.md (scripts/serve.sh). Native code is exercised by `cargo test`."
    );
}
