//! The place gazetteer: GeoNames cities of 15,000 people or more with their Latin and
//! Cyrillic alternate names, countries with CLDR exonyms, continents, and hand-listed main
//! regions. Built by `scripts/build-gazetteer.py` into `data/gazetteer/places.tsv.gz`
//! (GeoNames data, CC BY 4.0), decompressed and indexed once on first use.

use ahash::AHashMap as HashMap;
use std::io::Read;
use std::sync::OnceLock;

use flate2::read::GzDecoder;

use crate::entities::identity::fold;

const PLACES_GZ: &[u8] = include_bytes!("../../data/gazetteer/places.tsv.gz");

/// What kind of place a gazetteer row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A populated place.
    City,
    /// A sovereign country or territory.
    Country,
    /// A continent.
    Continent,
    /// A region (province, historical or geographic region).
    Region,
}

impl PlaceKind {
    /// The label used in [`veille_model::Place::kind`].
    pub fn label(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Country => "country",
            PlaceKind::Continent => "continent",
            PlaceKind::Region => "region",
        }
    }
}

/// One gazetteer row.
#[derive(Debug, Clone)]
pub struct GazPlace {
    /// GeoNames id (0 when none).
    pub geonames_id: u64,
    /// Kind.
    pub kind: PlaceKind,
    /// Preferred (English) name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code, empty for continents and some regions.
    pub country_code: String,
    /// Latitude, when known.
    pub latitude: Option<f64>,
    /// Longitude, when known.
    pub longitude: Option<f64>,
    /// Population (0 when unknown).
    pub population: u64,
}

/// A gazetteer entry a name points to, with whether that name is the place's preferred one.
#[derive(Debug, Clone, Copy)]
pub struct NameHit {
    /// Index into [`Gazetteer::places`].
    pub place: u32,
    /// The name is the preferred name (not an alternate).
    pub preferred: bool,
}

/// The loaded gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// All places.
    pub places: Vec<GazPlace>,
    by_name: HashMap<String, Vec<NameHit>>,
}

impl Gazetteer {
    /// The shared gazetteer, loaded on first use. An unreadable file gives an empty gazetteer
    /// and a logged error rather than a panic.
    pub fn get() -> &'static Gazetteer {
        static GAZ: OnceLock<Gazetteer> = OnceLock::new();
        GAZ.get_or_init(|| {
            let mut text = String::new();
            match GzDecoder::new(PLACES_GZ).read_to_string(&mut text) {
                Ok(_) => Gazetteer::parse(&text),
                Err(err) => {
                    tracing::error!(%err, "gazetteer data unreadable; places disabled");
                    Gazetteer::default()
                }
            }
        })
    }

    /// Parses the TSV rows (see the build script for the columns).
    pub fn parse(text: &str) -> Gazetteer {
        let mut gaz = Gazetteer::default();
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let [gid, kind, name, cc, lat, lon, pop, names] = cols.as_slice() else {
                continue;
            };
            let kind = match *kind {
                "city" => PlaceKind::City,
                "country" => PlaceKind::Country,
                "continent" => PlaceKind::Continent,
                "region" => PlaceKind::Region,
                _ => continue,
            };
            let index = gaz.places.len() as u32;
            gaz.places.push(GazPlace {
                geonames_id: gid.parse().unwrap_or(0),
                kind,
                name: (*name).to_string(),
                country_code: (*cc).to_string(),
                latitude: lat.parse().ok(),
                longitude: lon.parse().ok(),
                population: pop.parse().unwrap_or(0),
            });
            let preferred = fold(name);
            for alias in names.split('|') {
                let key = fold(alias);
                if key.is_empty() {
                    continue;
                }
                let hits = gaz.by_name.entry(key.clone()).or_default();
                if !hits.iter().any(|h| h.place == index) {
                    hits.push(NameHit {
                        place: index,
                        preferred: key == preferred,
                    });
                }
            }
        }
        gaz
    }

    /// Places a name may refer to (folded comparison).
    pub fn lookup(&self, name: &str) -> &[NameHit] {
        self.by_name
            .get(&fold(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The place behind a hit.
    pub fn place(&self, hit: NameHit) -> Option<&GazPlace> {
        self.places.get(hit.place as usize)
    }

    /// Whether a name is a country, continent or region (strong location evidence).
    pub fn is_area(&self, name: &str) -> bool {
        self.lookup(name)
            .iter()
            .filter_map(|h| self.place(*h))
            .any(|p| p.kind != PlaceKind::City)
    }

    /// Largest population among the cities a name may refer to, counting preferred names only
    /// when `preferred_only`.
    pub fn best_city_population(&self, name: &str, preferred_only: bool) -> Option<u64> {
        self.lookup(name)
            .iter()
            .filter(|h| h.preferred || !preferred_only)
            .filter_map(|h| self.place(*h))
            .filter(|p| p.kind == PlaceKind::City)
            .map(|p| p.population)
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exonyms_reach_the_same_city() {
        let gaz = Gazetteer::get();
        for name in ["Kyiv", "Kiev", "Kiew", "Київ", "Киев"] {
            let ids: Vec<u64> = gaz
                .lookup(name)
                .iter()
                .filter_map(|h| gaz.place(*h))
                .map(|p| p.geonames_id)
                .collect();
            assert!(ids.contains(&703448), "{name}: {ids:?}");
        }
    }

    #[test]
    fn countries_have_exonyms() {
        let gaz = Gazetteer::get();
        assert!(gaz.is_area("Biélorussie"));
        assert!(gaz.is_area("Belarus"));
        assert!(gaz.is_area("Allemagne"));
        assert!(!gaz.is_area("Minsk"));
        assert!(gaz.best_city_population("Minsk", true).unwrap_or(0) > 1_000_000);
    }
}
