//! 64-bit FNV-1a: a small, stable, non-cryptographic hash for names that
//! must not change between versions (quarantine keys, FHIR UUIDs).

/// The FNV-1a offset basis: the usual seed.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a of `text`'s bytes, starting from `seed` ([`FNV_OFFSET`] for the
/// standard hash; another seed gives an independent one).
pub fn fnv1a(seed: u64, text: &str) -> u64 {
    text.bytes()
        .fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// A short, stable fingerprint of some text (standard FNV-1a, 16 hex
/// digits), e.g. to keep the same unreadable text once, not once per visit.
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", fnv1a(FNV_OFFSET, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_vectors() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint("foobar"), "85944171f73967e8");
    }
}
