#!/usr/bin/env python3
"""Write assistant/understand/lexicon.json.gz from lemminflect's tables and gender-guesser's names.

    python scripts/build_lexicon.py

Run it after adding words to vocabulary.toml (tests/test_lexicon.py says when it is due).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.understand import lexicon  # noqa: E402

FOLDER = ROOT / "assistant" / "understand"


def main() -> int:
    table = lexicon.build_table((FOLDER / "vocabulary.toml").read_text(encoding="utf-8"))
    path = FOLDER / lexicon.TABLE
    lexicon.write_table(table, path)
    print(f"{path.relative_to(ROOT)}: {len(table['inflections'])} vocabulary words, "
          f"{len(table['verbs'])} verb forms, {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
