#!/usr/bin/env python3
"""Writes Scenarios/bench-large.xml scaled to a size, over 5 years, for Tools/bench/scale.sh, named
for its size ("Benchmark scaled: 12,000 villages (districts)").

    scale_scenario.py BENCH_LARGE_XML SHAPE VILLAGES [PARTS] > scenario.xml

SHAPE "districts" keeps the benchmark's towns (55 peri-urban and 5 remote villages) and
districts (5 towns, a firm pool and a ring each) and changes how many there are, as a bigger
region has: 120 villages are one district of 2 towns, 1,200 the benchmark's 4 districts,
12,000 villages 40. SHAPE "towns" keeps the 4 districts of 5 towns and puts more villages in
each town (600 a town at 12,000: no real town is that large, but it is how the benchmark was
scaled before, kept for comparison).

PARTS "all" (the default) keeps the benchmark's outputs (the log, the rules and the reports);
"world" switches them off, for the world alone (Tools/bench/world_scale.sh).
"""
import re
import sys


def district_shaped(source: str, villages: int) -> str:
    towns_per_district, villages_per_town = 5, 60
    towns = villages // villages_per_town
    if towns * villages_per_town != villages:
        sys.exit(f"{villages} villages is not a whole number of {villages_per_town}-village towns")
    district = re.search(r'    <district id="d1".*?</district>\n', source, re.S).group(0)
    pool = re.search(r'    <pool id="d1-firms"[^\n]*\n', source).group(0)
    ring = re.search(r'    <ring id="d1-ring"[^\n]*\n', source).group(0)
    geography, pools, rings = "", "", ""
    for number in range(1, (towns + towns_per_district - 1) // towns_per_district + 1):
        block = district.replace('"d1', f'"d{number}').replace("District 1", f"District {number}")
        block = block.replace("Town 1.", f"Town {number}.")
        lines = block.split("\n")
        kept_towns = min(towns_per_district, towns - (number - 1) * towns_per_district)
        lines = [line for line in lines if "<town" not in line or any(f'-t{t}"' in line for t in range(1, kept_towns + 1))]
        geography += "\n".join(lines)
        pools += pool.replace('"d1', f'"d{number}')
        rings += ring.replace('"d1', f'"d{number}')
    source = re.sub(r'    <district id="d1".*</district>\n', lambda _: geography, source, flags=re.S)
    source = re.sub(r'(    <pool id="d\d+-firms"[^\n]*\n)+', lambda _: pools, source)
    return re.sub(r'(    <ring id="d\d+-ring"[^\n]*\n)+', lambda _: rings, source)


def town_shaped(source: str, villages: int) -> str:
    factor = villages / 1200
    periurban, remote = round(55 * factor), round(5 * factor)
    return source.replace(
        '<villages count="55" profile="periurban"/><villages count="5" profile="remote"/>',
        f'<villages count="{periurban}" profile="periurban"/><villages count="{remote}" profile="remote"/>')


def main() -> None:
    path, shape, villages = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parts = sys.argv[4] if len(sys.argv) > 4 else "all"
    if parts not in ("all", "world"):
        sys.exit(f'PARTS is "all" or "world", not "{parts}"')
    source = open(path, encoding="utf-8").read().replace('horizon="P10Y"', 'horizon="P5Y"')
    scaled = district_shaped(source, villages) if shape == "districts" else town_shaped(source, villages)
    scaled = scaled.replace('name="Benchmark: 1,200 villages, ten years"',
                            f'name="Benchmark scaled: {villages:,} villages ({shape})"', 1)
    if parts == "world":
        scaled, count = re.subn(
            r"<output [^>]*/>", '<output events="false" alerts="false" report="false" format="jsonl"/>', scaled)
        if count != 1:
            sys.exit("the benchmark has no single <output .../> element to switch off")
    sys.stdout.write(scaled)


if __name__ == "__main__":
    main()
