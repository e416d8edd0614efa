//! Conversions of non-metric units to their metric counterparts, shown beside the original.

use veille_model::Quantity;

/// The metric equivalent of `value` `unit`, when `unit` is not metric already.
pub fn to_metric(value: f64, unit: &str) -> Option<Quantity> {
    let (factor, metric) = match unit {
        "mi" => (1.609_344, "km"),
        "nmi" => (1.852, "km"),
        "ft" => (0.3048, "m"),
        "in" => (2.54, "cm"),
        "yd" => (0.9144, "m"),
        "lb" => (0.453_592_37, "kg"),
        "gal" => (3.785_411_784, "l"),
        "acre" => (0.404_685_642_24, "ha"),
        "sqmi" => (2.589_988_110_336, "km2"),
        "mph" => (1.609_344, "kmh"),
        "degF" => {
            return Some(Quantity {
                value: round(((value - 32.0) * 5.0 / 9.0) * 10.0) / 10.0,
                unit: "degC".to_string(),
            });
        }
        _ => return None,
    };
    Some(Quantity {
        value: round(value * factor * 100.0) / 100.0,
        unit: metric.to_string(),
    })
}

fn round(value: f64) -> f64 {
    value.round()
}

/// Byte range of the sentence around `start..end`: from the previous sentence end (a `.`, `!` or
/// `?` followed by a space, or a line break) to the next one.
pub fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_stop = |i: usize| -> bool {
        match bytes.get(i) {
            Some(b'\n') => true,
            Some(b'.' | b'!' | b'?') => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        }
    };
    let mut from = start.min(text.len());
    while from > 0 && !is_stop(from - 1) {
        from -= 1;
    }
    while from < start && bytes.get(from).is_some_and(u8::is_ascii_whitespace) {
        from += 1;
    }
    let mut to = end.min(text.len());
    while to < text.len() && !is_stop(to) {
        to += 1;
    }
    if to < text.len() && bytes.get(to) != Some(&b'\n') {
        to += 1;
    }
    // Both ends sit next to ASCII bytes or the text's ends, so they are char boundaries; check anyway.
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    while to < text.len() && !text.is_char_boundary(to) {
        to += 1;
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn miles_convert_to_kilometres() {
        let metric = to_metric(55.0, "mi").expect("miles convert");
        assert_eq!(metric.unit, "km");
        assert!((metric.value - 88.51).abs() < 0.01);
        assert!(to_metric(500.0, "km").is_none());
        assert_eq!(to_metric(212.0, "degF").map(|q| q.value), Some(100.0));
    }

    #[test]
    fn sentences_stop_at_full_stops_not_decimals() {
        let text = "Premier point. Le prix a atteint 18.3 millions. Fin";
        let at = text.find("18.3").expect("in text");
        let (from, to) = sentence_bounds(text, at, at + 4);
        assert_eq!(&text[from..to], "Le prix a atteint 18.3 millions.");
    }
}
