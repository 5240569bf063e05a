"""Where the project's shared real reports lie (``../shared`` beside the repository)."""

from pathlib import Path

SHARED = Path(__file__).resolve().parents[4] / "shared"
SEED = SHARED / "seeds" / "000_d4cf2388c7c6da47.txt"
SAMPLES = SHARED / "samples"
