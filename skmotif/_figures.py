"""Drawing one kernel's figures: needs only matplotlib.

Kept apart from :mod:`skmotif.report` so that the worker processes which
draw kernels in parallel start without importing scikit-learn or Keras.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ._motif import MotifPair

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ._motif import Motif

_DPI = 90
#: The files one kernel's figures are written to, by figure.
KERNEL_FILES = {
    "motif": "motif_kernel_{k}.png",
    "position": "position_kernel_{k}.png",
    "activations": "activations_kernel_{k}.png",
    "features": "additional_features_kernel_{k}.png",
    "target": "target_kernel_{k}.png",
}
#: Above this many points the target figure is a hexagon density plot, not a scatter.
DENSITY_ABOVE = 2000


def _logo_size(n_positions, pair):
    return max(4.0, 0.3 * n_positions + 1.2), 3.6 if pair else 1.9


def plot_logo(
    motif: Motif | MotifPair,
    ax: Axes | list | None = None,
    colors_sequence: dict | None = None,
    colors_structure: dict | None = None,
    title: str | None = None,
) -> list:
    """Draw a motif, or a (sequence, structure) pair one above the other.

    Parameters
    ----------
    motif : Motif or MotifPair
    ax : matplotlib Axes or sequence of two Axes, optional
        Two for a MotifPair (sequence above structure).
    colors_sequence, colors_structure : dict of str to str, optional
    title : str, optional

    Returns
    -------
    axes : list of matplotlib Axes
    """
    pair = isinstance(motif, MotifPair)
    if ax is None:
        size = _logo_size(len(motif), pair)
        _, ax = plt.subplots(2 if pair else 1, 1, figsize=size)
    axes = list(np.atleast_1d(ax))
    if pair:
        return motif.plot(axes, colors_sequence, colors_structure, title)
    return [motif.plot(axes[0], colors_sequence, title=title)]


def _fixed_titles(ax, title=""):
    """Set a title at a fixed height: matplotlib then skips placing it around tick labels,
    which costs a third of drawing these small figures."""
    ax.set_title(title, y=1.0, pad=4)


def save_figure(fig, path, close=True):
    """Write a PNG (fast compression); close the figure unless it is a reused canvas
    (whose axis labels are then pinned: :func:`_pin_labels`)."""
    if not close:
        _pin_labels(fig)
    fig.savefig(path, dpi=_DPI, pil_kwargs={"compress_level": 1})
    if close:
        plt.close(fig)


def _pin_labels(fig):
    """Fix where the axis labels go, once per figure.

    Otherwise matplotlib measures every tick label of the figure each time it
    places a label: about a tenth of drawing the kernels' small figures. An
    x label stays where matplotlib first puts it (tick labels are a line of
    digits, as tall in every figure); a y label goes to the figure's left
    edge, clear of tick labels as wide as the margin allows, so labels line
    up from figure to figure.
    """
    if fig in _PINNED:
        return
    _PINNED.add(fig)
    fig.draw_without_rendering()
    edge = 4 * fig.dpi / 72  # pixels
    for ax in fig.axes:
        to_axes = ax.transAxes.inverted()
        x, y = ax.xaxis.label.get_position()  # x in axes, y in pixels
        ax.xaxis.set_label_coords(x, to_axes.transform((0, y))[1])
        width = ax.yaxis.label.get_window_extent().width  # of the turned text
        ax.yaxis.set_label_coords(to_axes.transform((edge + width, 0))[0], 0.5)


#: Figures reused from kernel to kernel (per process), by layout: building axes
#: and their ticks costs more than drawing the data.
_CANVASES = {}
_PINNED = weakref.WeakSet()  # figures whose axis labels are pinned


def _canvas(key, make):
    """The figure for ``key``, built by ``make()`` on first use, emptied of data."""
    if key not in _CANVASES:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        _CANVASES[key] = make()
        FigureCanvasAgg(_CANVASES[key])  # kept, so is its renderer, which caches text sizes
    fig = _CANVASES[key]
    for ax in fig.axes:
        for artist in [*ax.lines, *ax.collections, *ax.patches]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.set_prop_cycle(None)
    return fig


def _new_position_figure():
    fig = Figure(figsize=(6.5, 4.2))
    hist_ax, mean_ax = fig.subplots(2, 1, sharex=True)
    hist_ax.set_ylabel("sequences")
    mean_ax.set(xlabel="window start (position in sequence)", ylabel="activation (mean ± sd)")
    _fixed_titles(mean_ax)
    fig.subplots_adjust(left=0.12, right=0.97, top=0.92, bottom=0.12, hspace=0.12)
    return fig


def _position_plot(figures, path):
    fig = _canvas(("position", len(figures.classes)), _new_position_figure)
    hist_ax, mean_ax = fig.axes
    positions = np.arange(figures.histogram.shape[1])
    for c, name in enumerate(figures.classes):
        n = figures.histogram[c].sum()
        if not n:
            hist_ax.plot([], [], label=f"{name}: no sequence above threshold")
            continue
        label = f"{name} (n={n})"
        (line,) = hist_ax.step(positions, figures.histogram[c], where="mid", label=label)
        mean, sd = figures.mean[c], figures.sd[c]
        mean_ax.plot(positions, mean, color=line.get_color())
        mean_ax.fill_between(
            positions, mean - sd, mean + sd, alpha=0.25, color=line.get_color(), linewidth=0
        )
    for ax in fig.axes:
        ax.relim()
        ax.autoscale_view()
    _fixed_titles(hist_ax, f"Kernel {figures.kernel}: position of the maximum activation")
    hist_ax.legend(
        fontsize="small",
        frameon=False,
        title=figures.group_name,
        title_fontsize="small",
        loc="upper right",
    )
    save_figure(fig, path, close=False)


def _new_violin_figure(n_classes, classes, group_name):
    fig = Figure(figsize=(1.6 + 0.8 * n_classes, 3.0))
    ax = fig.subplots()
    ax.set_xticks(range(n_classes), [str(c) for c in classes])
    ax.set(xlabel=group_name, ylabel="max activation")
    fig.subplots_adjust(left=0.25, right=0.95, top=0.88, bottom=0.17)
    return fig


def _violin_plot(figures, path):
    classes = [str(c) for c in figures.classes]
    fig = _canvas(
        ("violin", figures.group_name, *classes),
        lambda: _new_violin_figure(len(classes), classes, figures.group_name),
    )
    (ax,) = fig.axes
    present = [i for i, values in enumerate(figures.maxima) if len(values)]
    ax.violinplot([figures.maxima[i] for i in present], positions=present, showmedians=True)
    ax.axhline(figures.threshold, color="grey", linestyle=":", label="threshold")
    ax.relim()
    ax.autoscale_view()
    _fixed_titles(ax, f"Kernel {figures.kernel}")
    ax.legend(fontsize="small", frameon=False, loc="upper left")
    save_figure(fig, path, close=False)


def _target_plot(figures, path):
    """A regressor's target against the kernel's maximum activation, one point a sequence."""
    name, values, maxima, r = figures.target
    fig = Figure(figsize=(4.2, 3.4))
    ax = fig.subplots()
    if len(values) > DENSITY_ABOVE:
        ax.hexbin(maxima, values, gridsize=40, bins="log", cmap="Blues", mincnt=1)
    else:
        ax.scatter(maxima, values, s=6, alpha=0.4, linewidths=0)
    ax.set(xlabel="max activation", ylabel=name, title=f"Kernel {figures.kernel}: r = {r:.2f}")
    fig.subplots_adjust(left=0.18, right=0.96, top=0.9, bottom=0.15)
    save_figure(fig, path)


def _features_plot(figures, path):
    mean, sd = figures.features
    n_features = mean.shape[1]
    fig, axes = plt.subplots(n_features, 1, figsize=(5, 1.6 * n_features + 0.6), squeeze=False)
    positions = np.arange(len(mean))
    for f, ax in enumerate(axes[:, 0]):
        ax.plot(positions, mean[:, f])
        ax.fill_between(
            positions, mean[:, f] - sd[:, f], mean[:, f] + sd[:, f], alpha=0.3, linewidth=0
        )
        ax.set(ylabel=f"feature {f}")
    axes[0, 0].set_title(f"Kernel {figures.kernel}: additional features at the motif sites")
    axes[-1, 0].set_xlabel("position in motif")
    fig.tight_layout()
    save_figure(fig, path)


def _new_logo_figure(n_positions, pair):
    width, height = _logo_size(n_positions, pair)
    fig = Figure(figsize=(width, height))
    fig.subplots(2 if pair else 1, 1)
    fig.subplots_adjust(  # margins in inches: room for labels
        left=0.65 / width,
        right=1 - 0.1 / width,
        top=1 - 0.3 / height,
        bottom=0.5 / height,
        hspace=0.7,
    )
    return fig


def warm_up_drawing():
    """Import what drawing needs; run in each worker process ahead of the work."""
    from ._glyphs import _unit_letter

    for symbol in "ACGTU":
        _unit_letter(symbol)


def draw_kernel(figures, folder, colors_sequence, colors_structure):
    """Write one kernel's PNG files."""
    files = {
        name: folder / pattern.format(k=figures.kernel) for name, pattern in KERNEL_FILES.items()
    }
    if figures.motif is not None:
        pair = isinstance(figures.motif, MotifPair)
        width = len(figures.motif)
        fig = _canvas(("logo", width, pair), lambda: _new_logo_figure(width, pair))
        plot_logo(figures.motif, fig.axes, colors_sequence, colors_structure, figures.title)
        save_figure(fig, files["motif"], close=False)
    if figures.features is not None:
        _features_plot(figures, files["features"])
    if figures.target is not None:
        _target_plot(figures, files["target"])
    _position_plot(figures, files["position"])
    _violin_plot(figures, files["activations"])
