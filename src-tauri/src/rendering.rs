//! WebKitGTK paints web pages with OpenGL by default. On a machine without a GPU (a virtual machine, a
//! remote desktop) that OpenGL is Mesa's software rasteriser, which paints far slower than WebKit's own CPU
//! renderer: there, the app asks for the CPU renderer (figures in the README).

use std::path::Path;

/// WebKitGTK's switch for painting with Skia on the CPU instead of through OpenGL.
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Sets [`CPU_RENDERING`] when this machine has no GPU, unless the person already chose either way. Call
/// it before the window is created (the web process inherits the environment), while only one thread runs.
pub fn prefer_cpu_rendering_without_gpu() {
    if std::env::var_os(CPU_RENDERING).is_some() {
        return;
    }
    let software_gl = std::env::var_os("LIBGL_ALWAYS_SOFTWARE").is_some_and(|v| v != "0");
    if software_gl || !has_render_node(Path::new("/dev/dri")) {
        std::env::set_var(CPU_RENDERING, "1");
    }
}

/// A GPU that OpenGL can use shows up as a DRM render node (`/dev/dri/renderD128`, …).
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dri = std::env::temp_dir().join(format!("digits-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dri).unwrap();
        std::fs::write(dri.join("card0"), b"").unwrap();
        assert!(!has_render_node(&dri), "a display card alone (no render node) is not enough for OpenGL");
        std::fs::write(dri.join("renderD128"), b"").unwrap();
        assert!(has_render_node(&dri));
        std::fs::remove_dir_all(&dri).unwrap();
    }

    #[test]
    fn no_dri_folder_means_no_gpu() {
        assert!(!has_render_node(Path::new("/nonexistent/dri")));
    }
}
