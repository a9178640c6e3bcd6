//! Which device trains: WebGPU (Burn wgpu) when the browser offers a hardware adapter, otherwise the
//! CPU (Burn flex). The policy is a pure function, [`decide`], so it is tested natively; probing the
//! adapter and initialising wgpu happen in the app (browser) or in [`gpu_device`] (native).
//!
//! A software adapter (`isFallbackAdapter`, e.g. SwiftShader) is slower than flex on wasm for every
//! model here, so it is only used when `?backend=gpu` asks for it.

use burn::tensor::Device;

/// The backend a job runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackendKind {
    /// Burn flex, pure Rust on the CPU.
    Cpu,
    /// Burn wgpu on WebGPU (or Vulkan/Metal natively).
    WebGpu,
}

impl BackendKind {
    /// `"cpu"` or `"webgpu"`, as `window.trainlab.backend().name` reports it.
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Cpu => "cpu",
            BackendKind::WebGpu => "webgpu",
        }
    }
}

/// What the reader (or the URL) asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Preference {
    /// Hardware WebGPU if present, else the CPU.
    #[default]
    Auto,
    /// Always the CPU.
    Cpu,
    /// WebGPU even on a software adapter; the CPU only if there is no adapter at all.
    Gpu,
}

impl Preference {
    /// Parses `?backend=`; `None` for anything but `cpu`, `gpu` or `auto`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cpu" | "flex" => Some(Self::Cpu),
            "gpu" | "webgpu" | "wgpu" => Some(Self::Gpu),
            "auto" | "" => Some(Self::Auto),
            _ => None,
        }
    }
}

/// What probing `navigator.gpu.requestAdapter()` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdapterProbe {
    /// A human-readable adapter description (vendor, architecture).
    pub description: String,
    /// `GPUAdapter.info.isFallbackAdapter` (or `isFallbackAdapter`): a software implementation.
    pub is_fallback: bool,
}

/// The outcome of [`decide`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Try WebGPU; on failure fall back to the CPU with a notice.
    Gpu,
    /// Use the CPU; `notice` says why when the reader asked for something else.
    Cpu { notice: Option<String> },
}

/// Whether [`decide`] reads the adapter probe for `pref` in this build, so the app can skip
/// `requestAdapter()` when it would not: always under `?backend=cpu`, and in the CPU-only build
/// except to explain a `?backend=gpu` it cannot honour.
pub fn probe_needed(pref: Preference, gpu_built: bool) -> bool {
    match pref {
        Preference::Cpu => false,
        Preference::Gpu => true,
        Preference::Auto => gpu_built,
    }
}

/// Chooses the backend from the preference, the adapter probe (if any) and whether this build
/// includes the GPU backend at all.
pub fn decide(pref: Preference, probe: Option<&AdapterProbe>, gpu_built: bool) -> Decision {
    match (pref, probe) {
        (Preference::Cpu, _) => Decision::Cpu { notice: None },
        (Preference::Gpu, None) => Decision::Cpu {
            notice: Some("WebGPU was requested but this browser offers no adapter; training runs on the CPU.".into()),
        },
        (_, _) if !gpu_built => Decision::Cpu {
            notice: (pref == Preference::Gpu)
                .then(|| "This build has no WebGPU backend; training runs on the CPU.".into()),
        },
        (Preference::Gpu, Some(_)) => Decision::Gpu,
        (Preference::Auto, Some(p)) if !p.is_fallback => Decision::Gpu,
        (Preference::Auto, _) => Decision::Cpu { notice: None },
    }
}

/// The backend in use, as the badge and `window.trainlab.backend()` show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackendInfo {
    /// Which backend.
    pub kind: BackendKind,
    /// Adapter description ("flex" on the CPU).
    pub adapter: String,
    /// Whether the WebGPU adapter is a software fallback.
    pub fallback: bool,
    /// Shown to the reader when the backend is not the one asked for.
    pub notice: Option<String>,
}

impl BackendInfo {
    /// The CPU backend, with an optional notice saying why.
    pub fn cpu(notice: Option<String>) -> Self {
        Self { kind: BackendKind::Cpu, adapter: "flex (pure-Rust CPU)".into(), fallback: false, notice }
    }

    /// Badge text, in words: where the reader's training runs.
    pub fn label(&self) -> String {
        match self.kind {
            BackendKind::Cpu => "Training on your CPU".to_string(),
            BackendKind::WebGpu => "Training on your GPU (WebGPU)".to_string(),
        }
    }

