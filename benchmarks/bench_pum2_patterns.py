"""The PUM2 pattern check: does TF-MoDISco read the Pumilio element from the demo's model?

Trains the model of ``skmotif demo`` (the bundled PUM2 set, kernel_len=8,
ACGU, random_state=0, the same 80/20 split), then writes the attribution
report of the PUM2 class from the test sequences, as
``skmotif demo --attribution`` does, and prints its patterns. The Pumilio
element is UGUAnAUA (UGUAAAUA, UGUACAUA, UGUAUAUA, ...): the check is
whether the top positive pattern's consensus contains it.

Run: python benchmarks/bench_pum2_patterns.py [--max-sequences 1000] [--out pum2-patterns]
"""

import re
import tempfile

import numpy as np
from _harness import Results, Timer, arguments
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from skmotif import ConvMotifClassifier
from skmotif.datasets import load_pum2
from skmotif.report import visualize_patterns

PUMILIO = re.compile("UGUA.AUA")


def main():
    def add(parser):
        parser.add_argument("--max-sequences", type=int, default=1000)
        parser.add_argument("--out", default="pum2-patterns")

    args = arguments(__doc__, add)
    X, y = load_pum2()
    if args.smoke:
        X, y, args.max_sequences, args.out = X[::40], y[::40], 40, tempfile.mkdtemp()
    labels = np.array(["background", "PUM2"])[y]
    X_train, X_test, y_train, y_test = train_test_split(
        X, labels, test_size=0.2, stratify=labels, random_state=0
    )
    with Timer() as fit:
        clf = ConvMotifClassifier(
            kernel_len=8, alphabet="ACGU", random_state=0, **({"epochs": 1} if args.smoke else {})
        )
        clf.fit(X_train, y_train)
    pum2 = list(clf.classes_).index("PUM2")
    auc = roc_auc_score(y_test == "PUM2", clf.predict_proba(X_test)[:, pum2])
    results = Results(__file__, args)
    with Timer() as report:
        found = visualize_patterns(
            clf, X_test, y_test, args.out, targets=["PUM2"], max_sequences=args.max_sequences
        )
    patterns = found["PUM2"]
    for p in patterns:
        results.add(
            part="pattern",
            pattern=p.motif.name,
            sign=p.sign,
            seqlets=p.n_seqlets,
            consensus=p.motif.consensus,
        )
    top = next((p for p in patterns if p.sign > 0), None)
    results.add(
        part="summary",
        fit_seconds=fit.seconds,
        test_auroc=auc,
        report_seconds=report.seconds,
        patterns=len(patterns),
        top_reads_pumilio=bool(top and PUMILIO.search(top.motif.consensus)),
    )
    results.write()


if __name__ == "__main__":
    main()
