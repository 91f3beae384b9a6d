"""Articles per second through the article extractor (meetings.extraction.extract).

    python bench/extract.py [--seconds 10] [--seeds ../shared/seeds]

The pool is the seed articles and variants generated from each (as pasted from a browser with
menus and comments around it, as saved HTML, with its paragraphs shuffled, cut in half, and four
times as long); the pool is run round after round for a bounded time. Prints one JSON line per
variant and a total, then a table."""
import argparse
import html
import json
import logging
import random
import statistics
import time
from pathlib import Path

import _setup

from meetings.extraction import extract

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
CHROME_TOP = "Trang chủ\nThời sự\nKinh tế\nĐô thị\nĐăng nhập\nĐăng ký\n26 Nov, 11:42 PM\n"
CHROME_BOTTOM = "\nĐọc nhiều\n• Rất hay\nBình luận (3)\nTheo Hanoi.gov.vn\n© 2024 Báo điện tử\n./.\n"


def variants(text, rng):
    paragraphs = [p for p in text.split("\n") if p.strip()]
    title, body = paragraphs[0], paragraphs[1:]
    shuffled = body[:]
    rng.shuffle(shuffled)
    yield "seed", text
    yield "browser paste", CHROME_TOP + text + CHROME_BOTTOM
    yield "html", ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + html.escape(title)
                   + "</title><script>var a=1;</script></head><body><nav><a href='/'>Trang chủ</a></nav><article><h1>"
                   + html.escape(title) + "</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in body)
                   + "</article><footer>© 2024</footer></body></html>")
    yield "shuffled", "\n".join([title, *shuffled])
    yield "half", "\n".join([title, *body[: max(1, len(body) // 2)]])
    yield "4x long", "\n".join([title, *(body * 4)])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = sorted(args.seeds.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed articles (*.txt) in {args.seeds}")
    pool = [(name, text) for f in files for name, text in variants(f.read_text(encoding="utf-8"), rng)]
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # "discarding data" on every HTML page
    # One unmeasured round first: the gazetteer, trafilatura and dateparser load lazily (one seed's
    # HTML variant takes over 2 s on its first run only); the slowest cold article is reported apart.
    cold = []
    for _name, text in pool:
        t0 = time.perf_counter()
        extract(text, url="https://news.example/a.html", published="2024-09-21")
        cold.append((time.perf_counter() - t0) * 1000)

    timings = {name: [] for name, _ in pool}
    sizes = {name: 0 for name, _ in pool}
    rounds, started = 0, time.perf_counter()
    deadline = started + args.seconds
    while time.perf_counter() < deadline or rounds == 0:
        for name, text in pool:
            t0 = time.perf_counter()
            extract(text, url="https://news.example/a.html", published="2024-09-21")
            timings[name].append((time.perf_counter() - t0) * 1000)
            sizes[name] += len(text.encode())
        rounds += 1
    elapsed = time.perf_counter() - started

    rows = []
    for name, values in timings.items():
        rows.append({"variant": name, "articles": len(values), "mean_ms": round(statistics.mean(values), 1),
                     "p95_ms": round(_setup.percentile(values, .95), 1), "max_ms": round(max(values), 1),
                     "articles_per_s": round(len(values) / (sum(values) / 1000), 1),
                     "kb_per_s": round(sizes[name] / 1024 / (sum(values) / 1000), 1)})
    every = [v for values in timings.values() for v in values]
    rows.append({"variant": "ALL", "articles": len(every), "mean_ms": round(statistics.mean(every), 1),
                 "p95_ms": round(_setup.percentile(every, .95), 1), "max_ms": round(max(every), 1),
                 "articles_per_s": round(len(every) / elapsed, 1),
                 "kb_per_s": round(sum(sizes.values()) / 1024 / elapsed, 1), "rounds": rounds,
                 "cold_round_max_ms": round(max(cold), 1),
                 "seed_files": len(files), "seconds": round(elapsed, 1)})
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    print()
    _setup.print_table(rows, ["variant", "articles", "articles_per_s", "kb_per_s", "mean_ms", "p95_ms", "max_ms"])


if __name__ == "__main__":
    main()
