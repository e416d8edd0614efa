//! Places on the map: location entities resolved against the gazetteer.
//!
//! [`resolve`] picks, among the places a name may refer to, the most plausible one: countries,
//! continents and regions before cities (a country name is rarely meant as a homonymous
//! town), then places in a country the document names, then preferred names before alternate
//! names, then population. [`extract`] turns every location entity of a document into a
//! [`Place`] with GeoNames id, coordinates, country code and a confidence.

pub mod gazetteer;

use ahash::AHashSet as HashSet;

use veille_model::{Document, Entity, EntityKind, Place};

use gazetteer::{GazPlace, Gazetteer, PlaceKind};

/// A name resolved to a gazetteer place.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The place.
    pub place: &'a GazPlace,
    /// Confidence in `[0, 1]`: high when one candidate clearly beats the others.
    pub confidence: f32,
}

/// ISO codes of the countries named among `names`.
pub fn countries_in<'a>(names: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let gaz = Gazetteer::get();
    names
        .flat_map(|n| gaz.lookup(n).iter().filter_map(|h| gaz.place(*h)))
        .filter(|p| p.kind == PlaceKind::Country)
        .map(|p| p.country_code.clone())
        .collect()
}

fn score(place: &GazPlace, preferred: bool, countries: &HashSet<String>) -> f64 {
    let kind = match place.kind {
        PlaceKind::Country => 3.0,
        PlaceKind::Continent | PlaceKind::Region => 2.5,
        PlaceKind::City => 0.0,
    };
    let context = if !place.country_code.is_empty() && countries.contains(&place.country_code) {
        1.0
    } else {
        0.0
    };
    let name = if preferred { 0.3 } else { 0.0 };
    // log10(population) / 3: a city ten times larger outweighs a name preference, and a
    // country named in the document outweighs a population ratio under 1,000.
    let size = (place.population.max(1) as f64).log10() / 3.0;
    kind + context + name + size
}

/// Resolves a place name; `countries` are ISO codes named in the same document.
pub fn resolve<'a>(name: &str, countries: &HashSet<String>) -> Option<Resolved<'a>> {
    let gaz: &'a Gazetteer = Gazetteer::get();
    let hits = gaz.lookup(name);
    let mut scored: Vec<(f64, &GazPlace)> = hits
        .iter()
        .filter_map(|h| gaz.place(*h).map(|p| (score(p, h.preferred, countries), p)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, place) = *scored.first()?;
    let margin = scored.get(1).map(|(s, _)| best - s).unwrap_or(2.0);
    let confidence = (0.5 + margin / 4.0).clamp(0.5, 0.99) as f32;
    Some(Resolved { place, confidence })
}

/// Fills `doc.places` from the document's location entities.
pub fn extract(doc: &mut Document) {
    doc.places = places_of(&doc.entities);
}

/// Places of a document's entities: every location entity the gazetteer knows, one [`Place`]
/// per gazetteer entry, with all the entity's mentions.
pub fn places_of(entities: &[Entity]) -> Vec<Place> {
    let countries = countries_in(
        entities
            .iter()
            .filter(|e| e.kind == EntityKind::Location)
            .flat_map(|e| e.aliases.iter().map(String::as_str)),
    );
    let mut places: Vec<Place> = Vec::new();
    for entity in entities.iter().filter(|e| e.kind == EntityKind::Location) {
        let resolved = std::iter::once(entity.canonical.as_str())
            .chain(entity.aliases.iter().map(String::as_str))
            .find_map(|name| resolve(name, &countries));
        let Some(resolved) = resolved else { continue };
        let p = resolved.place;
        let geonames_id = (p.geonames_id != 0).then_some(p.geonames_id);
        if let Some(existing) = places
            .iter_mut()
            .find(|q| q.name == p.name && q.geonames_id == geonames_id)
        {
            existing.mentions.extend(entity.mentions.iter().cloned());
            continue;
        }
        places.push(Place {
            name: p.name.clone(),
            kind: p.kind.label().to_string(),
            geonames_id,
            country_code: (!p.country_code.is_empty()).then(|| p.country_code.clone()),
            latitude: p.latitude,
            longitude: p.longitude,
            confidence: resolved.confidence,
            mentions: entity.mentions.clone(),
        });
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> HashSet<String> {
        HashSet::new()
    }

    #[test]
    fn minsk_is_the_belarusian_capital() {
        let r = resolve("Minsk", &none()).expect("minsk");
        assert_eq!(r.place.geonames_id, 625144);
        assert_eq!(r.place.country_code, "BY");
    }

    #[test]
    fn french_exonyms_resolve() {
        assert_eq!(
            resolve("Bakhmout", &none()).map(|r| r.place.geonames_id),
            Some(713174)
        );
        assert_eq!(
            resolve("Biélorussie", &none()).map(|r| r.place.kind),
            Some(PlaceKind::Country)
        );
        assert_eq!(
            resolve("Moscou", &none()).map(|r| r.place.name.as_str()),
            Some("Moscow")
        );
    }

    #[test]
    fn country_context_breaks_ties() {
        // Córdoba, Argentina is larger than Córdoba, Spain; a document naming Spain means the
        // Andalusian city.
        let plain = resolve("Córdoba", &none()).expect("cordoba");
        assert_eq!(plain.place.country_code, "AR");
        let spain: HashSet<String> = ["ES".to_string()].into_iter().collect();
        let in_spain = resolve("Cordoba", &spain).expect("cordoba");
        assert_eq!(in_spain.place.country_code, "ES");
    }

    #[test]
    fn kiev_and_kyiv_make_one_place_on_the_map() {
        let text = "Les ministres se sont retrouvés à Kiev. Plus tard, à Kyiv, puis à Minsk et en Biélorussie.";
        let places = places_of(&crate::entities::entities_of(text, Some("fr")));
        let kyiv: Vec<&Place> = places
            .iter()
            .filter(|p| p.geonames_id == Some(703448))
            .collect();
        assert_eq!(kyiv.len(), 1, "{places:#?}");
        assert_eq!(kyiv[0].mentions.len(), 2);
        assert_eq!(kyiv[0].country_code.as_deref(), Some("UA"));
        assert!(kyiv[0]
            .latitude
            .is_some_and(|lat| (lat - 50.45).abs() < 0.1));
        let minsk = places.iter().find(|p| p.name == "Minsk").expect("minsk");
        assert_eq!(minsk.geonames_id, Some(625144));
        assert!(places
            .iter()
            .any(|p| p.kind == "country" && p.country_code.as_deref() == Some("BY")));
    }

    #[test]
    fn places_carry_coordinates() {
        let r = resolve("Kiev", &none()).expect("kyiv");
        let (lat, lon) = (
            r.place.latitude.unwrap_or(0.0),
            r.place.longitude.unwrap_or(0.0),
        );
        assert!((lat - 50.45).abs() < 0.1 && (lon - 30.52).abs() < 0.1);
    }
}
