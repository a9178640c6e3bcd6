// A Trainlab Web Worker (module worker). The page sends the glue's URL and the compiled
// WebAssembly.Module it loaded (assets/loader.js); this instantiates that same module, with no
// second download or compile, and hands over to Rust (runtime::worker::trainlab_worker_main).
// After a Rust panic the module traps; its hook has already posted {t: 'fatal'} with the panic's
// message (runtime::worker) and set trainlabFatal. The trap's own uncaught error then stays here,
// so that the page shows the panic's message rather than "unreachable".
self.addEventListener('error', (e) => {
  if (self.trainlabFatal) e.preventDefault();
});
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
