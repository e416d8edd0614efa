//! What `class`, `id` and `role` names say about an element: does it look like article
//! content, or like page furniture (and which kind)?
//!
//! Names are split into tokens on anything that is not a letter or digit (`related-posts` →
//! `related`, `posts`), lower-cased, and each token is matched: short, ambiguous words
//! (`ad`, `nav`, `tags`, `meta`) must be a whole token; long distinctive words (`comment`,
//! `newsletter`, `breadcrumb`) may appear inside a token, because sites glue words together
//! (`sharebar`, `commentlist`).

use veille_model::RemovalReason;

/// What the names of one element say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ClassInfo {
    /// Positive words minus negative ones (readability's class weight, in units of one word).
    pub(crate) weight: i8,
    /// The kind of furniture, when a name says so.
    pub(crate) furniture: Option<RemovalReason>,
    /// Names an image caption (`caption`, `wp-caption-text`, `figcaption`).
    pub(crate) caption: bool,
    /// Names a photo credit (`credit`, `copyright`).
    pub(crate) credit: bool,
    /// Names a byline (`author`, `byline`).
    pub(crate) byline: bool,
    /// Names the article body explicitly (`article-body`, `entry-content`, `post-content`…).
    pub(crate) body: bool,
}

/// Whole-token furniture words.
fn exact_token(token: &str) -> Option<RemovalReason> {
    use RemovalReason::*;
    Some(match token {
        "nav" | "navbar" | "menu" | "menus" | "submenu" | "footer" | "header" | "masthead"
        | "topbar" | "toolbar" | "tools" | "pagination" | "pager" | "skip" | "skiplink"
        | "breadcrumbs" | "crumbs" | "sitemap" | "search" | "searchform" | "login" | "signin"
        | "sidebar" | "dropdown" | "modal" | "popup" | "overlay" | "tags" | "tag" | "taglist"
        | "keywords" | "topics" | "categories" => Navigation,
        "related" | "recommended" | "recommendations" | "recirc" | "teaser" | "teasers"
        | "trending" | "popular" | "mostread" | "mostpopular" | "readmore" | "readalso"
        | "seealso" | "suggested" | "suggestions" | "upnext" | "nextarticle" | "morestories"
        | "outbrain" | "taboola" | "plista" | "ob" | "zergnet" => RelatedTeaser,
        "share" | "shares" | "sharing" | "social" | "follow" | "newsletter" | "subscribe"
        | "subscription" | "signup" | "print" | "email" | "sharebar" | "addthis" | "sharethis"
        | "donate" | "donation" => SharePrompt,
        "comment" | "comments" | "disqus" | "respond" | "replies" | "reply" | "discussion"
        | "discussions" | "livefyre" | "coral" => Comments,
        "cookie" | "cookies" | "consent" | "gdpr" | "cmp" | "onetrust" | "didomi" => ConsentNotice,
        "ad" | "ads" | "adv" | "advert" | "adverts" | "advertising" | "advertisement"
        | "adslot" | "adunit" | "adsbygoogle" | "dfp" | "gpt" | "sponsor" | "sponsored"
        | "sponsors" | "promo" | "promos" | "promotion" | "promoted" | "commercial" | "pub"
        | "publicite" | "banner" | "billboard" | "leaderboard" | "skyscraper" | "affiliate" => {
            Advertising
        }
        "byline" | "bylines" | "author" | "authors" | "meta" | "dateline" | "timestamp"
        | "date" | "dates" | "published" | "postmeta" | "entrymeta" | "posted" => Byline,
        "paywall" | "regwall" | "piano" | "metered" | "premium" => Paywall,
        _ => return None,
    })
}

/// Furniture words that count even inside a longer token.
const GLUED_WORDS: &[(&str, RemovalReason)] = &[
    ("breadcrumb", RemovalReason::Navigation),
    ("navigation", RemovalReason::Navigation),
    ("sidebar", RemovalReason::Navigation),
    ("footer", RemovalReason::Navigation),
    ("masthead", RemovalReason::Navigation),
    ("related", RemovalReason::RelatedTeaser),
    ("outbrain", RemovalReason::RelatedTeaser),
    ("taboola", RemovalReason::RelatedTeaser),
    ("recommend", RemovalReason::RelatedTeaser),
    ("social", RemovalReason::SharePrompt),
    ("sharing", RemovalReason::SharePrompt),
    ("newsletter", RemovalReason::SharePrompt),
    ("subscribe", RemovalReason::SharePrompt),
    ("comment", RemovalReason::Comments),
    ("disqus", RemovalReason::Comments),
    ("cookie", RemovalReason::ConsentNotice),
    ("consent", RemovalReason::ConsentNotice),
    ("advert", RemovalReason::Advertising),
    ("sponsor", RemovalReason::Advertising),
    ("paywall", RemovalReason::Paywall),
];

