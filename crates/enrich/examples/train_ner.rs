//! Trains the entity tagger's averaged perceptron for one language and writes the weights
//! (`crates/enrich/data/ner/model.<lang>.bin`). `scripts/train-ner.sh` runs it on the
//! corpora listed in `crates/enrich/data/ner/SOURCES.md`.
//!
//! Input files are token-per-line IOB (`token TAG` or `token<TAB>…<TAB>TAG`, the tag in the
//! last column; a blank line ends a sentence; `-DOCSTART-` lines are skipped) or WikiNER
//! sentence lines (`word|POS|TAG word|POS|TAG …`). IOB1 tags (an entity opened by `I-`) are
//! read as IOB2. Files without sentence breaks are cut after a full stop once a sentence
//! grows long.
//!
//! `--input de:FILE` reads a file of another language than `--lang` (its features are computed
//! with that language's lists), for models trained on several languages.
//!
//! Every `--heldout-every`-th sentence of the FIRST input (the corpus closest to the target
//! domain) is kept out of training; the exact-span F1 over PER, LOC, ORG of the model and of the
//! rules alone on it is printed after each epoch, so the number of epochs is chosen on the
//! training data, never on an evaluation set. With `--final` the held-out sentences are trained
//! on too. `--runs N` trains N times over differently shuffled data and averages the N weight
//! tables (it did not help on the shipped corpora; the default is one run).
//!
//! ```sh
//! cargo run --release -p veille-enrich --example train_ner -- --lang fr \
//!     --input corpus.bio --output crates/enrich/data/ner/model.fr.bin --epochs 8
//! ```

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::time::Instant;

use veille_enrich::entities::features::{rule_labels, token_features};
use veille_enrich::entities::perceptron::{
    is_begin, label_index, label_kind, Example, Model, Trainer, OUTSIDE,
};
use veille_enrich::entities::recognize::recognize as recognize_rules;
use veille_enrich::entities::tokens::tokenize;
use veille_model::EntityKind;

struct Args {
    lang: String,
    inputs: Vec<String>,
    output: Option<String>,
    bits: u8,
    epochs: usize,
    heldout_every: usize,
    final_run: bool,
    seed: u64,
    runs: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        lang: String::new(),
        inputs: Vec::new(),
        output: None,
        bits: 18,
        epochs: 8,
        heldout_every: 10,
        final_run: false,
        seed: 1,
        runs: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--lang" => args.lang = value()?,
            "--input" => args.inputs.push(value()?),
            "--output" => args.output = Some(value()?),
            "--bits" => args.bits = value()?.parse().map_err(|e| format!("--bits: {e}"))?,
            "--epochs" => args.epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--heldout-every" => {
                args.heldout_every = value()?
                    .parse()
                    .map_err(|e| format!("--heldout-every: {e}"))?
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--runs" => args.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--final" => args.final_run = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.lang.is_empty() || args.inputs.is_empty() {
        return Err("--lang and at least one --input are required".into());
    }
    Ok(args)
}

/// A sentence as (token, IOB2 tag) pairs.
type Sentence = Vec<(String, String)>;

/// IOB1 → IOB2: an `I-X` that does not continue an `X` opens one.
fn to_iob2(sentence: &mut Sentence) {
    let mut prev_type: Option<String> = None;
    for (_, tag) in sentence.iter_mut() {
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) => (p.to_string(), k.to_string()),
            None => {
                *tag = "O".into();
                prev_type = None;
                continue;
            }
        };
        if prefix == "I" && prev_type.as_deref() != Some(kind.as_str()) {
            *tag = format!("B-{kind}");
        } else if prefix != "B" && prefix != "I" {
            *tag = "O".into();
            prev_type = None;
            continue;
        }
        prev_type = Some(kind);
    }
}

