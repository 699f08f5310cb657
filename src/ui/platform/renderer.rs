//! The software renderer where the GPU one cannot be set up.
//!
//! iced 0.14 picks wgpu first and tiny-skia (CPU) when wgpu *reports* that it found no adapter or
//! device. Some drivers fail later, while iced builds its render pipelines: Direct3D 12 under
//! Wine (no shader compiler), and the same on some virtual machines, remote desktops and old
//! drivers. wgpu treats that error as fatal, or the driver aborts the process (Wine's vkd3d
//! without Vulkan), and the app dies before its window opens. On Windows the app therefore tries
//! the same steps first (an adapter, a device, a shader and a render pipeline) in a process of
//! its own (`postfach.exe` again, with `POSTFACH_RENDERER_PROBE=1`), so that a crash or a hang
//! there costs nothing; if that process does not report success within ten seconds, the window
//! is started with tiny-skia (`ICED_BACKEND`, which iced reads when it sets up the window) and
//! the log says why.
//!
//! Elsewhere wgpu reports such failures (Vulkan, Metal, GL), so iced's own fallback is enough and
//! no time is spent on a probe. A user's or a test's `ICED_BACKEND` is always obeyed.

/// The environment variable iced 0.14 reads for its renderer (`wgpu`, `tiny-skia`, or a list).
pub const BACKEND_VAR: &str = "ICED_BACKEND";

/// The value that makes iced draw with tiny-skia.
pub const SOFTWARE: &str = "tiny-skia";

/// Set for the probe process: it tries the GPU renderer's steps and exits (0: they work).
pub const PROBE_VAR: &str = "POSTFACH_RENDERER_PROBE";

/// In the probe process (see [`PROBE_VAR`]): runs the probe and returns the exit code; the reason
/// of a failure goes to stderr for the parent. Elsewhere `None`: the app goes on as usual.
pub fn probe_process() -> Option<std::process::ExitCode> {
    if std::env::var_os(PROBE_VAR).is_none_or(|v| v != "1") {
        return None;
    }
    Some(match gpu::steps() {
        Ok(adapter) => {
            println!("{adapter}");
            std::process::ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("{reason}");
            std::process::ExitCode::FAILURE
        }
    })
}

/// What to do about the renderer before iced starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// `ICED_BACKEND` is set: iced does what it says.
    AsConfigured(String),
    /// The GPU renderer works on this adapter (or, empty, is not probed here): iced's default
    /// order.
    Default(String),
    /// The GPU renderer cannot be set up, for this reason: tiny-skia.
    Software(String),
}

/// The decision from the configured backend (`ICED_BACKEND`, empty counts as unset) and a probe
/// of the GPU renderer, which runs only when nothing is configured.
pub fn decide(
    configured: Option<String>,
    probe: impl FnOnce() -> Result<String, String>,
) -> Decision {
    if let Some(backend) = configured.filter(|b| !b.trim().is_empty()) {
        return Decision::AsConfigured(backend);
    }
    match probe() {
        Ok(adapter) => Decision::Default(adapter),
        Err(reason) => Decision::Software(reason),
    }
}

/// Decides, logs and applies the renderer before the first window opens.
pub fn choose() {
    let decision = decide(std::env::var(BACKEND_VAR).ok(), gpu::probe);
    match &decision {
        Decision::AsConfigured(backend) => {
            tracing::info!("renderer: {BACKEND_VAR}={backend}");
        }
        Decision::Default(adapter) => tracing::info!("renderer: GPU (wgpu) first {adapter}"),
        Decision::Software(reason) => {
            tracing::warn!(
                "renderer: the GPU renderer cannot be set up ({reason}); drawing with tiny-skia"
            );
            gpu::use_software();
        }
    }
}

/// The probe where wgpu's failures can be fatal (Windows).
#[cfg(windows)]
mod gpu {
    use std::io::Read;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    /// How long the probe may take before the app gives up on the GPU (a hanging driver).
    const PATIENCE: Duration = Duration::from_secs(10);

    /// A shader with the shape of iced's (a uniform, vertex input, blending): compiling it is
    /// what fails where Direct3D 12 has no shader compiler.
    const SHADER: &str = r"
struct Globals { transform: mat4x4<f32>, scale: f32 }
@group(0) @binding(0) var<uniform> globals: Globals;

struct Out { @builtin(position) position: vec4<f32>, @location(0) color: vec4<f32> }

@vertex
fn vs_main(@location(0) position: vec2<f32>, @location(1) color: vec4<f32>) -> Out {
    var out: Out;
    out.position = globals.transform * vec4<f32>(position * globals.scale, 0.0, 1.0);
    out.color = color;
    return out;
}

@fragment
fn fs_main(input: Out) -> @location(0) vec4<f32> {
    return input.color;
}
";

