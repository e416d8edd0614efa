//! English fixtures, written for veille.

use super::fixture::{assert_all, direct, reported, Case};

pub const CASES: &[Case] = &[
    Case {
        name: "inverted said with a title, then a pronoun",
        text: "“The harbour will reopen on Friday,” said port director Helen Marsh. “Nobody told Jim Ortega about the closure,” she added.",
        expect: &[
            direct("The harbour will reopen", "Helen Marsh"),
            direct("Nobody told Jim Ortega", "Helen Marsh"),
        ],
    },
    Case {
        name: "relative clause naming another person",
        text: "Senator Tom Reyes, who met Governor Alan Price on Tuesday, said: “We have a deal.”",
        expect: &[direct("We have a deal", "Tom Reyes")],
    },
    Case {
        name: "reported speech without that, another name in the clause",
        text: "Tom Reyes said Alan Price had told him the budget was balanced.",
        expect: &[reported("Alan Price had told him", "Tom Reyes")],
    },
    Case {
        name: "according to before the clause",
        text: "According to the coast guard, four boats were still missing on Sunday.",
        expect: &[reported("four boats were still missing", "the coast guard")],
    },
    Case {
        name: "according to after the clause",
        text: "The fire started in the kitchen, according to fire chief Dana Wells.",
        expect: &[reported("The fire started in the kitchen", "Dana Wells")],
    },
    Case {
        name: "speaker after the quote with another name inside",
        text: "“Price is wrong about the numbers,” Reyes said on Wednesday.",
        expect: &[direct("Price is wrong", "Reyes")],
    },
    Case {
        name: "that-clause with a common-noun speaker",
        text: "The police said that two men had been arrested near the station.",
        expect: &[reported("two men had been arrested", "The police")],
    },
    Case {
        name: "capitalised title before the name",
        text: "Foreign Minister Lena Ortiz said: “Our embassy stays open.”",
        expect: &[direct("Our embassy stays open", "Lena Ortiz")],
    },
    Case {
        name: "apposition between commas and an object",
        text: "The ministry's spokesman, Omar Haddad, told reporters: “The talks will resume next week.”",
        expect: &[direct("The talks will resume", "Omar Haddad")],
    },
    Case {
        name: "quote reopened over paragraphs",
        text: "“The first phase is finished.\n\n“The second phase starts in May,” Haddad said.",
        expect: &[direct("The first phase is finished", "Haddad")],
    },
    Case {
        name: "name first, title in apposition, reported without that",
        text: "Haddad, the ministry's spokesman, said the talks would resume.",
        expect: &[reported("the talks would resume", "Haddad")],
    },
    Case {
        name: "incise after reported speech",
        text: "Two bridges were closed overnight, the transport agency said.",
        expect: &[reported("Two bridges were closed", "the transport agency")],
    },
    Case {
        name: "pronoun does not take a name only quoted",
        text: "“Mark Benson never called me,” Rita Kaur said. She added that the contract was signed.",
        expect: &[
            direct("Mark Benson never called me", "Rita Kaur"),
            reported("the contract was signed", "Rita Kaur"),
        ],
    },
    Case {
        name: "decimal number inside an incise clause",
        text: "Unemployment rose 4.5 pct in March, the statistics office said.",
        expect: &[reported("Unemployment rose 4.5 pct", "the statistics office")],
    },
    Case {
        name: "it resolves to the last speaker, names with of",
        text: "Bank of Wessex said profits doubled last year. It said the branch network would shrink.",
        expect: &[
            reported("profits doubled", "Bank of Wessex"),
            reported("the branch network would shrink", "Bank of Wessex"),
        ],
    },
    Case {
        name: "according to right after the quote",
        text: "“Nine homes were flooded,” according to the county sheriff, Dale Moss.",
        expect: &[direct("Nine homes were flooded", "Dale Moss")],
    },
    Case {
        name: "subject with prepositional complements",
        text: "A spokeswoman for the Health Ministry in Lisbon said hospitals were coping with the influx.",
        expect: &[reported("hospitals were coping", "A spokeswoman for the Health Ministry in Lisbon")],
    },
    Case {
        name: "initial before a surname after the quote",
        text: "“Exports will recover by the summer,” J. Okafor said on Friday.",
        expect: &[direct("Exports will recover", "J. Okafor")],
    },
    Case {
        name: "incise inside the sentence after a short adverbial",
        text: "For the second quarter, Delta Foods said, its margins improved by two points.",
        expect: &[reported("its margins improved", "Delta Foods")],
    },
    Case {
        name: "head noun before a descriptive apposition",
        text: "The bank, a unit of Harlow Group, said profits fell sharply in March.",
        expect: &[reported("profits fell sharply", "The bank")],
    },
    Case {
        name: "names joined by and",
        text: "Harris and Quill Ltd said orders rose in May. It said the new plant would open in June.",
        expect: &[
            reported("orders rose in May", "Harris and Quill Ltd"),
            reported("the new plant would open", "Harris and Quill Ltd"),
        ],
    },
    Case {
        name: "unclosed quote holding its own incise",
        text: "Minister Ruth Abena said the talks had failed.\n\n\"Only the traders will gain from this, she said.\n\nThe meeting ended early.",
        expect: &[direct("Only the traders will gain from this", "Ruth Abena")],
    },
    Case {
        name: "a shortened word inside a name",
        text: "“The levy is unfair,” St. Clair said on Monday.",
        expect: &[direct("The levy is unfair", "St. Clair")],
    },
    Case {
        name: "a titled person of an organisation",
        text: "Spokesman Tiago Ramos of the National Union of Bakers said flour prices had doubled.",
        expect: &[reported("flour prices had doubled", "Tiago Ramos")],
    },
];

#[test]
fn english_fixtures() {
    assert_all("en", CASES);
}