fn read_corpus(path: &str) -> Result<Vec<Sentence>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut sentences = Vec::new();
    let mut current: Sentence = Vec::new();
    let flush = |current: &mut Sentence, sentences: &mut Vec<Sentence>| {
        if !current.is_empty() {
            let mut s = std::mem::take(current);
            to_iob2(&mut s);
            sentences.push(s);
        }
    };
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| format!("{path}: {e}"))?;
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut current, &mut sentences);
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            continue;
        }
        let fields: Vec<&str> = line.split([' ', '\t']).filter(|f| !f.is_empty()).collect();
        let wikiner = fields.len() > 1 && fields.iter().all(|f| f.matches('|').count() >= 2);
        if wikiner {
            // One sentence a line.
            for f in fields {
                let mut parts = f.rsplitn(3, '|');
                let (Some(tag), Some(_pos), Some(word)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                current.push((word.to_string(), tag.to_string()));
            }
            flush(&mut current, &mut sentences);
            continue;
        }
        let (Some(word), Some(tag)) = (fields.first(), fields.last()) else {
            continue;
        };
        if fields.len() < 2 {
            continue;
        }
        current.push((word.to_string(), tag.to_string()));
        // Corpora without sentence breaks: cut after a full stop once the sentence is long,
        // and hard-cut runaway ones, but never inside an entity.
        let long = current.len() >= 40 && matches!(*word, "." | "!" | "?");
        if (long || current.len() >= 150) && *tag == "O" {
            flush(&mut current, &mut sentences);
        }
    }
    flush(&mut current, &mut sentences);
    Ok(sentences)
}

/// A sentence prepared for training: features over veille's own tokens, gold labels moved
/// onto them, and the rules' spans for the baseline score.
struct Prepared {
    example: Example,
    rule_labels: Vec<usize>,
}

fn prepare(sentence: &Sentence, lang: &str, bits: u8) -> Option<Prepared> {
    let words: Vec<&str> = sentence.iter().map(|(w, _)| w.as_str()).collect();
    let text = words.join(" ");
    let mut gold_ranges = Vec::with_capacity(words.len());
    let mut pos = 0;
    for w in &words {
        gold_ranges.push(pos..pos + w.len());
        pos += w.len() + 1;
    }
    let tokens = tokenize(&text);
    if tokens.is_empty() {
        return None;
    }
    // Each runtime token takes the tag of the gold token it starts in; only the first runtime
    // token of a gold `B-` token keeps the `B-`.
    let mut gold = Vec::with_capacity(tokens.len());
    let mut g = 0;
    for tok in &tokens {
        while g + 1 < gold_ranges.len() && gold_ranges[g].end <= tok.bytes.start {
            g += 1;
        }
        let tag = sentence.get(g).map_or("O", |(_, t)| t.as_str());
        let mut label = label_index(tag);
        if is_begin(label) && tok.bytes.start != gold_ranges[g].start {
            label += 1;
        }
        gold.push(label);
    }
    let rules = recognize_rules(&text, Some(lang));
    let rule_tags = rule_labels(&tokens, &rules);
    let features = token_features(&text, &tokens, &rule_tags, Some(lang), bits);
    Some(Prepared {
        example: Example {
            tokens: features,
            gold,
        },
        rule_labels: rule_tags,
    })
}

/// Entities of a label sequence as (start, end, kind) over token indices, PER/LOC/ORG only.
fn entity_set(labels: &[usize]) -> HashSet<(usize, usize, u8)> {
    let mut out = HashSet::new();
    let mut start = None;
    let flush = |out: &mut HashSet<_>, start: Option<(usize, usize)>, end: usize| {
        if let Some((s, l)) = start {
            if let Some(kind) = label_kind(l) {
                if kind != EntityKind::Other {
                    out.insert((s, end, kind as u8));
                }
            }
        }
    };
    for (i, &l) in labels.iter().enumerate() {
        let continues = matches!(start, Some((_, open)) if !is_begin(l) && l != OUTSIDE
            && label_kind(open) == label_kind(l));
        if continues {
            continue;
        }
        flush(&mut out, start, i);
        start = (l != OUTSIDE).then_some((i, l));
    }
    flush(&mut out, start, labels.len());
    out
}

