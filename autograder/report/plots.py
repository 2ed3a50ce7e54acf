"""The report's figures, drawn from evidence numbers alone, as PNG bytes or data URIs.

Each figure is a `matplotlib.figure.Figure` with its own Agg canvas: no pyplot, no
global backend switch, so grading inside a notebook kernel leaves its plotting alone. Margins are
fixed, in inches, rather than solved for by a layout engine, and log axes get plain labels (1e-06)
and no minor ticks: a class's pages draw a figure per failed function, and those three choices make
a figure about three times cheaper to draw.
`*_figure` builds a figure, `*_png` gives its PNG bytes; both give None when the
evidence holds nothing to draw.
"""

from __future__ import annotations

import base64
import io
import math
from numbers import Real

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatter, NullLocator

FLOOR = 1e-17  # errors of 0 are drawn here, so that log scales hold them
DPI = 110
GOOD, BAD, REF, GUIDE = "#2e7d32", "#c62828", "#1565c0", "#757575"
CASE_COLOURS = ["#c62828", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457", "#283593", "#558b2f"]


def floored(values: list) -> list[float]:
    """Magnitudes made safe for a log axis: at least FLOOR; non-finite or missing ones as nan."""
    out = []
    for v in values:
        x = float(v) if isinstance(v, Real) else math.nan
        out.append(max(abs(x), FLOOR) if math.isfinite(x) else math.nan)
    return out


MARGINS = {"left": 0.95, "right": 0.2, "top": 0.4, "bottom": 0.6}  # inches around the axes: tick labels, titles
LEGEND_ROW = 0.21  # inches of one row of a legend below the axes


def new_figure(width: float = 6.4, height: float = 3.6, legend_rows: int = 0) -> Figure:
    """A blank figure on an Agg canvas, its axes inside fixed margins (and `legend_rows` rows of legend below)."""
    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    bottom = MARGINS["bottom"] + (LEGEND_ROW * legend_rows + 0.1 if legend_rows else 0)
    fig.subplots_adjust(left=MARGINS["left"] / width, right=1 - MARGINS["right"] / width,
                        top=1 - MARGINS["top"] / height, bottom=bottom / height)
    return fig


def log_axis(axis) -> None:
    """A log axis labelled plainly (1e-06, not mathtext) and without minor ticks."""
    axis.set_major_formatter(LogFormatter())
    axis.set_minor_locator(NullLocator())


def png_bytes(fig: Figure | None) -> bytes | None:
    """The figure as PNG bytes (None for no figure)."""
    if fig is None:
        return None
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def data_uri(png: bytes) -> str:
    """A `data:image/png;base64,…` URI for PNG bytes."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def short(label: str, width: int = 38) -> str:
    """A legend-sized label."""
    return label if len(label) <= width else label[: width - 1] + "…"


def tolerance_level(tolerance: dict | None) -> float:
    """The relative error a comparison roughly allows: rtol, else atol, else 1e-6."""
    tol = tolerance or {}
    return float(tol.get("rtol") or tol.get("atol") or 1e-6)


def part_errors_figure(name: str, cases: list[dict], tolerance: dict | None = None) -> Figure | None:
    """Bars of each part's relative error (dW1, db1 …) per case, on a log scale, against the tolerance.

    A result of one part gets one bar per case, the cases along the x axis.
    """
    cases = [c for c in cases if c.get("part_errors")][: len(CASE_COLOURS)]
    if not cases:
        return None
    parts = list(dict.fromkeys(p for c in cases for p in c["part_errors"]))
    single = len(parts) == 1
    tol = tolerance_level(tolerance)
    rows = -(-(len(cases) + 1) // 2)  # the legend: each case and the tolerance, two columns
    fig = new_figure(7.0, 3.2 + LEGEND_ROW * rows, legend_rows=rows)
    ax = fig.add_subplot()
    width = 0.6 if single else 0.8 / len(cases)
    lowest = tol
    for i, case in enumerate(cases):
        errs = floored([case["part_errors"].get(p) for p in parts])
        lowest = min([lowest, *(e for e in errs if e > FLOOR)])
        xs = [i] if single else [j - 0.4 + width * (i + 0.5) for j in range(len(parts))]
        ax.bar(xs, [e - FLOOR for e in errs], width * 0.9, bottom=FLOOR, color=CASE_COLOURS[i],
               label=short(f"{i + 1}. {case.get('label', 'hidden case')} ({case.get('status', '?')})", 44))
    ax.axhline(tol, color=GOOD, linestyle="--", linewidth=1.5, label=f"tolerance ({tol:g})")
    ax.set_yscale("log")
    log_axis(ax.yaxis)
    ax.set_ylim(max(FLOOR, lowest / 100), None)
    if single:
        ax.set_xticks(range(len(cases)), [f"case {i + 1}" for i in range(len(cases))])
    else:
        ax.set_xticks(range(len(parts)), parts)
    ax.set_title(f"{name}: relative error " + ("on each hidden case" if single else "of each part, per hidden case"))
    ax.set_xlabel("hidden case" if single else "part of the result")
    ax.set_ylabel("relative error (log scale)")
    ax.grid(True, axis="y", which="major", alpha=0.3)
    fig.legend(fontsize="small", loc="lower center", ncol=2, frameon=False, bbox_to_anchor=(0.5, 0.02))
    return fig


def eps_curve_figure(points: list[dict]) -> Figure | None:
    """numerical_gradient's error against eps (log–log), the student's next to the reference's."""
    if not points:
        return None
    fig = new_figure()
    ax = fig.add_subplot()
    eps = [float(p["eps"]) for p in points]
    ax.loglog(eps, floored([p.get("reference_error") for p in points]), "o-", color=REF,
              label="central difference (right)")
    mine = [p for p in points if p.get("student_error") is not None]
    if mine:
        ax.loglog([float(p["eps"]) for p in mine], floored([p["student_error"] for p in mine]), "s--", color=BAD,
                  label="your numerical_gradient")
    log_axis(ax.xaxis)
    log_axis(ax.yaxis)
    ax.set_title("numerical_gradient: error against the exact gradient")
    ax.set_xlabel("eps (step size)")
    ax.set_ylabel("relative error (log scale)")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def loss_curves_figure(losses: dict | None) -> Figure | None:
    """train: the student's loss per epoch against the reference's (log scale where they span decades)."""
    if not losses or not losses.get("reference"):
        return None
    fig = new_figure()
    ax = fig.add_subplot()
    ref = floored(losses["reference"])
    ax.plot(range(len(ref)), ref, color=REF, linewidth=2, label="reference training")
    if losses.get("student"):
        mine = floored(losses["student"])
        ax.plot(range(len(mine)), mine, color=BAD, linestyle="--", linewidth=2, label="your train")
    drawn = [v for v in ref + floored(losses.get("student") or []) if math.isfinite(v)]
    if drawn and max(drawn) > 30 * min(drawn):  # a log scale only where the losses span decades
        ax.set_yscale("log")
        log_axis(ax.yaxis)
    ax.set_title(short(f"train: loss per epoch — {losses.get('label', 'hidden case')}", 70))
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss E")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def score_histogram_figure(scores: list[float], max_score: float, assignment: str = "") -> Figure | None:
    """The class's total scores as a histogram."""
    if not scores:
        return None
    fig = new_figure(6.4, 3.4)
    ax = fig.add_subplot()
    top = max(max_score, max(scores), 1.0)
    ax.hist(scores, bins=min(20, max(5, int(top))), range=(0, top), color=REF, edgecolor="white",
            label=f"{len(scores)} submissions")
    ax.axvline(sum(scores) / len(scores), color=BAD, linestyle="--", label="mean")
    ax.set_title(f"{assignment} total scores".strip())
    ax.set_xlabel(f"score (out of {max_score:g})")
    ax.set_ylabel("students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize="small")
    return fig


def part_errors_png(name: str, cases: list[dict], tolerance: dict | None = None) -> bytes | None:
    """part_errors_figure as PNG bytes."""
    return png_bytes(part_errors_figure(name, cases, tolerance))


def eps_curve_png(points: list[dict]) -> bytes | None:
    """eps_curve_figure as PNG bytes."""
    return png_bytes(eps_curve_figure(points))


def loss_curves_png(losses: dict | None) -> bytes | None:
    """loss_curves_figure as PNG bytes."""
    return png_bytes(loss_curves_figure(losses))


def score_histogram_png(scores: list[float], max_score: float, assignment: str = "") -> bytes | None:
    """score_histogram_figure as PNG bytes."""
    return png_bytes(score_histogram_figure(scores, max_score, assignment))
