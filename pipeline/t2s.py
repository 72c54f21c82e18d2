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

# the configurations whose dictionaries are read here: [phrase table, character table]
EXPECTED_DICTIONARIES = {"t2s": ["TSPhrases.txt", "TSCharacters.txt"], "s2t": ["STPhrases.txt", "STCharacters.txt"]}


@functools.lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration (``t2s``, ``s2t`` …), created once."""
    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=1)
def t2s() -> Callable[[str], str]:
    """A function converting Traditional to Simplified exactly as ``OpenCC("t2s").convert``."""
    library = converter("t2s")
    dictionaries = _read_dictionaries("t2s")
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


@functools.lru_cache(maxsize=1)
def changed_characters() -> tuple[frozenset[str], frozenset[str]]:
    """(the characters ``t2s`` changes, the characters ``s2t`` changes), each converted alone.

    A character alone is converted by the configuration's character table, or by a
    one-character phrase (there are none): read from the dictionaries instead of building the
    ``s2t`` converter, whose 49,000 phrases are not needed for one character.
    """
    kinds = []
    for config in ("t2s", "s2t"):
        dictionaries = _read_dictionaries(config, single_character_phrases_only=True)
        if dictionaries is None:
            convert = converter(config).convert
            kinds.append(frozenset(char for char in map(chr, _CJK_CODE_POINTS) if convert(char) != char))
            continue
        phrases, characters = dictionaries
        kinds.append(frozenset(char for char in set(characters) | set(phrases)
                               if phrases.get(char, characters.get(char, char)).split(" ")[0] != char))
    return kinds[0], kinds[1]


# where the library is asked character by character when its dictionaries cannot be read
_CJK_CODE_POINTS = [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00)]


@functools.lru_cache(maxsize=None)
def _read_dictionaries(config: str, single_character_phrases_only: bool = False
                       ) -> Optional[tuple[dict[str, str], dict[str, str]]]:
    """The phrase and character tables of ``config`` as the library reads them (of the
    phrases, only the one-character ones if asked), or None if the package differs (another
    configuration chain, missing files, multi-character keys in the character table)."""
    try:
        package = resources.files("opencc")
        chain = json.loads((package / "config" / f"{config}.json").read_text(encoding="utf-8"))
        names = EXPECTED_DICTIONARIES[config]
        expected = [{"dict": {"type": "group", "dicts": [{"type": "txt", "file": name} for name in names]}}]
        if chain.get("conversion_chain") != expected:
            return None
        phrases = _read_dictionary(package / "dictionary" / names[0], single_character_phrases_only)
        characters = _read_dictionary(package / "dictionary" / names[1])
    except (OSError, ValueError, TypeError):
        return None
    if any(len(key) != 1 for key in characters):
        return None
    return phrases, characters


def _read_dictionary(path, single_characters_only: bool = False) -> dict[str, str]:
    entries = {}
    with path.open(encoding="utf-8") as handle:         # line by line, as the library reads it
        for line in handle:
            if single_characters_only and line[1:2] != "\t":
                continue
            key, value = line.strip().split("\t")
            entries[key] = value
    return entries