    /// The badge's detail, shown on hover: the backend and adapter.
    pub fn detail(&self) -> String {
        match self.kind {
            BackendKind::Cpu => format!("Burn's CPU backend, {}, in WebAssembly with SIMD", self.adapter),
            BackendKind::WebGpu => format!("Burn's WebGPU backend on {}", self.adapter),
        }
    }
}

/// The autodiff CPU device every CPU job trains on.
pub fn cpu_device() -> Device {
    Device::flex().autodiff()
}

/// Initialises Burn's wgpu runtime (WebGPU in the browser, Vulkan/Metal natively) and checks it with
/// one tiny computation read back from the device.
///
/// # Errors
/// A message when no adapter can be had, the runtime fails to start, or the check fails.
#[cfg(feature = "gpu")]
pub async fn gpu_device() -> Result<Device, String> {
    use burn::tensor::Tensor;
    let device = Device::wgpu_options().init_async().await.map_err(|e| format!("{e}"))?;
    let probe = Tensor::<1>::from_floats([1.0, 2.0, 3.0], &device).sum();
    let sum = probe.into_scalar_async::<f32>().await.map_err(|e| format!("{e:?}"))?;
    if (sum - 6.0).abs() > 1e-4 {
        return Err(format!("the WebGPU self-check computed {sum} instead of 6"));
    }
    Ok(device.autodiff())
}

/// Without the `gpu` feature there is no GPU device.
///
/// # Errors
/// Always.
#[cfg(not(feature = "gpu"))]
pub async fn gpu_device() -> Result<Device, String> {
    Err("this build has no GPU backend".into())
}

/// Whether this build includes the GPU backend.
pub const GPU_BUILT: bool = cfg!(feature = "gpu");

#[cfg(test)]
mod tests {
    use super::*;

    fn hw() -> AdapterProbe {
        AdapterProbe { description: "nvidia".into(), is_fallback: false }
    }
    fn sw() -> AdapterProbe {
        AdapterProbe { description: "swiftshader".into(), is_fallback: true }
    }

    #[test]
    fn auto_prefers_hardware_gpu_but_not_a_software_adapter() {
        assert_eq!(decide(Preference::Auto, Some(&hw()), true), Decision::Gpu);
        assert_eq!(decide(Preference::Auto, Some(&sw()), true), Decision::Cpu { notice: None });
        assert_eq!(decide(Preference::Auto, None, true), Decision::Cpu { notice: None });
    }

    #[test]
    fn forcing_works_and_an_impossible_force_says_so() {
        assert_eq!(decide(Preference::Cpu, Some(&hw()), true), Decision::Cpu { notice: None });
        assert_eq!(decide(Preference::Gpu, Some(&sw()), true), Decision::Gpu);
        assert!(matches!(decide(Preference::Gpu, None, true), Decision::Cpu { notice: Some(_) }));
        assert!(matches!(decide(Preference::Gpu, Some(&hw()), false), Decision::Cpu { notice: Some(_) }));
        assert_eq!(Preference::parse("GPU"), Some(Preference::Gpu));
        assert_eq!(Preference::parse("tpu"), None);
    }

    #[test]
    fn a_cpu_only_build_names_the_real_reason() {
        // The page loads the CPU-only build when `?backend=gpu` finds no adapter (assets/loader.js);
        // the notice must then blame the adapter, not the build.
        let no_adapter = decide(Preference::Gpu, None, false);
        let Decision::Cpu { notice: Some(n) } = no_adapter else { panic!("{no_adapter:?}") };
        assert!(n.contains("no adapter"), "{n}");
        let Decision::Cpu { notice: Some(n) } = decide(Preference::Gpu, Some(&hw()), false) else { panic!() };
        assert!(n.contains("no WebGPU backend"), "{n}");
        assert_eq!(decide(Preference::Auto, Some(&hw()), false), Decision::Cpu { notice: None });
    }

    #[test]
    fn the_adapter_is_probed_only_when_decide_reads_it() {
        // For each case decide() ignores the probe in, skipping it must not change the decision.
        for gpu_built in [true, false] {
            for pref in [Preference::Auto, Preference::Cpu, Preference::Gpu] {
                let reads = [None, Some(hw()), Some(sw())]
                    .iter()
                    .map(|p| decide(pref, p.as_ref(), gpu_built))
                    .collect::<Vec<_>>()
                    .windows(2)
                    .any(|w| w[0] != w[1]);
                assert_eq!(probe_needed(pref, gpu_built), reads, "{pref:?}, gpu_built {gpu_built}");
            }
        }
    }
}
