#!/usr/bin/env python3
"""Writes the inputs of Benchmarks/bench_crawl.sh into one folder: the feeds (with a .gz beside each), the
veilleur configurations, and the URL lists for curl and newsboat.

Usage: Benchmarks/bench_crawl_gen.py DIR --feeds N --port P [--items 60] [--profiles 1000] [--terms 50]
                                     [--hosts 64] [--settings YAML] [--examples CONFIG_DIR]

DIR/www/N.xml (+ N.xml.gz)   feeds: RSS 2.0, Atom and RDF in turn; every fifth one in ISO-8859-1
DIR/urls.txt                 one URL per line, feed i on host 127.0.1.(i mod hosts + 1)
DIR/example/                 sources.yaml + veilleur.yaml + the example profiles and vocabularies
DIR/generated/               sources.yaml + veilleur.yaml + PROFILES generated profiles of TERMS terms
DIR/curl-cold.cfg, curl-warm.cfg   curl configurations (the warm one asks If-Modified-Since per file)

The generated profiles share topics the way clusters of one region do: each picks three of the shared
topics ("appel à projets", "France 2030", …) and adds terms of its own, so an item that names a shared
topic matches a tenth of the profiles, and one naming two or three matches hundreds.
"""
import argparse
import gzip
import os
import random
import re
import shutil
import time
from email.utils import formatdate

# Shared topics: (name, terms). Every generated profile picks three; item titles and texts name them.
SHARED_TOPICS = [
    ("Appels à projets", ["appel à projets", "appel à manifestation d'intérêt", "candidature", "lauréat", "jury"]),
    ("France 2030", ["France 2030", "plan de relance", "Bpifrance", "programme d'investissements d'avenir", "PIA4"]),
    ("Hydrogène", ["hydrogène", "électrolyseur", "pile à combustible", "hydrogène vert", "station de recharge"]),
    ("Transition écologique", ["transition écologique", "décarbonation", "sobriété énergétique", "bilan carbone", "neutralité carbone"]),
    ("Cybersécurité", ["cybersécurité", "rançongiciel", "ANSSI", "vulnérabilité", "cyberattaque"]),
    ("Intelligence artificielle", ["intelligence artificielle", "apprentissage automatique", "IA générative", "données d'entraînement", "algorithme"]),
    ("Industrie du futur", ["industrie du futur", "usine connectée", "robotisation", "jumeau numérique", "fabrication additive"]),
    ("Export", ["export", "Business France", "Team France Export", "salon international", "marché étranger"]),
    ("Emploi et formation", ["formation professionnelle", "apprentissage", "recrutement", "compétences", "alternance"]),
    ("Mobilité", ["mobilité durable", "véhicule électrique", "covoiturage", "transport en commun", "borne de recharge"]),
    ("Santé", ["santé numérique", "dispositif médical", "essai clinique", "télémédecine", "biotechnologie"]),
    ("Agriculture", ["agroalimentaire", "agriculture biologique", "circuit court", "irrigation", "élevage"]),
    ("Spatial", ["spatial", "satellite", "lanceur", "constellation", "observation de la Terre"]),
    ("Batteries", ["batterie", "gigafactory", "lithium", "recyclage des batteries", "cellule"]),
    ("Eau", ["ressource en eau", "sécheresse", "assainissement", "réutilisation des eaux usées", "nappe phréatique"]),
    ("Numérique", ["transformation numérique", "cloud souverain", "données ouvertes", "plateforme", "logiciel libre"]),
    ("Financement", ["levée de fonds", "capital-risque", "subvention", "prêt d'honneur", "business angels"]),
    ("Foncier", ["foncier économique", "zone d'activité", "friche industrielle", "zéro artificialisation nette", "implantation"]),
    ("Recherche", ["recherche partenariale", "laboratoire commun", "thèse CIFRE", "transfert de technologie", "brevet"]),
    ("Tourisme", ["tourisme d'affaires", "attractivité", "congrès", "hôtellerie", "patrimoine"]),
    ("Énergie", ["photovoltaïque", "éolien en mer", "réseau de chaleur", "biométhane", "autoconsommation"]),
    ("Bâtiment", ["rénovation énergétique", "construction bois", "bâtiment basse consommation", "maîtrise d'ouvrage", "BIM"]),
    ("Économie circulaire", ["économie circulaire", "réemploi", "recyclage", "écoconception", "déchets"]),
    ("Défense", ["industrie de défense", "DGA", "souveraineté", "base industrielle", "dualité"]),
    ("Commerce", ["commerce de proximité", "centre-ville", "vitrine", "commerce en ligne", "marché de Noël"]),
    ("Social", ["économie sociale et solidaire", "insertion", "coopérative", "mécénat", "association"]),
    ("Europe", ["fonds européens", "FEDER", "Horizon Europe", "Interreg", "Commission européenne"]),
    ("Maritime", ["économie maritime", "port", "construction navale", "pêche", "éolien flottant"]),
    ("Aéronautique", ["aéronautique", "avion décarboné", "sous-traitant", "motoriste", "maintenance aéronautique"]),
    ("Chimie", ["chimie verte", "biosourcé", "plasturgie", "matériaux composites", "solvant"]),
]
TOPICS_PER_PROFILE = 3
# How many shared topics an item names: mostly none, sometimes one, rarely two or three.
TOPIC_COUNT_WEIGHTS = [(0, 0.925), (1, 0.05), (2, 0.02), (3, 0.005)]

