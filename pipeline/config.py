"""Where things live. No logic."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = PROJECT_ROOT / "raw"
OUT_DIR = PROJECT_ROOT / "normalized"
SCHEMA_DIR = PROJECT_ROOT / "schemas"
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
DOCS_DIR = PROJECT_ROOT / "docs"
MANIFEST_NAME = "manifest.toml"
