"""OpenCC ``t2s`` (opencc-python-reimplemented) with the same output, several times faster.

The library cuts a text at punctuation and spaces, then converts each piece by repeatedly
taking the longest phrase of ``TSPhrases.txt`` found in it (277 entries, such as 一目瞭然→一目了然,
with their left and right remainders converted the same way), and finally converts every
character left over through ``TSCharacters.txt`` (first candidate). A phrase only covers
characters that occur in some phrase key, and longest-first matching inside one run of such
characters does not depend on what lies outside it, so:

* a run of phrase-key characters that contains a phrase goes through the library;
* everything else is converted character by character with ``str.translate`` (most lines
  contain no phrase at all and are converted by one ``translate``).

When the installed package does not have the expected dictionaries and configuration the
library's own ``convert`` is used. ``tests/test_t2s.py`` checks that both agree on real plan
text and on arbitrary strings.
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Callable, Optional

import opencc

EXPECTED_CHAIN = [{"dict": {"type": "group", "dicts": [{"type": "txt", "file": "TSPhrases.txt"},
                                                         {"type": "txt", "file": "TSCharacters.txt"}]}}]


@functools.lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration (``t2s``, ``s2t`` …), created once."""
    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=1)
def t2s() -> Callable[[str], str]:
    """A function converting Traditional to Simplified exactly as ``OpenCC("t2s").convert``."""
    library = converter("t2s")
    dictionaries = _read_dictionaries()
    if dictionaries is None:
        return library.convert
    phrases, characters = dictionaries
    any_phrase = re.compile("|".join(re.escape(key) for key in sorted(phrases, key=lambda k: (-len(k), k))))
    phrase_chars = sorted({char for key in phrases for char in key})
    phrase_runs = re.compile("[" + "".join(re.escape(char) for char in phrase_chars) + "]+")
    table = {ord(key): value.split(" ")[0] for key, value in characters.items()
             if not library.split_chars_re.fullmatch(key)}
    convert_phrases = library.convert

    def convert_run(run: re.Match) -> str:
        text = run.group()
        return convert_phrases(text) if any_phrase.search(text) else text.translate(table)

    def convert(text: str) -> str:
        if not any_phrase.search(text):
            return text.translate(table)
        pieces, position = [], 0
        for run in phrase_runs.finditer(text):
            pieces.append(text[position:run.start()].translate(table))
            pieces.append(convert_run(run))
            position = run.end()
        pieces.append(text[position:].translate(table))
        return "".join(pieces)

    return convert


def _read_dictionaries() -> Optional[tuple[dict[str, str], dict[str, str]]]:
    """TSPhrases and TSCharacters as the library reads them, or None if the package differs."""
    try:
        package = resources.files("opencc")
        config = json.loads((package / "config" / "t2s.json").read_text(encoding="utf-8"))
        if config.get("conversion_chain") != EXPECTED_CHAIN:
            return None
        phrases = _read_dictionary(package / "dictionary" / "TSPhrases.txt")
        characters = _read_dictionary(package / "dictionary" / "TSCharacters.txt")
    except (OSError, ValueError, TypeError):
        return None
    if any(len(key) != 1 for key in characters):
        return None
    return phrases, characters


def _read_dictionary(path) -> dict[str, str]:
    entries = {}
    with path.open(encoding="utf-8") as handle:         # line by line, as the library reads it
        for line in handle:
            key, value = line.strip().split("\t")
            entries[key] = value
    return entries
