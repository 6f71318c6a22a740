//! The one cleaning of the client's words, shared by the widget's own forms
//! and by everything that comes in from elsewhere (an import, a hand-over):
//! what the forms would store is exactly what an import may hold.
//!
//! Control characters (NUL, escape, …) and the invisible bidirectional
//! controls (the right-to-left override and its kin, which can make a text
//! read differently from what it holds) are dropped; a one-line text (a
//! goal, a small step) has its whitespace collapsed; a comment keeps its
//! line breaks and tabs and is trimmed.

/// Whether `c` is a character the widget never stores: a control character
/// (except, in a comment, a line break or tab) or a bidirectional control.
fn dropped(c: char, multiline: bool) -> bool {
    if multiline && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A one-line text as the widget stores it: no control or bidirectional
/// control characters, whitespace runs as one space, trimmed.
pub fn line(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| !dropped(c, false)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A comment as the widget stores it: no control characters but line
/// breaks and tabs, no bidirectional controls, trimmed.
pub fn comment(text: &str) -> String {
    let kept: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| !dropped(c, true))
        .collect();
    kept.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_dropped() {
        assert_eq!(
            line("  Sleep\u{0}  through\n the\u{202E} night "),
            "Sleep through the night"
        );
        assert_eq!(line("\u{2066}\u{2069}"), "");
        assert_eq!(
            comment(" one\r\ntwo\t\u{1b}[31m\u{200F} "),
            "one\ntwo\t[31m"
        );
    }

    #[test]
    fn cleaning_is_idempotent() {
        for t in ["a  b", " \u{202D}x\u{0} ", "é\n\nü", "\t"] {
            assert_eq!(line(&line(t)), line(t));
            assert_eq!(comment(&comment(t)), comment(t));
        }
    }
}