FRENCH = ("le la les des du une un pour dans sur avec est sont qui que par au aux plus entre selon après avant "
          "entreprise région industrie innovation projet territoire commune conseil budget service public "
          "habitants quartier réseau données énergie usine chantier contrat investissement startup emploi "
          "métropole département société annonce présente nouveau nouvelle premier première lancement "
          "développement année mois semaine directeur présidente ministre collectivité partenaires acteurs "
          "économique local locale national nationale grand grande petite ville centre rencontre étude").split()
SYLLABLES = ("ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge la le li lo lu ma me mi mo mu "
             "na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo").split()


def synthetic_word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def xml_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def topic_count(rng):
    draw, total = rng.random(), 0.0
    for count, weight in TOPIC_COUNT_WEIGHTS:
        total += weight
        if draw < total:
            return count
    return 0


def words(rng, count, fillers):
    return " ".join(rng.choice(FRENCH) if rng.random() < 0.8 else rng.choice(fillers) for _ in range(count))


def item_text(rng, fillers):
    """A title of about ten words and a description of about fifty, naming 0 to 3 shared topics."""
    topics = rng.sample(SHARED_TOPICS, topic_count(rng))
    title = words(rng, 8, fillers).capitalize()
    description = words(rng, 50, fillers) + "."
    for _, terms in topics:
        term = rng.choice(terms)
        if rng.random() < 0.5:
            title += f" : {term}"
        else:
            description = f"{words(rng, 10, fillers)} {term} {description}"
    return title, description


def feed_kind(index):
    return ("rss", "atom", "rdf")[index % 3]


def feed_encoding(index):
    return "ISO-8859-1" if index % 5 == 4 else "UTF-8"


def feed_link(index, base):
    return f"{base}/site/{index}"


def entry(kind, index, number, link, title, description, stamp):
    """One item of a feed of `kind` on one line, its text already escaped: article `number` of feed `index`."""
    url = f"{link}/article-{number}.html"
    iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
    if kind == "rss":
        return (f"<item><title>{title}</title><link>{url}</link><guid>{url}</guid>"
                f"<pubDate>{formatdate(stamp, usegmt=True)}</pubDate>"
                f"<description>{description}</description></item>\n")
    if kind == "atom":
        return (f'<entry><title>{title}</title><link href="{url}"/><id>urn:bench:{index}:{number}</id>'
                f"<updated>{iso}</updated><summary>{description}</summary></entry>\n")
    return (f'<item rdf:about="{url}"><title>{title}</title><link>{url}</link>'
            f"<dc:date>{iso}</dc:date><description>{description}</description></item>\n")


def encoded(text, index):
    return text.encode("utf-8" if feed_encoding(index) == "UTF-8" else "latin-1", errors="xmlcharrefreplace")


def feed(index, items, rng, fillers, base, now):
    """Feed `index` as bytes: its format and charset follow from its index. The first two lines are the
    document's head, the last its tail, and each line between one item (scripts/soak_feeds.py relies on it)."""
    kind = feed_kind(index)
    encoding = feed_encoding(index)
    parts = [f'<?xml version="1.0" encoding="{encoding}"?>\n']
    link = feed_link(index, base)
    if kind == "rss":
        parts.append(f'<rss version="2.0"><channel><title>Flux {index}</title><link>{link}</link>'
                     f"<description>Actualités {index}</description>\n")
    elif kind == "atom":
        parts.append(f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Flux {index}</title>'
                     f'<link href="{link}"/><id>urn:bench:feed:{index}</id>'
                     f"<updated>{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(now))}</updated>\n")
    else:
        parts.append('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
                     'xmlns:dc="http://purl.org/dc/elements/1.1/">'
                     f'<channel rdf:about="{link}"><title>Flux {index}</title><link>{link}</link>'
                     f"<description>Actualités {index}</description></channel>\n")
    for number in range(items):
        title, description = item_text(rng, fillers)
        stamp = now - number * 3600 - index % 3600
        parts.append(entry(kind, index, number, link, xml_text(title), xml_text(description), stamp))
    parts.append({"rss": "</channel></rss>\n", "atom": "</feed>\n", "rdf": "</rdf:RDF>\n"}[kind])
    return encoded("".join(parts), index)


def host(index, hosts):
    return f"127.0.1.{index % hosts + 1}"


