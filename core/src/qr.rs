//! A QR code as an SVG path, for the hand-over link: Nayuki's `qrcodegen`
//! (MIT, no dependencies) makes the code; this turns its modules into one
//! path of horizontal runs, with the quiet zone around it.

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of light margin on each side, as the standard asks.
pub const QUIET_ZONE: usize = 4;

/// A QR code ready to draw: its width in modules (quiet zone included) and
/// the `d` of a path covering the dark modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    /// Width and height, in modules, quiet zone included.
    pub size: usize,
    /// SVG path data of the dark modules.
    pub path: String,
}

/// CSS pixels the code is drawn at when there is room: close to `target`,
/// but a whole number of pixels per module (at least two), so that no
/// module is drawn a pixel wider than its neighbour; a camera and a decoder
/// both read even modules far more reliably, above all in a full code.
pub fn display_px(size: usize, target: usize) -> usize {
    size * (target / size.max(1)).max(2)
}

/// The QR code of `bytes` at error correction L (the smallest code that
/// holds them), or `None` when they do not fit one code.
pub fn qr_svg(bytes: &[u8]) -> Option<QrSvg> {
    let code = QrCode::encode_binary(bytes, QrCodeEcc::Low).ok()?;
    let n = code.size();
    let mut path = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && code.get_module(x, y) {
                x += 1;
            }
            let (px, py, run) = (
                start as usize + QUIET_ZONE,
                y as usize + QUIET_ZONE,
                x - start,
            );
            path.push_str(&format!("M{px} {py}h{run}v1h-{run}z"));
        }
    }
    Some(QrSvg {
        size: n as usize + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_at_whole_pixels_per_module() {
        // A full code (version 40: 177 + 8 modules) at 3 px each.
        assert_eq!(display_px(185, 576), 555);
        // A small one grows to fill the room.
        assert_eq!(display_px(37, 576), 37 * 15);
        // Never below two pixels per module.
        assert_eq!(display_px(185, 200), 370);
    }

    #[test]
    fn a_link_becomes_a_square_with_its_quiet_zone() {
        let qr = qr_svg(b"https://example.org/check#alliance-check=AQID").unwrap();
        // 45 bytes at level L need version 3 (29 modules) + 2 x 4.
        assert_eq!(qr.size, 29 + 8);
        assert!(
            qr.path.starts_with("M4 4h7v1h-7z"),
            "the finder pattern's top row: {}",
            &qr.path[..30]
        );
    }

    #[test]
    fn one_code_holds_2953_bytes_and_no_more() {
        assert_eq!(qr_svg(&vec![b'A'; 2953]).map(|q| q.size), Some(177 + 8));
        assert_eq!(qr_svg(&vec![b'A'; 2954]), None);
    }
}
