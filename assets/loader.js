// Picks which build of the app to load, then loads it (Trunk.toml inlines this into index.html
// through pattern_script, after a `builds` constant holding both builds' file names).
//
// Two builds of one crate: the CPU-only one (trunk's) and the full one (`--features gpu`: Burn's
// WebGPU backend, about 70% of the code; scripts/gpu-build.sh). This mirrors `backend::decide` in
// src/engine/backend.rs: the full build loads only when the app would train on WebGPU, that is,
// `?backend=gpu` with any adapter, or no `?backend=cpu` and a hardware (non-fallback) adapter.
// Everyone else downloads a quarter of the bytes. When the full build is missing (a dev build with
// TRAINLAB_GPU_BUILD=0, or `scripts/serve.sh` while it is still compiling), every page loads the
// CPU-only one; when the chosen build fails to download, the other one loads instead.
async function trainlabLoad() {
  const want = (new URLSearchParams(location.search).get('backend') ?? '').trim().toLowerCase();
  const forceCpu = want === 'cpu' || want === 'flex';
  const forceGpu = want === 'gpu' || want === 'webgpu' || want === 'wgpu';
  const gpuBuilt = !builds.gpu.js.includes('@TRAINLAB_');

  async function onWebGpu() {
    if (forceCpu || !navigator.gpu) return false;
    try {
      const adapter = await navigator.gpu.requestAdapter();
      if (!adapter) return false;
      const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
      return forceGpu || !fallback;
    } catch {
      return false;
    }
  }

  // The build this page wants first, the other one as the fallback; only the CPU-only one when the
  // full build is absent.
  const wantsGpu = gpuBuilt && (await onWebGpu());
  const order = !gpuBuilt ? [builds.cpu] : wantsGpu ? [builds.gpu, builds.cpu] : [builds.cpu, builds.gpu];
  let lastError = null;
  for (const build of order) {
    let bindings;
    let response;
    try {
      // Download failures fall through to the next build; nothing of this one has run yet.
      [bindings, response] = await Promise.all([import(build.js), fetch(build.wasm)]);
      if (!response.ok) throw new Error(`${build.wasm}: HTTP ${response.status}`);
    } catch (e) {
      lastError = e;
      console.error(`Trainlab: the ${build.name} build did not download`, e);
      continue;
    }
    // Compiled here, not inside the glue, so that the Module can be handed to Web Workers
    // (runtime::worker): they instantiate it without downloading or compiling it again.
    const streams = (response.headers.get('content-type') ?? '').startsWith('application/wasm');
    const module = streams ? await WebAssembly.compileStreaming(response) : await WebAssembly.compile(await response.arrayBuffer());
    window.trainlabBuild = { name: build.name, module, js: new URL(build.js, location.href).href, worker: new URL(workerScript, location.href).href };
    const wasm = await bindings.default({ module_or_path: module });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
    return;
  }
  throw lastError;
}

trainlabLoad().catch((e) => {
  console.error('Trainlab failed to start', e);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `Trainlab could not start: ${e?.message ?? e}. Reload the page to try again.`;
  document.body.append(p);
});