/// Exact-span (precision, recall, F1) of predicted label sequences against gold ones.
fn span_f1<'a>(pairs: impl Iterator<Item = (&'a [usize], &'a [usize])>) -> (f64, f64, f64) {
    let (mut tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
    for (pred, gold) in pairs {
        let p = entity_set(pred);
        let g = entity_set(gold);
        tp += p.intersection(&g).count();
        n_pred += p.len();
        n_gold += g.len();
    }
    let p = tp as f64 / n_pred.max(1) as f64;
    let r = tp as f64 / n_gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Deterministic shuffle (xorshift), so that a run is reproducible from its seed.
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        let j = (*seed % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let started = Instant::now();
    let mut sentences = Vec::new();
    for input in &args.inputs {
        let (lang, path) = match input.split_once(':') {
            Some((l, p)) if l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()) => (l, p),
            _ => (args.lang.as_str(), input.as_str()),
        };
        let read = read_corpus(path)?;
        eprintln!("{path} ({lang}): {} sentences", read.len());
        let first = sentences.is_empty();
        sentences.extend(read.into_iter().enumerate().map(|(i, s)| {
            let held =
                first && args.heldout_every > 1 && i % args.heldout_every == args.heldout_every - 1;
            (lang.to_string(), held, s)
        }));
    }
    veille_enrich::entities::warm_up();
    let mut train = Vec::new();
    let mut heldout = Vec::new();
    for (lang, held, s) in &sentences {
        let Some(p) = prepare(s, lang, args.bits) else {
            continue;
        };
        if *held {
            if args.final_run {
                train.push(p.example.clone());
            }
            heldout.push(p);
        } else {
            train.push(p.example);
        }
    }
    let tokens: usize = train.iter().map(|e| e.gold.len()).sum();
    eprintln!(
        "{} training sentences ({tokens} tokens), {} held out; features in {:.1} s",
        train.len(),
        heldout.len(),
        started.elapsed().as_secs_f64()
    );
    let describe = |(p, r, f): (f64, f64, f64)| {
        if heldout.is_empty() {
            "no held-out sentences".to_string()
        } else {
            format!("held-out P {p:.3} R {r:.3} F1 {f:.3}")
        }
    };
    let rules = span_f1(
        heldout
            .iter()
            .map(|h| (h.rule_labels.as_slice(), h.example.gold.as_slice())),
    );
    eprintln!("rules alone: {}", describe(rules));

    let heldout_f1 = |model: &Model| {
        let predicted: Vec<Vec<usize>> = heldout
            .iter()
            .map(|h| model.decode(&h.example.tokens))
            .collect();
        span_f1(
            predicted
                .iter()
                .zip(&heldout)
                .map(|(pred, h)| (pred.as_slice(), h.example.gold.as_slice())),
        )
    };
    let note = if args.final_run {
        " (held-out also trained on)"
    } else {
        ""
    };
    // Several runs over differently shuffled data, their averaged weights averaged again: a
    // cheap ensemble that steadies a perceptron trained on little data.
    let mut summed: Vec<f32> = Vec::new();
    for run in 0..args.runs.max(1) {
        let mut trainer = Trainer::new(args.bits);
        let mut seed = args.seed.max(1).wrapping_add(run as u64 * 0x9e37_79b9);
        for epoch in 1..=args.epochs {
            shuffle(&mut train, &mut seed);
            let errors: usize = train.iter().map(|e| trainer.train_sentence(e)).sum();
            let score = describe(heldout_f1(&trainer.finish()));
            eprintln!(
                "run {} epoch {epoch}: {errors} token errors in training; {score}{note}",
                run + 1
            );
        }
        let weights = trainer.averaged_weights();
        if summed.is_empty() {
            summed = weights;
        } else {
            summed.iter_mut().zip(&weights).for_each(|(s, w)| *s += w);
        }
    }
    let runs = args.runs.max(1) as f32;
    summed.iter_mut().for_each(|w| *w /= runs);
    let model = Model::quantise(args.bits, &summed);
    eprintln!("final model: {}{note}", describe(heldout_f1(&model)));
    if let Some(out) = &args.output {
        let bytes = model.to_bytes();
        std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
        eprintln!("wrote {out} ({} bytes)", bytes.len());
    }
    eprintln!("done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("train_ner: {e}");
        std::process::exit(1);
    }
}
