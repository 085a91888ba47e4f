"""
From a BED file and a genome to a model, its motif and a track
==============================================================

The path most data of the field take: peaks in a BED file on a genome FASTA.
A synthetic genome with AP-1 sites planted at known places stands in for a
real one (``make_motif_genome``); everything after that is what you would run
on hg38 and an ENCODE narrowPeak file: sequences cut around the summits,
GC-matched negatives from the rest of the genome, a split by chromosome, a
classifier, its kernel read as a motif, and a scan of a held-out chromosome
written as a bigWig track.
"""

# %%
import os
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pyBigWig
from sklearn.metrics import roc_auc_score

from skmotif import ConvMotifClassifier, kernel_motifs
from skmotif.datasets import make_motif_genome
from skmotif.genome import (
    ChromosomeSplit,
    Genome,
    background_regions,
    extract,
    gc_match,
    genome_params,
    scan,
    shift_robustness,
)

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

folder = Path(tempfile.mkdtemp())
lengths = {f"chr{i}": (40000 if FAST else 150000) for i in range(1, 6)}
made = make_motif_genome(folder, lengths, random_state=0)
genome = Genome(made["genome"])
# Cut 25 wider on each side for random crops: peaks cut exactly around their summits put
# every site at the centre, and a network trained on them alone misses sites in a scan.
FLANK = 25
X_peaks, peaks = extract(genome, made["peaks"], width=200, flank=FLANK)
X_background, background = background_regions(
    genome, made["peaks"], kind="gc", width=200 + 2 * FLANK, random_state=0
)
print(
    f"{len(X_peaks)} peaks, {len(X_background)} GC-matched background regions "
    f"(KS statistic of GC content {gc_match(X_peaks, X_background):.3f})"
)

# %%
# Whole chromosomes apart: chr5 for the test, chr4 to monitor training.
X = np.concatenate([X_peaks, X_background])
y = np.repeat([1, 0], [len(X_peaks), len(X_background)])
chromosomes = np.concatenate([peaks.chrom, background.chrom])
train, validation, test = ChromosomeSplit(
    test=["chr5"], validation=["chr4"], chromosomes=chromosomes
).split3()
# The genome path's network: one convolution pooled over all positions, sized to the data,
# trained on random crops of the wider regions (a scan every 25 positions: crops of 25).
params = genome_params(len(train), width=200, step=25)
clf = ConvMotifClassifier(**params, epochs=5 if FAST else 40, random_state=0)
clf.fit(X[train], y[train], validation_data=(X[validation], y[validation]))
print(f"test auROC on chr5: {roc_auc_score(y[test], clf.predict_proba(X[test])[:, 1]):.3f}")
regions = pd.concat([peaks, background], ignore_index=True)  # the rows of X
moved = shift_robustness(clf, genome, regions.iloc[test], y[test], step=25)
print("held-out auROC with windows moved:", {k: round(v, 3) for k, v in moved.items()})
motif, importance = max(kernel_motifs(clf, X[test], y[test]), key=lambda r: r.importance)
print("most important kernel:", motif.consensus if motif else "-")

# %%
# The held-out chromosome as a track: the probability of a peak every 25
# positions, both strands averaged. The planted sites light it up.
(folder / "chr5.bed").write_text(f"chr5\t0\t{lengths['chr5']}\n")
track = scan(clf, genome, folder / "ap1.bw", regions=folder / "chr5.bed", step=25)
reader = pyBigWig.open(str(track))
values = np.nan_to_num(np.array(reader.values("chr5", 0, lengths["chr5"])))
reader.close()
sites = made["sites"][made["sites"].chrom == "chr5"].start.to_numpy()
on_site = np.zeros(lengths["chr5"], bool)
for s in sites:
    on_site[s : s + 8] = True
scored = values != 0
print(f"track auROC at the planted sites: {roc_auc_score(on_site[scored], values[scored]):.3f}")
fig, ax = plt.subplots(figsize=(9, 2.8))
window = slice(0, 6000)
ax.plot(np.arange(lengths["chr5"])[window], values[window], linewidth=0.8)
for s in sites[sites < window.stop]:
    ax.axvline(s, color="grey", alpha=0.4, linewidth=0.8)
ax.set(xlabel="chr5 position", ylabel="P(peak)", title="scan of a held-out chromosome")
fig.tight_layout()
