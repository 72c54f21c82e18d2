"""Fidelity of the normalize stage on real Simplified plan text.

    python -m pipeline.fidelity [--diff]

Two sets of excerpts are scored and printed separately: the *tuning* set (``NN-*.txt``, which
the phrase table was tuned on) and the *held-out* set (``real-*.txt``, excerpts of published
plans collected afterwards; see the README there). Each excerpt in ``tests/fixtures/fidelity/*.txt`` (genuine mainland wording) is converted to
Traditional by OpenCC ``s2tw`` / ``s2twp``, by zhconv ``zh-tw`` (MediaWiki tables) and by
"mirror" (``s2twp``, then the full-width punctuation of ``lexicons/punctuation.tsv`` turned into
ASCII, ，→, （→( …, as the mirror of the first raw document did), then back to Simplified by
:func:`pipeline.normalize.normalize_text` ("ours") and by the baselines OpenCC ``t2s``, OpenCC
``tw2sp`` and zhconv ``zh-cn``. The table gives the character error rate (Levenshtein distance
/ length of the original) of each back-conversion; the row ``simplified`` feeds the original
text itself, where ours must change nothing.

zhconv is a test-only dependency and is imported here lazily.
"""
from __future__ import annotations

import argparse
import difflib
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from pipeline.config import LEXICON_DIR, PROJECT_ROOT
from pipeline.normalize import NormalizeLexicon, load_normalize_lexicon, normalize_text
from pipeline.t2s import converter

CORPUS_DIR = PROJECT_ROOT / "tests" / "fixtures" / "fidelity"
HELD_OUT_PREFIX = "real-"
SETS = ("tuning", "held-out")
FORWARD = ("simplified", "s2tw", "s2twp", "zh-tw", "mirror")
BACKWARD = ("ours", "t2s", "tw2sp", "zh-cn")
# maximum character error rate of "ours" per forward converter (fractions, not percent)
TARGETS = {"simplified": 0.0, "s2tw": 0.001, "s2twp": 0.001, "zh-tw": 0.0002, "mirror": 0.001}


@dataclass(frozen=True)
class Score:
    errors: int                                  # summed edit distance
    length: int                                  # summed length of the originals

    @property
    def cer(self) -> float:
        return self.errors / self.length if self.length else 0.0


