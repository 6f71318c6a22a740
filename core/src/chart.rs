//! Geometry of the history charts, computed natively so thousands of
//! sessions cost the browser only a few hundred points.

use super::rating::Rating;

/// Width of a chart's drawing area, in SVG user units.
pub const WIDTH: f64 = 320.0;
/// Height of a chart's drawing area, in SVG user units.
pub const HEIGHT: f64 = 100.0;
/// Most points drawn per line; longer series are averaged in buckets.
pub const MAX_POINTS: usize = 120;

/// One point to draw: position in user units and the value it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal position, 0 (first session) to [`WIDTH`] (last).
    pub x: f64,
    /// Vertical position, 0 (10.0) to [`HEIGHT`] (0.0).
    pub y: f64,
    /// The value drawn (a bucket's mean when downsampled).
    pub value: f64,
    /// The sessions it stands for: indices into the series, first and last
    /// (the same one unless downsampled), so its dates can be named.
    pub sessions: (usize, usize),
}

/// Vertical position of a value from 0 to 10.
pub fn y_of(value: f64) -> f64 {
    HEIGHT - value.clamp(0.0, 10.0) / 10.0 * HEIGHT
}

/// Points for a series of sessions (`None` where a session has no value,
/// e.g. a goal added later), averaged into at most `max` buckets.
pub fn points(series: &[Option<Rating>], max: usize) -> Vec<Point> {
    let n = series.len();
    if n == 0 || max == 0 {
        return Vec::new();
    }
    let buckets = n.min(max);
    // Bucket b of B sits at b/(B-1) of the width; without downsampling each
    // bucket is one session, so sessions are evenly spaced end to end.
    let x_of = |b: usize| {
        if buckets == 1 {
            WIDTH / 2.0
        } else {
            b as f64 / (buckets - 1) as f64 * WIDTH
        }
    };
    (0..buckets)
        .filter_map(|b| {
            let (start, end) = (b * n / buckets, (b + 1) * n / buckets);
            let values: Vec<f64> = series[start..end]
                .iter()
                .flatten()
                .map(|r| r.as_f64())
                .collect();
            if values.is_empty() {
                return None;
            }
            let value = values.iter().sum::<f64>() / values.len() as f64;
            Some(Point {
                x: x_of(b),
                y: y_of(value),
                value,
                sessions: (start, end - 1),
            })
        })
        .collect()
}

/// A coordinate with one decimal, as SVG wants it ("12.5", "-3.0"). In
/// whole numbers: float formatting would add its tables to the
/// WebAssembly for drawing alone.
pub fn coord(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

/// The `points` attribute of an SVG polyline through `points`.
pub fn polyline(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", coord(p.x), coord(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(tenths: &[u8]) -> Vec<Option<Rating>> {
        tenths.iter().map(|t| Some(Rating::clamped(*t))).collect()
    }

    #[test]
    fn three_sessions_span_the_width() {
        let p = points(&series(&[100, 50, 0]), MAX_POINTS);
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].x, p[0].y), (0.0, 0.0));
        assert_eq!((p[1].x, p[1].y), (WIDTH / 2.0, HEIGHT / 2.0));
        assert_eq!((p[2].x, p[2].y), (WIDTH, HEIGHT));
        assert_eq!(polyline(&p), "0.0,0.0 160.0,50.0 320.0,100.0");
        assert_eq!(
            p.iter().map(|q| q.sessions).collect::<Vec<_>>(),
            [(0, 0), (1, 1), (2, 2)]
        );
    }

    #[test]
    fn coordinates_have_one_decimal() {
        assert_eq!(coord(0.0), "0.0");
        assert_eq!(coord(12.34), "12.3");
        assert_eq!(coord(99.96), "100.0");
        assert_eq!(coord(-7.0), "-7.0");
        assert_eq!(coord(-0.04), "0.0");
    }

    #[test]
    fn one_session_is_centred() {
        let p = points(&series(&[74]), MAX_POINTS);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].x, WIDTH / 2.0);
    }

    #[test]
    fn long_series_are_averaged_into_buckets() {
        let long: Vec<Option<Rating>> = (0..10_000)
            .map(|i| Some(Rating::clamped(if i % 2 == 0 { 80 } else { 100 })))
            .collect();
        let p = points(&long, MAX_POINTS);
        assert_eq!(p.len(), MAX_POINTS);
        assert!(
            p.iter().all(|q| (q.value - 9.0).abs() < 0.2),
            "means near 9"
        );
        assert_eq!((p[0].x, p.last().unwrap().x), (0.0, WIDTH));
        let last = p.last().unwrap().sessions;
        assert_eq!(
            (p[0].sessions.0, last.1),
            (0, 9_999),
            "every session counted"
        );
    }

    #[test]
    fn gaps_are_skipped() {
        let s = vec![None, Some(Rating::clamped(50)), None];
        let p = points(&s, MAX_POINTS);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].x, WIDTH / 2.0);
    }
}
