//! Where the piece lives and where it comes from: canonical URL, site name, original source
//! (cross-domain canonical, JSON-LD `isBasedOn`/`sourceOrganization`, syndication meta tags,
//! attribution sentences, agency bylines), and the language the markup or container declares.

use veille_model::{Field, OriginalSource, RemovalReason, Removed};

use super::lexicon::{lexicon, PublisherKind};
use super::source::{find_attribution, name_from_words};
use super::textlines::MetadataLines;
use super::title::{is_masthead, same_site, strip_site_suffix};
use super::util::{clean_value, comparable, host_of, registrable_domain, resolve_url};
use super::vote::{pick, Candidate};
use super::Context;
use crate::Block;

/// The canonical URL and, when it points to another site, that fact.
#[derive(Debug, Clone, Default)]
pub(crate) struct UrlInfo {
    /// The document's URL.
    pub canonical: Option<Field<String>>,
    /// A canonical-like URL on another registrable domain than the page's, with its signal.
    pub foreign: Option<(String, &'static str)>,
}

/// Chooses the canonical URL: `<link rel=canonical>`, `og:url`, JSON-LD, then the input URL.
/// A canonical on another domain than the page's does not become the document's URL: it says
/// where the original lives.
pub(crate) fn canonical_url(ctx: &Context<'_>) -> UrlInfo {
    let base = ctx.page_url.as_deref();
    let mut candidates: Vec<(String, &'static str, f32)> = Vec::new();
    if let Some(page) = ctx.page {
        if let Some(link) = page
            .links
            .iter()
            .find(|link| link.rel.split_whitespace().any(|r| r == "canonical"))
        {
            if let Some(url) = resolve_url(base, &clean_value(&link.href)) {
                candidates.push((url, "html:canonical", 0.9));
            }
        }
    }
    if let Some(url) = ctx.meta_value("og:url").and_then(|u| resolve_url(base, &u)) {
        candidates.push((url, "meta:og:url", 0.85));
    }
    // JSON-LD page URLs are often template leftovers ("https://google.com/article"): they may
    // name the document's URL but never prove that it lives elsewhere.
    let json_ld_url = ctx
        .json_ld
        .url
        .as_deref()
        .and_then(|u| resolve_url(base, u));
    let page_domain = ctx
        .page_url
        .as_deref()
        .and_then(host_of)
        .map(|h| registrable_domain(&h))
        // Without a fetch URL, og:url tells which site the page belongs to.
        .or_else(|| {
            candidates
                .iter()
                .find(|(_, source, _)| *source == "meta:og:url")
                .and_then(|(url, _, _)| host_of(url))
                .map(|h| registrable_domain(&h))
        });
    let mut info = UrlInfo::default();
    let mut kept: Vec<Candidate<String>> = Vec::new();
    for (url, source, confidence) in candidates {
        let domain = host_of(&url)
            .filter(|h| plausible_host(h))
            .map(|h| registrable_domain(&h));
        match (&page_domain, &domain) {
            (Some(page), Some(domain)) if !same_brand(page, domain) => {
                // The first foreign URL (the most trusted signal) is kept.
                info.foreign.get_or_insert((url, source));
            }
            (_, Some(_)) => kept.push(Candidate::new(url, source, confidence)),
            _ => {}
        }
    }
    if let Some(url) = json_ld_url {
        let same_site = match (&page_domain, host_of(&url).map(|h| registrable_domain(&h))) {
            (Some(page), Some(domain)) => same_brand(page, &domain),
            (None, Some(_)) => true,
            _ => false,
        };
        if same_site {
            kept.push(Candidate::new(url, "json-ld:mainEntityOfPage", 0.8));
        }
    }
    if let Some(url) = &ctx.page_url {
        kept.push(Candidate::new(url.clone(), "input:url", 0.7));
    }
    let same_url = |a: &String, b: &String| {
        let key = |u: &str| {
            u.split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(u)
                .trim_start_matches("www.")
                .split(['?', '#'])
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_lowercase()
        };
        key(a) == key(b)
    };
    info.canonical = pick(&kept, same_url);
    info
}

/// A host whose top-level label is letters only (`example.org`, not `example.iofoo-bar`).
fn plausible_host(host: &str) -> bool {
    host.rsplit('.').next().is_some_and(|tld| {
        (2..=24).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// Whether two registrable domains belong to one brand: equal, or the same name under another
/// country suffix (`thomann.de`, `thomann.co.uk`).
fn same_brand(a: &str, b: &str) -> bool {
    let name = |domain: &str| domain.split('.').next().unwrap_or(domain).to_string();
    a == b || name(a) == name(b)
}

/// Every signal's idea of the site name.
pub(crate) fn site_name_candidates(
    ctx: &Context<'_>,
    lines: &MetadataLines,
    removed: &[Removed],
) -> Vec<Candidate<String>> {
    let mut candidates = Vec::new();
    let push =
        |candidates: &mut Vec<Candidate<String>>, value: &str, source: &str, confidence: f32| {
            let value = clean_value(value);
            let plausible = !value.is_empty()
                && value.chars().count() <= 80
                && !value.contains("://")
                && !value.starts_with('@');
            if plausible {
                candidates.push(Candidate::new(value, source, confidence));
            }
        };
    if let Some(name) = ctx.meta_value("og:site_name") {
        push(&mut candidates, &name, "meta:og:site_name", 0.9);
    }
    if let Some(name) = &ctx.json_ld.publisher {
        push(&mut candidates, name, "json-ld:publisher", 0.85);
    }
    if let Some(name) = &ctx.json_ld.website_name {
        push(&mut candidates, name, "json-ld:WebSite", 0.8);
    }
    if let Some(name) = &ctx.raw.hints.site_name {
        push(&mut candidates, name, ctx.hint_source(), 0.8);
    }
    for key in [
        "application-name",
        "apple-mobile-web-app-title",
        "publisher",
        "dc.publisher",
    ] {
        if let Some(name) = ctx.meta_value(key) {
            push(&mut candidates, &name, "meta:application-name", 0.6);
            break;
        }
    }
    let host = ctx.page_url.as_deref().and_then(host_of);
    let known_names: Vec<String> = candidates.iter().map(|c| c.value.clone()).collect();
    if let Some(tag) = ctx.page.and_then(|p| p.title_tag.as_deref()) {
        let mut sites = known_names.clone();
        sites.extend(host.iter().cloned());
        if let (_, Some(guess)) = strip_site_suffix(&clean_value(tag), &sites) {
            push(&mut candidates, &guess, "title-tag:suffix", 0.5);
        }
    }
    // A brand-like label that cleaning removed as navigation ("AllInfo") is a masthead too.
    let removed_masthead = removed
        .iter()
        .filter(|r| {
            matches!(
                r.reason,
                RemovalReason::SectionLabel | RemovalReason::Navigation
            )
        })
        .map(|r| r.text.trim().to_string())
        .find(|text| is_masthead(text));
    if let Some(masthead) = lines.masthead.clone().or(removed_masthead) {
        push(&mut candidates, &masthead, "text:masthead", 0.35);
    }
    if let Some(host) = host {
        if let Some(publisher) = lexicon().publisher_by_host(&host) {
            push(&mut candidates, &publisher.name, "host:publisher-list", 0.6);
        }
        push(
            &mut candidates,
            host.trim_start_matches("www."),
            "host",
            0.3,
        );
    }
    candidates
}

/// Picks the site name; a host agrees with a name whose letters it spells ("lemonde.fr").
pub(crate) fn pick_site_name(candidates: &[Candidate<String>]) -> Option<Field<String>> {
    pick(candidates, |a, b| same_site(a, b))
}

/// The original publisher, when the markup or the text says the piece comes from elsewhere.
pub(crate) fn original_source(
    ctx: &Context<'_>,
    url: &UrlInfo,
    blocks: &[Block],
    removed: &[Removed],
    own_site: Option<&str>,
    authors: &[String],
) -> Option<Field<OriginalSource>> {
    let lex = lexicon();
    let own_host = ctx.page_url.as_deref().and_then(host_of);
    let own_publisher = own_host
        .as_deref()
        .and_then(|h| lex.publisher_by_host(h))
        .map(|p| p.name.clone())
        .or_else(|| {
            own_site
                .and_then(|s| lex.publisher_by_name(s))
                .map(|p| p.name.clone())
        });
    // "DigitalOcean Community" on DigitalOcean's site is the site itself.
    let is_own = |name: &str| {
        own_site.is_some_and(|site| {
            let (site, name) = (comparable(site), comparable(name));
            !site.is_empty() && (name == site || name.starts_with(&format!("{site} ")))
        }) || own_site.is_some_and(|site| same_site(site, name))
            || own_publisher.as_deref().is_some_and(|own| own == name)
    };
    let mut candidates: Vec<Candidate<OriginalSource>> = Vec::new();
    let name_for_url = |url: &str| {
        host_of(url)
            .and_then(|h| lex.publisher_by_host(&h))
            .map(|p| p.name.clone())
    };
    if let Some(based_on) = &ctx.json_ld.based_on {
        let name = based_on
            .name
            .as_deref()
            .and_then(name_from_words)
            .map(|(n, _)| n)
            .or_else(|| based_on.url.as_deref().and_then(name_for_url));
        candidates.push(Candidate::new(
            OriginalSource {
                name,
                url: based_on.url.clone(),
                evidence: format!(
                    "JSON-LD isBasedOn: {}",
                    based_on
                        .url
                        .as_deref()
                        .or(based_on.name.as_deref())
                        .unwrap_or("")
                ),
            },
            "json-ld:isBasedOn",
            0.85,
        ));
    }
    if let Some(org) = &ctx.json_ld.source_organization {
        let differs = ctx
            .json_ld
            .publisher
            .as_deref()
            .is_none_or(|publisher| !same_site(publisher, org));
        if differs {
            let name = name_from_words(org)
                .map(|(n, _)| n)
                .unwrap_or_else(|| org.clone());
            candidates.push(Candidate::new(
                OriginalSource {
                    name: Some(name),
                    url: None,
                    evidence: format!("JSON-LD sourceOrganization: {org}"),
                },
                "json-ld:sourceOrganization",
                0.7,
            ));
        }
    }
    for key in ["original-source", "syndication-source"] {
        if let Some(value) = ctx.meta_value(key) {
            let url = value.contains("://").then(|| value.clone());
            let name = url
                .as_deref()
                .and_then(name_for_url)
                .or_else(|| (!value.contains("://")).then(|| value.clone()));
            candidates.push(Candidate::new(
                OriginalSource {
                    name,
                    url,
                    evidence: format!("<meta name=\"{key}\" content=\"{value}\">"),
                },
                format!("meta:{key}"),
                0.8,
            ));
        }
    }
    if let Some((foreign, source)) = &url.foreign {
        candidates.push(Candidate::new(
            OriginalSource {
                name: name_for_url(foreign),
                url: Some(foreign.clone()),
                evidence: format!(
                    "{} points to another site: {foreign}",
                    source
                        .trim_start_matches("html:")
                        .trim_start_matches("meta:")
                ),
            },
            *source,
            0.8,
        ));
    }
    // A credit line naming an unknown source in the middle of the body is a chart or data
    // credit ("Source: national statistics office"), not the piece's origin.
    let count = blocks.len();
    let texts = blocks
        .iter()
        .enumerate()
        .map(|(index, b)| (b.text.as_str(), index < 2 || index + 3 >= count))
        .chain(removed.iter().map(|r| (r.text.as_str(), true)));
    for (text, near_edge) in texts {
        if let Some(claim) = find_attribution(text) {
            if claim.signal == "text:credit" && !claim.known && !near_edge {
                continue;
            }
            candidates.push(Candidate::new(
                OriginalSource {
                    name: Some(claim.name),
                    url: None,
                    evidence: claim.evidence,
                },
                claim.signal,
                claim.confidence,
            ));
        }
    }
    for author in authors {
        if let Some(agency) = lex
            .publisher_by_name(author)
            .filter(|p| p.kind == PublisherKind::Agency)
        {
            candidates.push(Candidate::new(
                OriginalSource {
                    name: Some(agency.name.clone()),
                    url: None,
                    evidence: format!("byline names the agency: {author}"),
                },
                "byline:agency",
                0.5,
            ));
        }
    }
    candidates.retain(|c| !c.value.name.as_deref().is_some_and(is_own));
    let same_source = |a: &OriginalSource, b: &OriginalSource| match (&a.name, &b.name) {
        (Some(x), Some(y)) => same_site(x, y),
        _ => a.url.is_some() && a.url == b.url,
    };
    let mut chosen = pick(&candidates, same_source)?;
    // Agreeing signals complete each other: a name from the text, a URL from the markup.
    if chosen.value.url.is_none() || chosen.value.name.is_none() {
        for other in &candidates {
            if !same_source(&chosen.value, &other.value) && chosen.value.name.is_some() {
                continue;
            }
            if chosen.value.url.is_none() {
                chosen.value.url = other.value.url.clone();
            }
            if chosen.value.name.is_none() {
                chosen.value.name = other.value.name.clone();
            }
        }
    }
    Some(chosen)
}

/// Maps a declared language ("fr-FR", "fr_FR", "French", "fra") to ISO 639-1.
pub(crate) fn iso_639_1(declared: &str) -> Option<String> {
    let lowered = declared.trim().to_lowercase().replace('_', "-");
    let primary = lowered.split(['-', ',', ';', ' ']).next()?.trim();
    let code = match primary {
        "english" | "eng" => "en",
        "french" | "français" | "francais" | "fra" | "fre" => "fr",
        "german" | "deutsch" | "deu" | "ger" => "de",
        "spanish" | "español" | "espanol" | "spa" => "es",
        "italian" | "italiano" | "ita" => "it",
        "portuguese" | "português" | "portugues" | "por" => "pt",
        "dutch" | "nederlands" | "nld" | "dut" => "nl",
        "russian" | "русский" | "rus" => "ru",
        "ukrainian" | "українська" | "ukr" => "uk",
        "polish" | "polski" | "pol" => "pl",
        "arabic" | "ara" => "ar",
        "chinese" | "zho" | "chi" | "cmn" => "zh",
        code if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) => code,
        _ => return None,
    };
    Some(code.to_string())
}

/// The language the container or markup declares.
pub(crate) fn declared_language(ctx: &Context<'_>) -> Option<Field<String>> {
    let mut candidates = Vec::new();
    let mut push = |value: &str, source: &str, confidence: f32| {
        if let Some(code) = iso_639_1(value) {
            candidates.push(Candidate::new(code, source, confidence));
        }
    };
    if let Some(lang) = &ctx.raw.hints.language {
        push(lang, ctx.hint_source(), 0.75);
    }
    if let Some(lang) = ctx.page.and_then(|p| p.html_lang.as_deref()) {
        push(lang, "html:lang", 0.7);
    }
    if let Some(lang) = &ctx.json_ld.language {
        push(lang, "json-ld:inLanguage", 0.7);
    }
    for (key, confidence) in [
        ("og:locale", 0.6),
        ("content-language", 0.6),
        ("dc.language", 0.6),
        ("language", 0.5),
    ] {
        if let Some(value) = ctx.meta_value(key) {
            push(&value, &format!("meta:{key}"), confidence);
        }
    }
    pick(&candidates, |a, b| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_domains_of_one_brand_are_not_another_site() {
        assert!(same_brand("thomann.de", "thomann.co.uk"));
        assert!(!same_brand("riverpost.example", "theguardian.com"));
        assert!(plausible_host("www.theguardian.com"));
        assert!(!plausible_host("www.example.iofoo-bar"));
    }

    #[test]
    fn maps_declared_languages() {
        assert_eq!(iso_639_1("fr-FR").as_deref(), Some("fr"));
        assert_eq!(iso_639_1("pt_BR").as_deref(), Some("pt"));
        assert_eq!(iso_639_1("German").as_deref(), Some("de"));
        assert_eq!(iso_639_1("ukr").as_deref(), Some("uk"));
        assert_eq!(iso_639_1("x-klingon"), None);
        assert_eq!(iso_639_1(""), None);
    }
}
