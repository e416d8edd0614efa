//! German fixtures, written for veille.

use super::fixture::{assert_all, direct, reported, Case, Expect};

pub const CASES: &[Case] = &[
    Case {
        name: "speaker after with title, then a pronoun and a name inside the quote",
        text: "„Die Brücke bleibt gesperrt“, sagte Bürgermeisterin Anna Fischer am Dienstag. „Wir haben keine Angst vor Klaus Berger“, sagte sie.",
        expect: &[
            direct("Die Brücke bleibt gesperrt", "Anna Fischer"),
            direct("Wir haben keine Angst", "Anna Fischer"),
        ],
    },
    Case {
        name: "relative clause naming another person",
        text: "Minister Jonas Wolf, der am Montag Peter Braun getroffen hatte, sagte: „Das Gesetz kommt im Herbst.“",
        expect: &[direct("Das Gesetz kommt", "Jonas Wolf")],
    },
    Case {
        name: "dass-clause",
        text: "Jonas Wolf sagte, dass die Steuern im nächsten Jahr sinken würden.",
        expect: &[reported("die Steuern im nächsten Jahr", "Jonas Wolf")],
    },
    Case {
        name: "reported speech without dass",
        text: "Ministerin Eva Lang sagte, die Schulen blieben bis Freitag geöffnet.",
        expect: &[reported("die Schulen blieben", "Eva Lang")],
    },
    Case {
        name: "laut before the clause",
        text: "Laut Polizei wurden bei dem Unfall drei Menschen verletzt.",
        expect: &[reported("wurden bei dem Unfall", "Polizei")],
    },
    Case {
        name: "incise after reported speech",
        text: "Die Lage sei unter Kontrolle, sagte ein Sprecher der Feuerwehr.",
        expect: &[reported("Die Lage sei unter Kontrolle", "ein Sprecher der Feuerwehr")],
    },
    Case {
        name: "so with a name after reported speech",
        text: "Der Damm sei sicher, so Ingenieurin Maria Vogt.",
        expect: &[reported("Der Damm sei sicher", "Maria Vogt")],
    },
    Case {
        name: "speaker before the quote",
        text: "Der Sprecher des Ministeriums, Felix Hartmann, erklärte: „Die Gespräche gehen weiter.“",
        expect: &[direct("Die Gespräche gehen weiter", "Felix Hartmann")],
    },
    Case {
        name: "quote reopened over paragraphs",
        text: "„Wir bauen die Schule neu auf.\n\n„Der Winter kommt bald“, sagte Hartmann.",
        expect: &[direct("Wir bauen die Schule neu auf", "Hartmann")],
    },
    Case {
        name: "a quoted title in a verb-final clause has no speaker",
        text: "Die Zahl der Anträge steigt, wie der „Kurier am Abend“ weiter berichtete.",
        expect: &[Expect {
            starts: "Kurier am Abend",
            direct: true,
            speaker: None,
        }],
    },
    Case {
        name: "weekday before the speaker after the verb",
        text: "„Der Hafen bleibt offen“, sagte am Montag der Hafenchef Lars Brandt.",
        expect: &[direct("Der Hafen bleibt offen", "Lars Brandt")],
    },
];

#[test]
fn german_fixtures() {
    assert_all("de", CASES);
}
