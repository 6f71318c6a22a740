//! Writes the first screens the loader shows before the WebAssembly has
//! arrived: one HTML file per language, variant and mode.
//! With a second path, also the texts of the message shown when the widget
//! cannot start (`failure-texts.js`); with a third, a folder for the
//! language files the widget fetches (`<tag>.json`, all but English).
//!   cargo run --bin prerender -- dist/first dist/failure-texts.js dist/i18n

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
    if let Some(dir) = std::env::args().nth(3).map(PathBuf::from) {
        let _ = std::fs::create_dir_all(&dir);
        for (tag, text) in alliance_check_core::i18n::language_files() {
            let path = dir.join(format!("{tag}.json"));
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("prerender: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "[prerender] {} first screens in {}",
        Config::all().len(),
        dir.display()
    );
    ExitCode::SUCCESS
}