fn positive_token(token: &str) -> bool {
    matches!(
        token,
        "article"
            | "articles"
            | "content"
            | "story"
            | "body"
            | "post"
            | "entry"
            | "main"
            | "text"
            | "blog"
            | "hentry"
            | "prose"
            | "markdown"
            | "page"
            | "richtext"
            | "copy"
            | "lede"
            | "chapo"
            | "paragraph"
            | "paragraphs"
            | "articlebody"
            | "storybody"
            | "postbody"
            | "entrycontent"
            | "postcontent"
            | "maincontent"
            | "bodytext"
    )
}

/// Whole names (tokens joined) that mark the article body itself.
fn is_body_name(joined: &str) -> bool {
    matches!(
        joined,
        "articlebody"
            | "articlecontent"
            | "articletext"
            | "storybody"
            | "storycontent"
            | "storytext"
            | "postbody"
            | "postcontent"
            | "posttext"
            | "entrycontent"
            | "entrybody"
            | "contentbody"
            | "bodytext"
            | "articlebodytext"
            | "mainarticlebody"
            | "itemfulltext"
            | "textcontent"
            | "richtext"
            | "blogpostcontent"
            | "singlecontent"
            | "newstext"
            | "newsbody"
            | "articleinner"
            | "contentarticle"
            | "paywallcontent"
    )
}

/// Classifies the `class`, `id` and `role` values of one element (raw, any case).
pub(crate) fn classify(class: &str, id: &str, role: &str) -> ClassInfo {
    let mut info = ClassInfo::default();
    let mut positive = false;
    let mut negative = false;
    for name in class.split_ascii_whitespace().chain(std::iter::once(id)) {
        if name.is_empty() || name.len() > 80 {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        let joined: String = lower
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        // Hiding names count only as a whole name: `field-label-hidden` hides the label only.
        if matches!(
            joined.as_str(),
            "hidden"
                | "hide"
                | "invisible"
                | "sronly"
                | "offscreen"
                | "visuallyhidden"
                | "screenreadertext"
                | "dnone"
                | "srtext"
                | "screenreaderonly"
        ) {
            info.furniture = Some(RemovalReason::Other);
            negative = true;
        }
        if is_body_name(&joined) {
            info.body = true;
            positive = true;
        }
        if joined.contains("caption") || joined == "legende" || joined == "bildunterschrift" {
            info.caption = true;
        }
        if joined.contains("credit") || joined.contains("copyright") {
            info.credit = true;
        }
        if joined.contains("author") || joined.contains("byline") {
            info.byline = true;
        }
        for token in lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
        {
            if positive_token(token) {
                positive = true;
            }
            let found = exact_token(token).or_else(|| {
                GLUED_WORDS
                    .iter()
                    .find(|(word, _)| token.len() > word.len() && token.contains(word))
                    .map(|&(_, reason)| reason)
            });
            if let Some(reason) = found {
                negative = true;
                // The first furniture word decides the kind, except that hidden markers win.
                if info.furniture.is_none() || reason == RemovalReason::Other {
                    info.furniture = Some(reason);
                }
            }
        }
    }
    match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu"
        | "menubar" | "toolbar" | "dialog" | "alertdialog" | "tablist" => {
            negative = true;
            info.furniture.get_or_insert(RemovalReason::Navigation);
        }
        "main" | "article" => positive = true,
        _ => {}
    }
    info.weight = i8::from(positive) - i8::from(negative);
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_into_tokens() {
        let info = classify("related-posts widget", "", "");
        assert_eq!(info.furniture, Some(RemovalReason::RelatedTeaser));
        assert_eq!(info.weight, -1);
    }

    #[test]
    fn short_words_must_be_whole_tokens() {
        assert_eq!(classify("shadow heading", "", "").furniture, None);
        assert_eq!(
            classify("ad-slot", "", "").furniture,
            Some(RemovalReason::Advertising)
        );
        assert_eq!(classify("canvas", "", "").furniture, None);
    }

    #[test]
    fn glued_words_are_found_inside_tokens() {
        assert_eq!(
            classify("commentlist", "", "").furniture,
            Some(RemovalReason::Comments)
        );
        assert_eq!(
            classify("", "socialbar", "").furniture,
            Some(RemovalReason::SharePrompt)
        );
    }

    #[test]
    fn body_names_are_positive() {
        let info = classify("entry-content clearfix", "", "");
        assert!(info.body);
        assert_eq!(info.weight, 1);
        assert!(classify("", "", "main").weight > 0);
    }

    #[test]
    fn hiding_names_count_only_as_whole_names() {
        assert_eq!(classify("field field-label-hidden", "", "").furniture, None);
        assert_eq!(
            classify("visually-hidden", "", "").furniture,
            Some(RemovalReason::Other)
        );
        assert_eq!(
            classify("sr-only", "", "").furniture,
            Some(RemovalReason::Other)
        );
    }

    #[test]
    fn roles_mark_navigation() {
        assert_eq!(
            classify("", "", "navigation").furniture,
            Some(RemovalReason::Navigation)
        );
    }

    #[test]
    fn caption_credit_and_byline_names() {
        assert!(classify("wp-caption-text", "", "").caption);
        assert!(classify("photo-credit", "", "").credit);
        assert!(classify("", "post-author", "").byline);
    }
}
