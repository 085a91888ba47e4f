"""
Base-resolution profiles (BPNet): read counts at every base, from planted footprints
===================================================================================

:func:`~skmotif.datasets.make_motif_profiles` plants six motifs (GATA, AP-1, CTCF, a
weak NRF1-like one and two ETS near-duplicates) whose bound sites leave ChIP-nexus-like
footprints: reads on the + strand a few bases upstream, on the - strand downstream,
over a background that gives at least half of the reads, sampled multinomially. So
the best profile any model can predict is known. :class:`~skmotif.ConvMotifProfileRegressor`
learns the profile and the total count of each region from the sequence; it is
tested here on a chromosome it never saw, and DeepLIFT on its profile unit points
at the planted sites.
"""

# %%
import os

import matplotlib.pyplot as plt
import numpy as np

from skmotif import ConvMotifProfileRegressor
from skmotif.datasets import make_motif_profiles
from skmotif.interpret import deep_lift_shap, variant_effects
from skmotif.metrics import multinomial_nll, profile_metrics

FAST = os.environ.get("SKMOTIF_EXAMPLES_FAST") == "1"  # the test suite's shorter run

# The network reads 2 * random_crop fewer positions than X and predicts 2 * random_crop
# fewer than y: that margin is the jitter of training.
if FAST:
    data = make_motif_profiles(400, input_length=400, output_length=200, random_state=0)
    params = dict(
        kernel_num=16,
        residual_num=3,
        profile_kernel_len=25,
        random_crop=16,
        learning_rate=0.004,
        batch_size=16,
    )
else:  # bpnet-lite's network: 2,114 bases in, 1,000 out
    data = make_motif_profiles(4000, input_length=2370, output_length=1256, random_state=0)
    params = {}
train, test = data.chromosome != "chr4", data.chromosome == "chr4"
model = ConvMotifProfileRegressor(**params, epochs=3 if FAST else 30, random_state=0)
model.fit(data.X[train], data.y[train])

# %%
# Held-out chromosome: the predicted window is the centre of y's.
margin = model.random_crop
observed = data.y[test][:, margin : data.y.shape[1] - margin]
predicted = model.predict(data.X[test])
truth = data.probabilities[test][:, margin : data.y.shape[1] - margin]
flat = np.ones_like(predicted)
shown = {"flat": flat, "model": predicted, "truth": truth}
nll = {name: multinomial_nll(observed, p).mean() for name, p in shown.items()}
closed = (nll["flat"] - nll["model"]) / (nll["flat"] - nll["truth"])
print({key: round(value, 3) for key, value in profile_metrics(observed, predicted).items()})
print(f"profile NLL: flat {nll['flat']:.1f}, model {nll['model']:.1f}, truth {nll['truth']:.1f}")
print(f"{closed:.0%} of the gap between a flat profile and the truth closed")

# %%
# Observed reads and the predicted profile of the test region with the most reads.
best = int(np.argmax(observed.sum(axis=(1, 2))))
fig, ax = plt.subplots(figsize=(8, 3))
for track, (sign, color) in enumerate([(1, "tab:blue"), (-1, "tab:red")]):
    ax.bar(np.arange(observed.shape[1]), sign * observed[best, :, track], color=color, alpha=0.4)
    ax.plot(sign * predicted[best, :, track], color=color, label=f"predicted {'+-'[track]}")
ax.set(xlabel="position in the predicted window", ylabel="reads (- strand below)")
ax.legend()

# %%
# DeepLIFT/SHAP of the profile unit (the softmax-weighted logits, weights held) over
# that region's input window; the planted sites are shaded.
region = int(np.flatnonzero(test)[best])
contributions = deep_lift_shap(model, data.X[[region]], target="profile", random_state=0)
offset = margin  # the network's input starts random_crop into X
fig, ax = plt.subplots(figsize=(8, 2.5))
ax.plot(contributions[0].sum(axis=1), color="black", lw=0.8)
for site in data.sites[data.sites.region == region].itertuples():
    ax.axvspan(site.start - offset, site.end - offset, color="gold", alpha=0.4)
    ax.text(site.start - offset, ax.get_ylim()[1] * 0.8, site.motif, fontsize=7)
ax.set(xlabel="position in the network's input", ylabel="contribution")

# %%
# A variant in a planted site: how it moves the counts and the profile's shape.
site = data.sites[data.sites.region == region].iloc[0]
base = data.X[region][site.start + 1]
alt = "A" if base != "A" else "C"
print(variant_effects(model, data.X, [(region, site.start + 1, base, alt)]))
