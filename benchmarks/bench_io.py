"""Throughput of FASTA reading and RNA folding, and the memory of streaming prediction.

1. ``read_fasta`` on a generated ~100 MB FASTA file (200 nt records, 60 per line): MB/s.
2. ``fold`` (ViennaRNA) on 200 nt random RNA, n_jobs=1 and 2: sequences per second.
3. ``skmotif predict`` on a generated 1,000,000-sequence FASTA file (200 nt):
   wall time and peak resident memory of the command (ru_maxrss of the child).

Run: python benchmarks/bench_io.py [--predict-n 1000000]
"""

import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from _harness import Results, Timer, arguments, planted_dna

from skmotif import ConvMotifClassifier, save
from skmotif.io import read_fasta
from skmotif.structure import fold


def write_random_fasta(path, n, length, seed=0, line=60):
    rng = np.random.default_rng(seed)
    letters = np.frombuffer(b"ACGT", dtype=np.uint8)
    with open(path, "w") as file:
        for start in range(0, n, 10000):
            block = letters[rng.integers(0, 4, size=(min(10000, n - start), length))]
            for i, row in enumerate(block):
                text = row.tobytes().decode()
                body = "\n".join(text[j : j + line] for j in range(0, length, line))
                file.write(f">seq{start + i}\n{body}\n")


def main():
    def add(parser):
        parser.add_argument("--fasta-n", type=int, default=470000, help="records for ~100 MB")
        parser.add_argument("--fold-n", type=int, default=400)
        parser.add_argument("--predict-n", type=int, default=1000000)

    args = arguments(__doc__, add)
    if args.smoke:
        args.fasta_n, args.fold_n, args.predict_n = 2000, 8, 2000
    results = Results(__file__, args)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "big.fa"
        write_random_fasta(path, args.fasta_n, 200)
        megabytes = path.stat().st_size / 1e6
        with Timer() as t:
            headers, _ = read_fasta(path)
        results.add(
            call="read_fasta",
            megabytes=megabytes,
            records=len(headers),
            mb_per_s=megabytes / t.seconds,
        )

        rna = [s.replace("T", "U") for s in planted_dna(args.fold_n, 200, seed=3)[0]]
        for n_jobs in (1, 2):
            fold(rna[:4], n_jobs=n_jobs)  # start workers
            with Timer() as t:
                fold(rna, n_jobs=n_jobs)
            results.add(call="fold", n_jobs=n_jobs, sequences_per_s=len(rna) / t.seconds)

        X, y = planted_dna(200 if args.smoke else 2000, 200)
        model = save(ConvMotifClassifier(epochs=1, random_state=0).fit(X, y), folder / "model")
        seqs = folder / "many.fa"
        write_random_fasta(seqs, args.predict_n, 200, seed=1)
        command = [sys.executable, "-m", "skmotif._cli", "predict", str(model), str(seqs)]
        command += ["--out", str(folder / "p.tsv")]
        with Timer() as t:
            subprocess.run(command, check=True)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows = (folder / "p.tsv").read_text().count("\n") - 1
        results.add(call="skmotif predict", sequences=rows, seconds=t.seconds, peak_mb=peak)
    results.write()


if __name__ == "__main__":
    main()
