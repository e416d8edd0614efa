//! Packed JSON: a value serialised to JSON and deflated, as the archive stores documents and
//! the linker's features. Reading back is bounded, so that a damaged blob is an error rather
//! than an allocation without end.

use std::io::{Read, Write};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why packed bytes could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    /// The bytes do not inflate, or inflate beyond the limit given.
    #[error("cannot inflate: {0}")]
    Inflate(String),
    /// The inflated JSON is not a value of the expected type.
    #[error("{0}")]
    Json(#[source] serde_json::Error),
}

/// `prefix` followed by `value` as deflated JSON. The fast level: the JSON of an analysed
/// document shrinks about threefold, for a fraction of its analysis cost.
pub fn pack<T: Serialize + ?Sized>(value: &T, prefix: &[u8]) -> Vec<u8> {
    // Serialising contract types to a Vec cannot fail; an empty body would not unpack.
    let json = serde_json::to_vec(value).unwrap_or_default();
    let mut out = Vec::with_capacity(prefix.len() + json.len() / 3);
    out.extend_from_slice(prefix);
    let mut encoder = flate2::write::DeflateEncoder::new(out, flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(&json);
    encoder.finish().unwrap_or_default()
}

/// Reads back what [`pack`] wrote (the bytes after its prefix), refusing JSON longer than
/// `max_json_bytes`.
pub fn unpack<T: DeserializeOwned>(deflated: &[u8], max_json_bytes: u64) -> Result<T, UnpackError> {
    let mut json = Vec::with_capacity(deflated.len().saturating_mul(4));
    flate2::read::DeflateDecoder::new(deflated)
        .take(max_json_bytes.saturating_add(1))
        .read_to_end(&mut json)
        .map_err(|e| UnpackError::Inflate(e.to_string()))?;
    if json.len() as u64 > max_json_bytes {
        return Err(UnpackError::Inflate(format!(
            "more than {max_json_bytes} bytes of JSON"
        )));
    }
    serde_json::from_slice(&json).map_err(UnpackError::Json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_bad_bytes_are_errors() {
        let value = vec!["Loukachenko".to_string(), "Minsk".repeat(100)];
        let packed = pack(&value, b"px");
        assert!(packed.starts_with(b"px"));
        assert!(packed.len() < 200, "repetitive JSON deflates");
        let back: Vec<String> = unpack(&packed[2..], 1 << 20).unwrap();
        assert_eq!(back, value);
        // Over the limit, garbage, and valid deflate of the wrong shape.
        assert!(matches!(
            unpack::<Vec<String>>(&packed[2..], 100),
            Err(UnpackError::Inflate(_))
        ));
        assert!(matches!(
            unpack::<Vec<String>>(&[0xff; 32], 1 << 20),
            Err(UnpackError::Inflate(_))
        ));
        assert!(matches!(
            unpack::<Vec<u32>>(&packed[2..], 1 << 20),
            Err(UnpackError::Json(_))
        ));
    }
}
