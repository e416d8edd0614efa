//! French fixtures, written for veille.

use super::fixture::{assert_all, direct, reported, Case, Expect};

pub const CASES: &[Case] = &[
    Case {
        name: "speaker before with title and apposition",
        text: "Le maire de Lyon, Henri Castel, a déclaré lundi : « Les travaux du tunnel dureront deux ans. »",
        expect: &[direct("Les travaux du tunnel", "Henri Castel")],
    },
    Case {
        name: "speaker after, then inverted pronoun with another name inside the quote",
        text: "« Nous ne fermerons aucune école », a assuré la ministre de l'Éducation, Sophie Arnaud, devant les députés. « Jacques Lenoir se trompe sur les chiffres », a-t-elle ajouté.",
        expect: &[
            direct("Nous ne fermerons", "Sophie Arnaud"),
            direct("Jacques Lenoir se trompe", "Sophie Arnaud"),
        ],
    },
    Case {
        name: "relative clause naming another person",
        text: "Martin Keller, qui avait rencontré Anne Vidal la veille, a affirmé : « L'accord est prêt. »",
        expect: &[direct("L'accord est prêt", "Martin Keller")],
    },
    Case {
        name: "indirect speech with another name in the reported clause",
        text: "Martin Keller a affirmé qu'Anne Vidal lui avait promis un vote rapide.",
        expect: &[reported("Anne Vidal lui avait promis", "Martin Keller")],
    },
    Case {
        name: "selon before the clause",
        text: "Selon la préfecture, trois routes restent fermées après les orages.",
        expect: &[reported("trois routes restent fermées", "la préfecture")],
    },
    Case {
        name: "selon after the clause",
        text: "Le barrage a cédé vers minuit, selon Paul Girard. La mairie a écarté l'hypothèse selon laquelle la digue était trop vieille.",
        expect: &[reported("Le barrage a cédé", "Paul Girard")],
    },
    Case {
        name: "reported speech closed by an incise",
        text: "Les secours sont arrivés en vingt minutes, a précisé le capitaine des pompiers, Luc Morin.",
        expect: &[reported("Les secours sont arrivés", "Luc Morin")],
    },
    Case {
        name: "quote continued over paragraphs by machine translation",
        text: "« La ligne sera rouverte en mars.\n\n« Les trains circuleront d'abord à vitesse réduite », a indiqué Claire Fontaine.\n\n“Personne ne sera licencié », a-t-elle dit.",
        expect: &[
            direct("La ligne sera rouverte", "Claire Fontaine"),
            direct("Personne ne sera licencié", "Claire Fontaine"),
        ],
    },
    Case {
        name: "dash dialogue",
        text: "— Nous partirons à l'aube, dit le capitaine Yves Marchand.\n— Et si la tempête revient ? demanda Julie Caron.\n— Alors nous attendrons encore un jour, ajouta-t-elle. Le port restera fermé.",
        expect: &[
            direct("Nous partirons à l'aube", "Yves Marchand"),
            direct("Et si la tempête revient", "Julie Caron"),
            direct("Alors nous attendrons", "Julie Caron"),
            direct("Le port restera fermé", "Julie Caron"),
        ],
    },
    Case {
        name: "name inside the quote, speaker after with title",
        text: "« Le rapport d'Hélène Brun est faux », a déclaré le député Marc Olivier à la presse.",
        expect: &[direct("Le rapport d'Hélène Brun", "Marc Olivier")],
    },
    Case {
        name: "common-noun speaker of reported speech",
        text: "Le porte-parole de l'armée a déclaré que les exercices commenceraient jeudi.",
        expect: &[reported("les exercices commenceraient", "Le porte-parole de l'armée")],
    },
    Case {
        name: "coordinated verbs share the subject",
        text: "Nadia Benali a salué les sauveteurs et a déclaré : « Ils ont été exemplaires. »",
        expect: &[direct("Ils ont été exemplaires", "Nadia Benali")],
    },
    Case {
        name: "indirect object between verb and clause",
        text: "Pierre Lambert a dit à Sylvie Roy que le budget serait voté en juin.",
        expect: &[reported("le budget serait voté", "Pierre Lambert")],
    },
    Case {
        name: "pronoun subject of reported speech resolves to the last speaker",
        text: "« Le pont est solide », a assuré l'ingénieure Rose Delmas. Rose Delmas a rencontré le préfet. Elle a ensuite expliqué que les essais dureront une semaine.",
        expect: &[
            direct("Le pont est solide", "Rose Delmas"),
            reported("les essais dureront", "Rose Delmas"),
        ],
    },
    Case {
        name: "name first, title in apposition",
        text: "Omar Saïdi, porte-parole de la mairie, a déclaré : « Le marché restera ouvert. »",
        expect: &[direct("Le marché restera ouvert", "Omar Saïdi")],
    },
    Case {
        name: "participle after a main clause",
        text: "La ministre Inès Garnier a rejeté les critiques, affirmant que le plan était financé.",
        expect: &[reported("le plan était financé", "Inès Garnier")],
    },
    Case {
        name: "quoted phrase in a clause closed by an incise",
        text: "Tant que les « pluies continuent », les digues resteront surveillées, a précisé le préfet Alain Roux mardi.",
        expect: &[
            direct("pluies continuent", "Alain Roux"),
            reported("Tant que les « pluies continuent », les digues", "Alain Roux"),
        ],
    },
    Case {
        name: "role with a capitalised complement",
        text: "« Le budget est insincère », estime la conseillère les Écologistes.",
        expect: &[direct("Le budget est insincère", "la conseillère les Écologistes")],
    },
    Case {
        name: "incise followed by a conjunction with que",
        text: "La réunion aura lieu jeudi, a indiqué la mairie, une semaine après que le conseil a voté le budget.",
        expect: &[reported("La réunion aura lieu jeudi", "la mairie")],
    },
    Case {
        name: "participle takes the subject of the first verb",
        text: "La maire a défendu le projet devant les Verts, ajoutant que les travaux commenceraient en mai.",
        expect: &[reported("les travaux commenceraient", "La maire")],
    },
    Case {
        name: "name in apposition before a verb followed by an adverb",
        text: "Léo Marchal, délégué syndical chez Fonderie Sud, a déclaré mardi ne « plus croire aux promesses de la direction ».",
        expect: &[direct("plus croire aux promesses", "Léo Marchal")],
    },
    Case {
        name: "continued paragraph lost its reopening mark",
        text: "« La digue a tenu cette nuit.\n\nNous resterons vigilants jusqu'à dimanche », a ajouté Marc Petit.",
        expect: &[direct("La digue a tenu cette nuit", "Marc Petit")],
    },
    Case {
        name: "plural pronoun after a body and after a person",
        text: "Selon les avocats de Paul Ferrand, le témoin « invente tout ». « Il n'a rien vu », ont-ils affirmé.\n\n« Nous signerons », a dit Rémi Caron. « Nous aussi », ont-elles répondu.",
        expect: &[
            direct("invente tout", "les avocats de Paul Ferrand"),
            direct("Il n'a rien vu", "les avocats de Paul Ferrand"),
            direct("Nous signerons", "Rémi Caron"),
            Expect {
                starts: "Nous aussi",
                direct: true,
                speaker: None,
            },
        ],
    },
    Case {
        name: "indirect object between the verb and its subject",
        text: "« La frontière reste fermée », a déclaré à la presse locale la gouverneure Inès Vidal.",
        expect: &[direct("La frontière reste fermée", "Inès Vidal")],
    },
    Case {
        name: "gerund after a main clause",
        text: "Le propriétaire du port, Hugo Lenoir, a fermé les quais, tout en assurant que les salaires seraient versés.",
        expect: &[reported("les salaires seraient versés", "Hugo Lenoir")],
    },
    Case {
        name: "abbreviated title before the speaker",
        text: "« Les vols reprendront lundi », affirme M. Fabre, le directeur de l'aéroport. Dr. Lemoine a dit que les passagers attendraient.",
        expect: &[
            direct("Les vols reprendront lundi", "Fabre"),
            reported("les passagers attendraient", "Lemoine"),
        ],
    },
    Case {
        name: "participle after an inverted incise",
        text: "Sophie Arnaud a quitté la réunion. « Ils nous ont menti sur les dates et sur les coûts », a-t-elle regretté, estimant que la direction de la société avait tout décidé seule.",
        expect: &[reported("la direction de la société avait", "Sophie Arnaud")],
    },
    Case {
        name: "a named speaker wins over a later sentence subject",
        text: "« Le dossier est clos », a dit Paul Roy. Marie Dupont a quitté la salle. « Nous ferons appel », a-t-il ajouté.",
        expect: &[direct("Nous ferons appel", "Paul Roy")],
    },
    Case {
        name: "two quotes joined by et share the incise",
        text: "Les routes seront « très glissantes » et « parfois fermées jusqu'à midi », alerte la préfecture du Jura.",
        expect: &[
            direct("très glissantes", "la préfecture du Jura"),
            direct("parfois fermées", "la préfecture du Jura"),
        ],
    },
    Case {
        name: "reflexive verbs of speech and a lost hyphen",
        text: "« C'est une honte », s'indigne la syndicaliste Marie Colin. « Personne ne nous écoute », déplore t-elle.\n\n« Il faisait encore nuit », se souvient Jules Moreau.",
        expect: &[
            direct("C'est une honte", "Marie Colin"),
            direct("Personne ne nous écoute", "Marie Colin"),
            direct("Il faisait encore nuit", "Jules Moreau"),
        ],
    },
    Case {
        name: "an aside before the subject, a complement after the verb",
        text: "« Il faisait froid », se souvient quant à elle Lucie Roy. Elle se souvient de cet hiver « interminable et gris ».",
        expect: &[
            direct("Il faisait froid", "Lucie Roy"),
            // The words remembered are hers, not the winter's.
            direct("interminable et gris", "Lucie Roy"),
        ],
    },
    Case {
        name: "a role phrase ending with a full name stays a person for pronouns",
        text: "« Rien n'est décidé », a dit Jean Mallet. Selon le président d'une amicale de pêcheurs Hervé Kerlo, « la saison est perdue ». « Nous attendrons », assure-t-il.",
        expect: &[direct("Nous attendrons", "le président d'une amicale de pêcheurs Hervé Kerlo")],
    },
    Case {
        name: "an aside between the subject and its verb",
        text: "Léon Ribot, de son côté, a déclaré : « Le budget sera voté. »",
        expect: &[direct("Le budget sera voté", "Léon Ribot")],
    },
    Case {
        name: "a compound verb split by an aside, a dative before the name",
        text: "« Le dossier est vide », a pour sa part assuré l'avocat du maire, Hugo Vial. « Ils vendent des places », explique pour Sudradio Nina Perrot.",
        expect: &[
            direct("Le dossier est vide", "Hugo Vial"),
            direct("Ils vendent des places", "Nina Perrot"),
        ],
    },
];

#[test]
fn french_fixtures() {
    assert_all("fr", CASES);
}
