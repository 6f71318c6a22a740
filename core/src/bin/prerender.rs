//! Writes the first screens the loader shows before the WebAssembly has
//! arrived: one HTML file per language, variant and mode.
//! With a second path, also the texts of the message shown when the widget
//! cannot start (`failure-texts.js`).
//!   cargo run --bin prerender -- dist/first dist/failure-texts.js

use std::path::PathBuf;
use std::process::ExitCode;

use alliance_check_core::prerender::{failure_texts, render, Config};

fn main() -> ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "dist/first".into()),
    );
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("prerender: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for config in Config::all() {
        let path = dir.join(config.file_name());
        if let Err(e) = std::fs::write(&path, render(&config)) {
            eprintln!("prerender: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if let Some(path) = std::env::args().nth(2) {
        if let Err(e) = std::fs::write(&path, failure_texts()) {
            eprintln!("prerender: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!(
        "[prerender] {} first screens in {}",
        Config::all().len(),
        dir.display()
    );
    ExitCode::SUCCESS
}