# --------------------------------------------------------------------------- edit distance


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute all cost 1).

    >>> edit_distance("数字化转型", "数位化转型")
    1
    >>> edit_distance("互联网", "网际网路")
    3
    """
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    a, b = a[start:end_a], b[start:end_b]
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def text_distance(original: str, converted: str) -> int:
    """Edit distance summed line by line when line counts agree (they do for all converters)."""
    lines_a, lines_b = original.split("\n"), converted.split("\n")
    if len(lines_a) != len(lines_b):
        return edit_distance(original, converted)
    return sum(edit_distance(x, y) for x, y in zip(lines_a, lines_b))


# --------------------------------------------------------------------------- converters


@functools.lru_cache(maxsize=None)
def _zhconv():
    import zhconv

    # load the tables through a closed file (zhconv's default loader leaks a file handle)
    zhconv.zhconv.loaddict(str(Path(zhconv.__file__).parent / "zhcdict.json"))
    return zhconv


def _opencc(config: str) -> Callable[[str], str]:
    return converter(config).convert


def _zh(locale: str) -> Callable[[str], str]:
    return lambda text: _zhconv().convert(text, locale)


def _mirror(lexicon: NormalizeLexicon) -> Callable[[str], str]:
    """``s2twp``, then full-width punctuation -> ASCII (what a careless mirror does)."""
    to_ascii = {ord(rule.fullwidth): rule.ascii for rule in lexicon.punctuation.values()}
    return lambda text: converter("s2twp").convert(text).translate(to_ascii)


def forward_converters(lexicon: NormalizeLexicon) -> dict[str, Callable[[str], str]]:
    return {"simplified": lambda text: text, "s2tw": _opencc("s2tw"), "s2twp": _opencc("s2twp"),
            "zh-tw": _zh("zh-tw"), "mirror": _mirror(lexicon)}


def backward_converters(lexicon: NormalizeLexicon) -> dict[str, Callable[[str], str]]:
    return {"ours": functools.partial(normalize_text, lexicon=lexicon), "t2s": _opencc("t2s"),
            "tw2sp": _opencc("tw2sp"), "zh-cn": _zh("zh-cn")}


# --------------------------------------------------------------------------- measurement


def excerpt_set(name: str) -> str:
    """ "held-out" for ``real-*.txt``, "tuning" otherwise."""
    return "held-out" if name.startswith(HELD_OUT_PREFIX) else "tuning"


def load_corpus(corpus_dir: Path = CORPUS_DIR, subset: Optional[str] = None) -> dict[str, str]:
    """Excerpt name -> text, in sorted file order; ``subset`` "tuning" / "held-out" (None: all)."""
    if subset is not None and subset not in SETS:
        raise ValueError(f"subset must be one of {SETS}, got {subset!r}")
    paths = sorted(path for path in corpus_dir.glob("*.txt") if subset in (None, excerpt_set(path.name)))
    return {path.name: path.read_text(encoding="utf-8").rstrip("\n") for path in paths}


def round_trips(corpus: dict[str, str], lexicon: NormalizeLexicon) -> dict[tuple[str, str], dict[str, str]]:
    """(forward, backward) -> {excerpt name: back-converted text}."""
    forwards, backwards = forward_converters(lexicon), backward_converters(lexicon)
    result: dict[tuple[str, str], dict[str, str]] = {}
    for f_name, forward in forwards.items():
        traditional = {name: forward(text) for name, text in corpus.items()}
        for b_name, backward in backwards.items():
            if (f_name, b_name) == ("mirror", "ours"):
                # a mirror that lost the full-width punctuation is configured so in the manifest
                backward = functools.partial(normalize_text, lexicon=lexicon, fullwidth_punctuation=True)
            result[(f_name, b_name)] = {name: backward(text) for name, text in traditional.items()}
    return result


def measure(corpus: dict[str, str], lexicon: NormalizeLexicon) -> dict[tuple[str, str], Score]:
    """(forward, backward) -> summed Score over the corpus."""
    length = sum(len(text) for text in corpus.values())
    return {key: Score(sum(text_distance(corpus[name], out) for name, out in outputs.items()), length)
            for key, outputs in round_trips(corpus, lexicon).items()}


def format_table(scores: dict[tuple[str, str], Score], title: str = "") -> str:
    """Markdown table: one row per forward converter, CER (errors) per back-conversion."""
    length = next(iter(scores.values())).length
    lines = [f"{title + ': ' if title else ''}character error rate, {length} characters of Simplified plan text",
             "| forward | " + " | ".join(BACKWARD) + " | target (ours) |",
             "|---" * (len(BACKWARD) + 2) + "|"]
    for forward in FORWARD:
        cells = [f"{scores[(forward, b)].cer:.3%} ({scores[(forward, b)].errors})" for b in BACKWARD]
        lines.append(f"| {forward} | " + " | ".join(cells) + f" | ≤{TARGETS[forward]:.2%} |")
    return "\n".join(lines)


def format_diffs(corpus: dict[str, str], lexicon: NormalizeLexicon, backward: str = "ours") -> str:
    """Every remaining difference of ``backward`` against the original, with context."""
    out: list[str] = []
    for (forward, b_name), outputs in round_trips(corpus, lexicon).items():
        if b_name != backward:
            continue
        for name, text in outputs.items():
            matcher = difflib.SequenceMatcher(None, corpus[name], text, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op != "equal":
                    out.append(f"{forward}\t{name}\t{corpus[name][max(0, i1 - 4):i2 + 4]!r} -> "
                               f"{text[max(0, j1 - 4):j2 + 4]!r}")
    return "\n".join(out)


def above_target(scores: dict[tuple[str, str], Score]) -> list[str]:
    """Forward converters whose back-conversion by ours misses its target."""
    return [f for f in FORWARD if scores[(f, "ours")].cer > TARGETS[f]]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.fidelity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--diff", action="store_true", help="also list every remaining difference of ours")
    args = parser.parse_args(argv)
    failed: list[str] = []
    lexicon = load_normalize_lexicon(LEXICON_DIR)      # a tool: the shipped lexicons, loaded once
    for subset in SETS:
        corpus = load_corpus(subset=subset)
        scores = measure(corpus, lexicon)
        print(format_table(scores, f"{subset} set ({len(corpus)} excerpts)"))
        if args.diff:
            print(format_diffs(corpus, lexicon))
        failed.extend(f"{subset}/{f}" for f in above_target(scores))
        print()
    if failed:
        print("above target: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
