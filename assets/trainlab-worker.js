// A Trainlab Web Worker (module worker). The page sends the glue's URL and the compiled
// WebAssembly.Module it loaded (assets/loader.js); this instantiates that same module, with no
// second download or compile, and hands over to Rust (runtime::worker::trainlab_worker_main).
self.onmessage = async (event) => {
  self.onmessage = null;
  try {
    const { glue, module, backend } = event.data;
    const bindings = await import(glue);
    bindings.initSync({ module });
    bindings.trainlab_worker_main(backend ?? 'cpu');
  } catch (e) {
    self.postMessage({ t: 'fatal', message: String(e?.message ?? e) });
  }
};
