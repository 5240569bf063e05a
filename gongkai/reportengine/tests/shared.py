"""Where the real reports the tests read lie: ``samples/`` beside this module, in the repository.

The three sample PDFs with their hand-read ``.expected.json``, the blank 2021 template and the
seed (a real township report) were copied byte for byte from the project's shared references,
so a fresh clone runs every test. A test whose file is missing fails (FileNotFoundError), it
never skips.
"""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"
SEED = SAMPLES / "000_d4cf2388c7c6da47.txt"
BLANK = SAMPLES / "blank-template-2021.docx"
