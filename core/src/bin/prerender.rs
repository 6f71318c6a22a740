//! Writes what the build needs from the core besides the WebAssembly: the
//! texts of the message shown when the widget cannot start
//! (`failure-texts.js`) and, with a second path, a folder for the language
//! files the widget fetches (`<tag>.json`, all but English). The first
//! screens are the widget's own binary, `first-screens`.
//!   cargo run -p alliance-check-core --bin prerender -- dist/failure-texts.js dist/i18n

use std::path::PathBuf;
use std::process::ExitCode;

use alliance_check_core::prerender::failure_texts;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "dist/failure-texts.js".into());
    if let Err(e) = std::fs::write(&path, failure_texts()) {
        eprintln!("prerender: cannot write {path}: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(dir) = std::env::args().nth(2).map(PathBuf::from) {
        let _ = std::fs::create_dir_all(&dir);
        for (tag, text) in alliance_check_core::i18n::language_files() {
            let path = dir.join(format!("{tag}.json"));
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("prerender: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    println!("[prerender] {path}");
    ExitCode::SUCCESS
}
