"""Letters as stretched paths: the logos of motifs and attributions, drawn in one artist.

Each symbol's outline (DejaVu Sans Bold) is computed once and scaled to fill
its box: 0.95 positions wide and as tall as its value. Positive values stack
upwards from zero, the largest on top; negative ones downwards, the largest
at the bottom (as logomaker draws them). All letters of a logo go into one
``PathCollection``, which draws about seven times faster than a patch per
letter.
"""

from functools import cache

import numpy as np

#: Default logo colours; any other symbol is drawn black .
COLORS = {
    "A": "#00CC00",
    "C": "#0000CC",
    "G": "#FFB300",
    "T": "#CC0000",
    "U": "#CC0000",
    "H": "#CC0000",
    "I": "#FFB300",
    "M": "#00CC00",
    "S": "#CC00FF",
}
#: Width of a letter, in positions.
WIDTH = 0.95


@cache
def _unit_letter(symbol):
    """The symbol's outline scaled to the unit square."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath
    from matplotlib.transforms import Affine2D

    path = TextPath(
        (0, 0), symbol, size=1, prop=FontProperties(family="DejaVu Sans", weight="bold")
    )
    box = path.get_extents()
    return path.transformed(
        Affine2D().translate(-box.x0, -box.y0).scale(1 / box.width, 1 / box.height)
    )


def logo_colors(symbols, colors=None):
    """Colour per symbol: the default colours (case-insensitive), black for
    others, then ``colors`` over them."""
    scheme = {s: COLORS.get(s.upper(), "black") for s in symbols}
    scheme.update(colors or {})
    return scheme


def draw_letters(ax, values, symbols, colors, first=0):
    """Draw stacked letters on ``ax``, one stack per integer position; return their extent.

    Parameters
    ----------
    ax : matplotlib Axes
    values : ndarray of float, shape (n_positions, n_symbols)
        Letter heights; zeros are not drawn.
    symbols : str
        One per column.
    colors : dict of str to str
        Colour per symbol.
    first : int, default=0
        The x coordinate of the first stack (of a window into a longer sequence).

    Returns
    -------
    low, high : float
        The bottom of the lowest and the top of the highest stack (0 when
        there is none on that side).
    """
    from matplotlib.collections import PathCollection
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import Affine2D

    paths, faces, low, high = [], [], 0.0, 0.0
    for position, row in enumerate(np.asarray(values, dtype=float)):
        for sign in (1, -1):
            base = 0.0
            for column in np.argsort(sign * row):  # nearest zero first
                height = sign * row[column]
                if height <= 0:
                    continue
                bottom = base if sign > 0 else -base - height
                left = first + position - WIDTH / 2
                box = Affine2D().scale(WIDTH, height).translate(left, bottom)
                paths.append(_unit_letter(symbols[column]).transformed(box))
                faces.append(colors[symbols[column]])
                base += height
            low, high = (low, max(high, base)) if sign > 0 else (min(low, -base), high)
    ax.add_collection(
        PathCollection(paths, facecolors=faces, edgecolors="none", transform=ax.transData),
        autolim=False,
    )
    ax.set_xlim(first - 0.5, first + len(values) - 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # positions, never 2.5
    return low, high


def draw_logo(ax, values, symbols, colors, ylabel, ylim=None, first=0):
    """A logo of letter heights on ``ax``: motifs in bits, attributions above and below 0.

    Parameters
    ----------
    ax : matplotlib Axes
    values : ndarray of float, shape (n_positions, n_symbols)
    symbols : str
        One per column.
    colors : dict of str to str or None
        Colours over :data:`COLORS` (see :func:`logo_colors`).
    ylabel : str
    ylim : (float, float), optional
        The value axis; by default the letters' extent with 5% margins and a
        line at zero.
    first : int, default=0
        The position of the first row of ``values`` on the x axis.
    """
    low, high = draw_letters(ax, values, symbols, logo_colors(symbols, colors), first)
    if ylim is None:
        pad = 0.05 * ((high - low) or 1.0)
        ylim = (low - pad, high + pad)
        ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_ylim(*ylim)
    ax.set(xlabel="position", ylabel=ylabel)
