// The Tauri config lives at the repository root, beside the workspace Cargo.toml, not in this crate.
fn main() {
    // generate_context! embeds the config and the built UI: rebuild when either changes.
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    println!("cargo:rerun-if-changed=../ui/dist");
    if let Err(error) = tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json")) {
        panic!("tauri build step failed: {error:#}");
    }
}
