//! The JSON contract: every key veille writes is documented in docs/json-contract.md.

use std::collections::BTreeSet;

use crate::util::{jsonl, veille, Scratch};

const CONTRACT: &str = include_str!("../../../../docs/json-contract.md");

fn collect_keys(value: &serde_json::Value, keys: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                keys.insert(key.clone());
                collect_keys(child, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}

#[test]
fn every_key_written_by_analyze_is_documented() {
    let scratch = Scratch::new();
    scratch.write(
        "in/article.txt",
        "Titre d'un article écrit pour les tests\n\nPartagez :\n\n\
Le maire a déclaré lundi : « Nous rouvrirons la piscine en juin », devant 300 habitants réunis à Rennes.\n\n\
Le chantier a coûté 2,5 millions d'euros selon la mairie.\n",
    );
    scratch.write("in/bad.bin", [0u8, 1, 2, 3, 0, 0, 0, 255].repeat(1000));
    let out = veille(
        &[
            "analyze",
            scratch.path().join("in").to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        None,
    );
    let mut keys = BTreeSet::new();
    for record in jsonl(&out) {
        collect_keys(&record, &mut keys);
    }
    assert!(keys.contains("schema_version") && keys.contains("error"));
    let undocumented: Vec<_> = keys
        .iter()
        .filter(|key| {
            !CONTRACT.contains(&format!("`{key}`")) && !CONTRACT.contains(&format!("\"{key}\""))
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "undocumented keys: {undocumented:?}"
    );
}
