//! What is on its way in or out of the history: an import being checked,
//! a hand-over shown, a hand-over received.

use std::rc::Rc;

use crate::core::document::Document;
use crate::core::envelope::Envelope;
use crate::core::handover::{Frame, Received};
use crate::core::qr::QrSvg;
use crate::crypto::SealKey;

/// An import in progress: a file read and waiting for its passphrase, or
/// checked and previewed, waiting for the client's word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Import {
    /// No import under way.
    #[default]
    None,
    /// An encrypted copy, waiting for its passphrase.
    Passphrase(Rc<Envelope>),
    /// A checked copy: the preview is shown until the client confirms.
    Preview(Rc<Document>),
}

/// The hand-over shown as a QR code: the link, its code, and how many of
/// the history's sessions it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// The link (the hand-over address with the history in its fragment).
    pub link: String,
    /// Its QR code.
    pub qr: QrSvg,
    /// Sessions it carries (the newest).
    pub carried: usize,
    /// Sessions in the whole history.
    pub total: usize,
    /// The one-time code that opens it, shown beside it (a profile
    /// without a passphrase); `None` when the phone asks for the
    /// passphrase or secret.
    pub one_time: Option<String>,
}

/// A hand-over this page was opened with: sealed and waiting for its
/// passphrase, or read and previewed, waiting for the client's word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Incoming {
    /// None.
    #[default]
    None,
    /// Sealed: asks for the passphrase (`wrong`: the last one did not fit).
    Passphrase {
        /// The sealed hand-over.
        frame: Rc<Frame>,
        /// The passphrase tried last did not open it.
        wrong: bool,
    },
    /// Read: the preview is shown. A sealed one keeps the key that opened
    /// it, so it is stored encrypted here too (the same passphrase).
    Preview(Rc<Received>, Option<SealKey>),
}