    /// Runs the steps iced takes in a process of its own, so that a crash in a driver (an
    /// abort cannot be caught) or a hang becomes a reason.
    pub fn probe() -> Result<String, String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find postfach.exe: {e}"))?;
        let mut child = Command::new(exe)
            .env(super::PROBE_VAR, "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the probe: {e}"))?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() < PATIENCE => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("no answer within {} s", PATIENCE.as_secs()));
                }
                Err(e) => return Err(format!("cannot wait for the probe: {e}")),
            }
        };
        if status.success() {
            let mut adapter = String::new();
            if let Some(mut stdout) = child.stdout.take() {
                let _ = stdout.read_to_string(&mut adapter);
            }
            return Ok(format!("(probed: {})", adapter.trim()));
        }
        let mut said = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = stderr.read_to_string(&mut said);
        }
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        Err(format!(
            "the probe ended with {status}: {}",
            last.chars().take(300).collect::<String>()
        ))
    }

    /// The GPU renderer's steps, in this process (the probe process).
    pub fn steps() -> Result<String, String> {
        let backends = wgpu::Backends::from_env().unwrap_or(wgpu::Backends::all());
        let instance = wgpu::Instance::new(&wgpu::InstanceDescriptor {
            backends,
            ..Default::default()
        });
        let adapter =
            pollster::block_on(
                instance.request_adapter(&wgpu::RequestAdapterOptions {
                    power_preference: wgpu::PowerPreference::from_env()
                        .unwrap_or(wgpu::PowerPreference::HighPerformance),
                    compatible_surface: None,
                    force_fallback_adapter: false,
                }),
            )
            .map_err(|e| format!("no graphics adapter: {e}"))?;
        let info = adapter.get_info();
        let name = format!("{} ({:?})", info.name, info.backend);
        let (device, _queue) =
            pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
                label: Some("postfach renderer probe"),
                required_limits: wgpu::Limits::downlevel_defaults(),
                ..Default::default()
            }))
            .map_err(|e| format!("{name}: no device: {e}"))?;
        // Errors outside the scopes below would otherwise end the process.
        device.on_uncaptured_error(std::sync::Arc::new(|e| {
            tracing::debug!("renderer probe: {e}");
        }));
        device.push_error_scope(wgpu::ErrorFilter::Internal);
        device.push_error_scope(wgpu::ErrorFilter::Validation);
        pipeline(&device);
        let validation = pollster::block_on(device.pop_error_scope());
        let internal = pollster::block_on(device.pop_error_scope());
        match validation.or(internal) {
            Some(e) => Err(format!("{name}: {e}")),
            None => Ok(name),
        }
    }

    fn pipeline(device: &wgpu::Device) {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("postfach renderer probe"),
            source: wgpu::ShaderSource::Wgsl(SHADER.into()),
        });
        let globals = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: None,
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: None,
            bind_group_layouts: &[&globals],
            push_constant_ranges: &[],
        });
        let attributes = wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x4];
        let _pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("postfach renderer probe"),
            layout: Some(&layout),
            vertex: wgpu::VertexState {
                module: &module,
                entry_point: Some("vs_main"),
                compilation_options: Default::default(),
                buffers: &[wgpu::VertexBufferLayout {
                    array_stride: 24,
                    step_mode: wgpu::VertexStepMode::Vertex,
                    attributes: &attributes,
                }],
            },
            primitive: wgpu::PrimitiveState::default(),
            depth_stencil: None,
            multisample: wgpu::MultisampleState::default(),
            fragment: Some(wgpu::FragmentState {
                module: &module,
                entry_point: Some("fs_main"),
                compilation_options: Default::default(),
                targets: &[Some(wgpu::ColorTargetState {
                    format: wgpu::TextureFormat::Bgra8UnormSrgb,
                    blend: Some(wgpu::BlendState::ALPHA_BLENDING),
                    write_mask: wgpu::ColorWrites::ALL,
                })],
            }),
            multiview: None,
            cache: None,
        });
    }

    /// Makes iced start with tiny-skia.
    pub fn use_software() {
        // SAFETY: setting an environment variable races with other threads reading the
        // environment only on Unix; the standard library documents `set_var` as always safe
        // on Windows, the only platform this module is built for. iced offers no other way to
        // choose its renderer (it reads ICED_BACKEND when it sets up the window).
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(super::BACKEND_VAR, super::SOFTWARE);
        }
    }
}

/// Where wgpu reports its failures, iced's own fallback decides: nothing to probe.
#[cfg(not(windows))]
mod gpu {
    pub fn probe() -> Result<String, String> {
        Ok(String::new())
    }

    pub fn steps() -> Result<String, String> {
        Ok(String::new())
    }

    pub fn use_software() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_backend_is_obeyed_without_a_probe() {
        let decision = decide(Some("wgpu".to_owned()), || {
            panic!("no probe when ICED_BACKEND is set")
        });
        assert_eq!(decision, Decision::AsConfigured("wgpu".to_owned()));
    }

    #[test]
    fn a_working_gpu_keeps_the_default_order() {
        let gpu = || Ok("NVIDIA GeForce (Dx12)".to_owned());
        assert_eq!(
            decide(None, gpu),
            Decision::Default("NVIDIA GeForce (Dx12)".to_owned())
        );
        assert_eq!(
            decide(Some("  ".to_owned()), gpu),
            Decision::Default("NVIDIA GeForce (Dx12)".to_owned())
        );
    }

    #[test]
    fn a_failing_gpu_gets_the_software_renderer_with_the_reason() {
        let reason = "Microsoft Basic Render Driver (Dx12): Internal error in ShaderStages(VERTEX) shader: FXC D3DCompile error";
        assert_eq!(
            decide(None, || Err(reason.to_owned())),
            Decision::Software(reason.to_owned())
        );
    }

    #[cfg(not(windows))]
    #[test]
    fn no_probe_where_wgpu_reports_its_failures() {
        assert_eq!(gpu::probe(), Ok(String::new()));
    }

    /// Only a process started as the probe runs it; the app itself goes on.
    #[test]
    fn the_app_is_no_probe_process() {
        assert!(std::env::var_os(PROBE_VAR).is_none());
        assert!(probe_process().is_none());
    }
}
