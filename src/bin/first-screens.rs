//! Writes the first screens the loader shows before the WebAssembly has
//! arrived, one HTML file per language, variant and mode, rendered from the
//! widget's own components with Yew's server-side rendering
//! (`ui::first::FirstScreen`).
//!   cargo run --bin first-screens -- dist/first

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use alliance_check::prerender::Config;
    use alliance_check::ui::first::{render, FirstProps};

    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "dist/first".into()),
    );
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("first-screens: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for config in Config::all() {
        let props = FirstProps {
            lang: config.lang.into(),
            kids: config.kids,
            shared: config.shared,
        };
        let html = match render(props) {
            Ok(html) => html,
            Err(e) => {
                eprintln!("first-screens: no runtime: {e}");
                return ExitCode::FAILURE;
            }
        };
        let path = dir.join(config.file_name());
        if let Err(e) = std::fs::write(&path, html) {
            eprintln!("first-screens: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "[first-screens] {} first screens in {}",
        Config::all().len(),
        dir.display()
    );
    ExitCode::SUCCESS
}

/// The first screens are rendered at build time, natively.
#[cfg(target_arch = "wasm32")]
fn main() {}
