"""Write the seed shipped with the bundled packs (expander/suggest/seed/): the
vectors of their texts per bundled encoder, and their fitted lexical indexes, in
the formats of the caches (expander/suggest/vector_cache.py, index_cache.py).

A first ``expander suggest`` (or the app's first start) reads them instead of
encoding some 3,000 texts and fitting the indexes (12 s on two cores). Run it
after editing a bundled pack, the feature code or a model (``make seed``);
tests/suggest/test_seed.py fails until then. It builds the suggestion index of
the bundled packs in an empty EXPANDER_HOME, as a first run does, scores one
e-mail per language against every snippet (so that the multilingual space of the
English snippets is built too), then copies what the caches kept. Not the classifiers the
caches keep too (expander/suggest/classifier_cache.py): their bits depend on the
machine's numpy and BLAS kernel, so they would serve only machines like this one.

    python scripts/build_seed.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
EMAILS = {
    "en": "Hello, my parcel has not arrived yet. Where is it?",
    "pl": "Dzień dobry, moja paczka jeszcze nie dotarła. Gdzie jest?",
    "ru": "Здравствуйте, моя посылка ещё не пришла. Где она?",
}


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="expander-seed-"))
    os.environ["EXPANDER_HOME"] = str(home)
    sys.path.insert(0, str(REPO))
    import expander
    from expander.suggest import Suggester, index_cache, vector_cache
    from expander.suggest.index_cache import index_file
    from expander.suggest.vector_cache import SEED_DIR, cache_dir

    # built from nothing: the seed being replaced is not read
    vector_cache.SEED_DIR = index_cache.SEED_DIR = home / "no-seed"
    try:
        suggester = Suggester(expander.load(include_bundled=True))
        for email in EMAILS.values():
            # every snippet's score: suggest() runs another language's encoder only where
            # its snippets could rank, and would leave the English snippets' e5 space out
            suggester.scores(email)
        kept = sorted(cache_dir().glob("vectors-*.bin"))
        indexes = [index_file(kind) for kind in ("words", "chars")]
        if len(kept) < 2 or not all(path.is_file() for path in indexes):
            print("the caches kept too little: are both bundled encoders installed?")
            return 1
        if SEED_DIR.exists():
            shutil.rmtree(SEED_DIR)
        SEED_DIR.mkdir()
        for path in kept:
            shutil.copyfile(path, SEED_DIR / path.name)
        code = np.frombuffer(index_cache._code_fingerprint(), dtype=np.uint8)  # noqa: SLF001
        own_code = np.frombuffer(index_cache.own_code_fingerprint(), dtype=np.uint8)
        for path in indexes:
            # the same arrays, compressed (6 MB -> 2 in the wheel and the repository), and
            # the fingerprints of the feature code with and without the stemmers, which
            # tests/suggest/test_seed.py compares
            with np.load(path, allow_pickle=False) as arrays:
                kept_arrays = {name: arrays[name] for name in arrays.files}
            np.savez_compressed(SEED_DIR / path.name, code=code, own_code=own_code, **kept_arrays)
        for path in sorted(SEED_DIR.iterdir()):
            print(f"{path.relative_to(REPO)}: {path.stat().st_size / 1e6:.1f} MB")
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
