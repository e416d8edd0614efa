//! Spanish fixtures, written for veille.

use super::fixture::{assert_all, direct, reported, Case};

pub const CASES: &[Case] = &[
    Case {
        name: "speaker after with title, then an implicit subject and a name inside the quote",
        text: "«El puerto abrirá el lunes», dijo la alcaldesa Carmen Ruiz. «Pedro Gil no entiende el problema», añadió.",
        expect: &[
            direct("El puerto abrirá", "Carmen Ruiz"),
            direct("Pedro Gil no entiende", "Carmen Ruiz"),
        ],
    },
    Case {
        name: "apposition and que-clause",
        text: "El ministro de Salud, Jorge Peña, afirmó que las vacunas llegarán en abril.",
        expect: &[reported("las vacunas llegarán", "Jorge Peña")],
    },
    Case {
        name: "según before the clause",
        text: "Según la policía, el incendio fue intencionado.",
        expect: &[reported("el incendio fue intencionado", "la policía")],
    },
    Case {
        name: "relative clause naming another person",
        text: "Jorge Peña, que se reunió con Ana Soto el martes, dijo: «Hay un acuerdo».",
        expect: &[direct("Hay un acuerdo", "Jorge Peña")],
    },
    Case {
        name: "dash dialogue with a closing dash",
        text: "—No vamos a rendirnos —dijo el capitán Luis Mora—. Seguiremos buscando.\n—¿Y si llueve? —preguntó Elena Vidal.",
        expect: &[
            direct("No vamos a rendirnos", "Luis Mora"),
            direct("Seguiremos buscando", "Luis Mora"),
            direct("¿Y si llueve?", "Elena Vidal"),
        ],
    },
    Case {
        name: "incise after reported speech",
        text: "El tráfico se restablecerá mañana, informó el ayuntamiento.",
        expect: &[reported("El tráfico se restablecerá", "el ayuntamiento")],
    },
    Case {
        name: "según after the clause",
        text: "La presa resistió la crecida, según el ingeniero Tomás Prieto.",
        expect: &[reported("La presa resistió", "Tomás Prieto")],
    },
    Case {
        name: "speaker before the quote",
        text: "La portavoz del Gobierno, Marta Llorente, declaró: «No habrá recortes».",
        expect: &[direct("No habrá recortes", "Marta Llorente")],
    },
    Case {
        name: "verb opening the sentence, subject after it",
        text: "Explicó la directora del hospital, Rosa Méndez, ante la prensa: «Faltan camas».",
        expect: &[direct("Faltan camas", "Rosa Méndez")],
    },
    Case {
        name: "weekday between the verb and a titled speaker",
        text: "El comercio «tiene que reabrir», afirmó este martes el gobernador Ramiro Salas.",
        expect: &[direct("tiene que reabrir", "Ramiro Salas")],
    },
    Case {
        name: "title inside the apposition",
        text: "El jefe de la armada, el almirante Tomás Ugarte, informó que dos buques zarparon.",
        expect: &[reported("dos buques zarparon", "Tomás Ugarte")],
    },
];

#[test]
fn spanish_fixtures() {
    assert_all("es", CASES);
}