def example_sources(config):
    """(name, tags) of each source of the example configuration, which its profiles name."""
    text = open(os.path.join(config, "sources.yaml"), encoding="utf-8").read()
    entries = re.split(r"^\s*- name: ", text, flags=re.M)[1:]
    return [(entry.split()[0], (re.findall(r"tags: (\[.*\])", entry) or ["[]"])[0]) for entry in entries]


def write_sources(path, urls, examples):
    """The first sources take the names of the example ones, and all their tags in turn, so that the example
    profiles' source weights and tag filters apply. Flow mappings keep the file small: a configuration file
    holds at most 1 MiB."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("sources:\n")
        for index, url in enumerate(urls):
            name, tags = examples[index % len(examples)]
            name = name if index < len(examples) else f"f{index}"
            out.write(f"- {{name: {name}, url: {url}, tags: {tags}}}\n")
    return os.path.getsize(path)


def write_profiles(folder, count, terms, rng):
    os.makedirs(folder, exist_ok=True)
    for number in range(count):
        shared = rng.sample(SHARED_TOPICS, TOPICS_PER_PROFILE)
        own = terms - sum(len(topic_terms) for _, topic_terms in shared)
        # Terms of its own, two made-up words each: they load the matcher without matching.
        specific = [f"{synthetic_word(rng)} {synthetic_word(rng)}" for _ in range(own)]
        lines = [f'name: "Profil {number}"', "kind: cluster", "language: fr", "min_score: 1.0", "topics:"]
        for name, topic_terms in shared:
            quoted = ", ".join(f'"{term}"' for term in topic_terms)
            lines += [f'  - name: "{name}"', f"    keywords: [{quoted}]"]
        quoted = ", ".join(f'"{term}"' for term in specific)
        lines += ['  - name: "Spécifique"', f"    keywords: [{quoted}]"]
        with open(os.path.join(folder, f"p{number:04d}.yaml"), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


def write_curl_config(path, urls, outputs, warm):
    with open(path, "w", encoding="utf-8") as out:
        for number, (url, output) in enumerate(zip(urls, outputs)):
            if number:
                out.write("next\n")
            out.write(f'url = "{url}"\noutput = "{output}"\ncompressed\nremote-time\nsilent\n'
                      'write-out = "%{http_code}\\n"\n')
            if warm:
                out.write(f'time-cond = "{output}"\n')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--hosts", type=int, default=64)
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--terms", type=int, default=50)
    parser.add_argument("--settings", default="", help="text of veilleur.yaml")
    parser.add_argument("--examples", default="config", help="folder holding profiles/ and vocabularies/")
    args = parser.parse_args()

    rng = random.Random(2030)
    fillers = [synthetic_word(rng) for _ in range(5000)]
    www = os.path.join(args.dir, "www")
    os.makedirs(www, exist_ok=True)
    now = time.time()
    urls = []
    for index in range(args.feeds):
        base = f"http://{host(index, args.hosts)}:{args.port}"
        urls.append(f"{base}/{index}.xml")
        body = feed(index, args.items, rng, fillers, base, now)
        path = os.path.join(www, f"{index}.xml")
        with open(path, "wb") as out:
            out.write(body)
        with open(path + ".gz", "wb") as out:
            out.write(gzip.compress(body, compresslevel=6, mtime=0))
        # gzip_static answers with the .gz file's validators: give both files one modification time.
        os.utime(path + ".gz", (now, now))
        os.utime(path, (now, now))
    with open(os.path.join(args.dir, "urls.txt"), "w") as out:
        out.write("\n".join(urls) + "\n")

    for name in ("example", "generated"):
        folder = os.path.join(args.dir, name)
        os.makedirs(folder, exist_ok=True)
        size = write_sources(os.path.join(folder, "sources.yaml"), urls, example_sources(args.examples))
        if size > 1 << 20:
            print(f"warning: sources.yaml is {size} bytes, over the 1 MiB a configuration file may hold")
        with open(os.path.join(folder, "veilleur.yaml"), "w") as out:
            out.write(args.settings)
    shutil.copytree(os.path.join(args.examples, "profiles"), os.path.join(args.dir, "example", "profiles"))
    shutil.copytree(os.path.join(args.examples, "vocabularies"), os.path.join(args.dir, "example", "vocabularies"))
    write_profiles(os.path.join(args.dir, "generated", "profiles"), args.profiles, args.terms, rng)

    outputs = [os.path.join(args.dir, "curl-out", f"{index}.xml") for index in range(args.feeds)]
    os.makedirs(os.path.join(args.dir, "curl-out"), exist_ok=True)
    write_curl_config(os.path.join(args.dir, "curl-cold.cfg"), urls, outputs, warm=False)
    write_curl_config(os.path.join(args.dir, "curl-warm.cfg"), urls, outputs, warm=True)


if __name__ == "__main__":
    main()
