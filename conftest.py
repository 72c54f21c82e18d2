"""Names the doctests of pipeline/ may use: lexicons loaded once, as a stage receives them."""
from functools import lru_cache

import pytest


@lru_cache(maxsize=1)
def _cues():
    from pipeline.config import LEXICON_DIR
    from pipeline.segment import load_cues
    return load_cues(LEXICON_DIR)


@lru_cache(maxsize=1)
def _extract_lexicon():
    from pipeline.config import LEXICON_DIR
    from pipeline.extract import load_extract_lexicon
    return load_extract_lexicon(LEXICON_DIR)


@lru_cache(maxsize=1)
def _catalog():
    from pipeline.catalog import load_indicator_catalog
    from pipeline.config import LEXICON_DIR
    return load_indicator_catalog(LEXICON_DIR)


@pytest.fixture(autouse=True)
def _doctest_lexicons(doctest_namespace):
    doctest_namespace["CUES"] = _cues()
    doctest_namespace["EXTRACT"] = _extract_lexicon()
    doctest_namespace["CATALOG"] = _catalog()
